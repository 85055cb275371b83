// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {RewardsFixture} from "../utils/RewardsTestBase.sol";
import {RewardDistributorHandler} from "./handlers/RewardDistributorHandler.sol";

/// @notice Economic invariants of the settlement stack (PaymentEscrow, RewardDistributor, Treasury) under random
/// sequences of deposits, withdrawals, epochs (random debits, protocol fee, burn share, emissions, valid cumulative
/// trees), disabled roots, time warps, designated claimers and claims.
contract RewardDistributorInvariantTest is RewardsFixture {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    RewardDistributorHandler internal handler;

    function setUp() public {
        _deployStack();
        vm.prank(admin);
        distributor.setEmissionCap(address(octo), 1_000e18);
        handler = new RewardDistributorHandler(
            IERC20(address(octo)),
            IERC20(address(roleA)),
            escrow,
            treasury,
            distributor,
            admin,
            settlement,
            holder
        );
        address guardian = handler.GUARDIAN();
        vm.prank(admin);
        distributor.grantRole(keccak256("GUARDIAN_ROLE"), guardian);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory s = new bytes4[](8);
        s[0] = RewardDistributorHandler.deposit.selector;
        s[1] = RewardDistributorHandler.requestWithdrawal.selector;
        s[2] = RewardDistributorHandler.withdraw.selector;
        s[3] = RewardDistributorHandler.submitEpoch.selector;
        s[4] = RewardDistributorHandler.disablePending.selector;
        s[5] = RewardDistributorHandler.warp.selector;
        s[6] = RewardDistributorHandler.setClaimer.selector;
        s[7] = RewardDistributorHandler.claim.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector(address(handler), s);
    }

    /// @dev The handler really settles and pays (guards against an invariant suite that only sees no-ops).
    function test_handler_drivesEpochsAndClaims() public {
        handler.deposit(0, 5_000e18);
        handler.deposit(1, 7_000e18);
        handler.submitEpoch(1, 0.05e18, 0.5e18, 300e18, 100e18);
        handler.requestWithdrawal(0, 1_000e18);
        handler.submitEpoch(2, 0.1e18, 0.3e18, 500e18, 0);
        handler.disablePending(true);
        handler.submitEpoch(3, 0.2e18, 1e18, 1_000e18, 50e18);
        handler.warp(1 days);
        for (uint256 e; e < 4; ++e) {
            handler.claim(e, 0, false);
            handler.claim(e, 1, false);
        }
        handler.withdraw(0);
        vm.assertEq(handler.callsSubmit(), 3);
        vm.assertEq(handler.callsDisable(), 1);
        vm.assertEq(handler.callsDisableByGuardian(), 1);
        vm.assertTrue(distributor.hasRole(keccak256("GUARDIAN_ROLE"), handler.GUARDIAN()));
        vm.assertGe(handler.callsClaim(), 4);
        vm.assertGe(distributor.totalClaimed(address(octo)), 1);
        vm.assertGe(distributor.totalClaimed(address(roleA)), 1);
        vm.assertGe(treasury.totalBurned(), 1);
        invariant_contractsHoldWhatTheirBooksSay();
        invariant_claimsNeverExceedFunding();
        invariant_noEarnerPaidTwice();
        invariant_treasuryFeesAndBurns();
    }

    /// @dev Escrow OCTO == totalBalance == sum of requester balances; distributor holds exactly
    /// totalFunded - totalClaimed of each token; treasury OCTO == fees received - burned.
    function invariant_contractsHoldWhatTheirBooksSay() public view {
        uint256 sum;
        for (uint256 i; i < 3; ++i) {
            sum += escrow.balanceOf(handler.requesters(i));
        }
        vm.assertEq(octo.balanceOf(address(escrow)), escrow.totalBalance(), "escrow holdings");
        vm.assertEq(escrow.totalBalance(), sum, "escrow sum of balances");
        for (uint256 t; t < 2; ++t) {
            address tok = handler.token(t);
            vm.assertEq(
                IERC20(tok).balanceOf(address(distributor)),
                distributor.totalFunded(tok) - distributor.totalClaimed(tok),
                "distributor holdings"
            );
        }
        vm.assertEq(
            octo.balanceOf(address(treasury)),
            treasury.totalFeesReceived() - treasury.totalBurned(),
            "treasury holdings"
        );
    }

    /// @dev Total claimed never exceeds total funded; neither does what the roots promise; funding is what the
    /// epochs provided.
    function invariant_claimsNeverExceedFunding() public view {
        for (uint256 t; t < 2; ++t) {
            address tok = handler.token(t);
            uint256 promised;
            for (uint256 e; e < 4; ++e) {
                promised += handler.modelCumulative(e, t);
            }
            vm.assertLe(distributor.totalClaimed(tok), distributor.totalFunded(tok), "claimed <= funded");
            vm.assertLe(promised, distributor.totalFunded(tok), "promised <= funded");
            vm.assertEq(distributor.totalFunded(tok), handler.ghostFunded(t), "funded");
        }
    }

    /// @dev Every earner has been paid exactly its highest claimed cumulative amount, once.
    function invariant_noEarnerPaidTwice() public view {
        for (uint256 e; e < 4; ++e) {
            for (uint256 t; t < 2; ++t) {
                uint256 i = e * 2 + t;
                address earner = handler.earners(e);
                vm.assertEq(handler.ghostPaid(i), handler.ghostMaxClaimedCumulative(i), "paid == max cumulative");
                vm.assertEq(distributor.claimed(earner, handler.token(t)), handler.ghostPaid(i), "claimed == paid");
            }
        }
        vm.assertEq(handler.ghostUnexpectedClaimResults(), 0, "claim accepted twice or refused wrongly");
    }

    /// @dev The treasury received exactly the protocol fees and burned exactly their burn shares; OCTO supply moves
    /// only by emissions and burns.
    function invariant_treasuryFeesAndBurns() public view {
        vm.assertEq(treasury.totalFeesReceived(), handler.ghostProtocolFees(), "fees received");
        vm.assertEq(treasury.totalBurned(), handler.ghostBurned(), "burned");
        vm.assertEq(
            octo.totalSupply(), OCTO_INITIAL + handler.ghostOctoEmitted() - handler.ghostBurned(), "OCTO supply"
        );
    }
}
