// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {RewardsFixture} from "../utils/RewardsTestBase.sol";
import {RewardDistributorHandler} from "./handlers/RewardDistributorHandler.sol";

/// @notice Economic and anchoring invariants of the settlement stack (PaymentEscrow, AttestationRegistry epochs,
/// RewardDistributor, Treasury) under random sequences of deposits, withdrawals (live or lapsed), epochs committed
/// with random (valid, forged, exceeded, unfunded) vouchers, seeded and settled with valid cumulative trees and
/// random emissions, over-cap mint attempts, disabled roots, time warps, designated claimers and claims.
contract RewardDistributorInvariantTest is RewardsFixture {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 internal constant OCTO_EMISSION_CAP = 1_000e18;

    RewardDistributorHandler internal handler;

    function setUp() public {
        _deployStack();
        vm.prank(admin);
        distributor.setEmissionCap(address(octo), OCTO_EMISSION_CAP);
        handler = new RewardDistributorHandler(
            IERC20(address(octo)),
            IERC20(address(roleA)),
            escrow,
            treasury,
            distributor,
            registry,
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
        bytes4[] memory s = new bytes4[](9);
        s[0] = RewardDistributorHandler.deposit.selector;
        s[1] = RewardDistributorHandler.requestWithdrawal.selector;
        s[2] = RewardDistributorHandler.withdraw.selector;
        s[3] = RewardDistributorHandler.submitEpoch.selector;
        s[4] = RewardDistributorHandler.disablePending.selector;
        s[5] = RewardDistributorHandler.warp.selector;
        s[6] = RewardDistributorHandler.setClaimer.selector;
        s[7] = RewardDistributorHandler.claim.selector;
        s[8] = RewardDistributorHandler.submitOverCap.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector(address(handler), s);
    }

    /// @dev The handler really settles, skips, rejects and pays (guards against a suite that only sees no-ops).
    function test_handler_drivesEpochsAndClaims() public {
        handler.deposit(0, 5_000e18);
        handler.deposit(1, 7_000e18);
        handler.deposit(2, 3_000e18);
        for (uint256 s = 1; s <= 3; ++s) {
            handler.submitEpoch(s, 0.05e18, 0.5e18, 300e18, 100e18);
        }
        handler.requestWithdrawal(0, 1_000e18);
        handler.submitEpoch(4, 0.1e18, 0.3e18, 500e18, 0);
        handler.disablePending(true);
        handler.submitOverCap(5, 1, false);
        handler.submitEpoch(6, 0.2e18, 1e18, 1_000e18, 50e18);
        handler.warp(1 days);
        for (uint256 e; e < 4; ++e) {
            handler.claim(e, 0, false);
            handler.claim(e, 1, false);
        }
        handler.withdraw(0);
        vm.assertEq(handler.callsSubmit(), 6);
        vm.assertEq(handler.callsDisable(), 1);
        vm.assertEq(handler.callsDisableByGuardian(), 1);
        vm.assertEq(handler.callsOverCapRejected(), 1);
        vm.assertGe(handler.callsSkipped(), 1);
        vm.assertGe(handler.callsClaim(), 4);
        vm.assertGe(distributor.totalClaimed(address(octo)), 1);
        vm.assertGe(distributor.totalClaimed(address(roleA)), 1);
        vm.assertGe(treasury.totalBurned(), 1);
        invariant_debitsNeverExceedSignedVouchers();
        invariant_emissionsPerEpochWithinCap();
        invariant_everyRootAnchoredInRegistry();
        invariant_escrowHoldsBalancesAndReservations();
        invariant_contractsHoldWhatTheirBooksSay();
        invariant_claimsNeverExceedFunding();
        invariant_noEarnerPaidTwice();
        invariant_treasuryFeesAndBurns();
    }

    /// @dev What the escrow took from a requester for an epoch never exceeds the maxAmount it validly signed.
    function invariant_debitsNeverExceedSignedVouchers() public view {
        uint64 n = handler.epochsCommitted();
        for (uint64 e; e < n; ++e) {
            for (uint256 i; i < 3; ++i) {
                address r = handler.requesters(i);
                vm.assertLe(escrow.reservedOf(e, r), handler.ghostSigned(e, r), "debit above voucher");
            }
        }
    }

    /// @dev Emissions per registry epoch never exceed the per-epoch cap; over-cap attempts are always rejected.
    function invariant_emissionsPerEpochWithinCap() public view {
        uint64 n = handler.epochsCommitted();
        for (uint64 e; e < n; ++e) {
            vm.assertLe(distributor.epochEmission(e, address(roleA)), ROLE_EMISSION_CAP, "OCTO-A above cap");
            vm.assertLe(distributor.epochEmission(e, address(octo)), OCTO_EMISSION_CAP, "OCTO above cap");
        }
        vm.assertEq(handler.ghostOverCapAccepted(), 0, "over-cap mint accepted");
    }

    /// @dev Every root the distributor accepted is for an epoch committed and seeded in the registry, and every
    /// committed epoch was settled exactly once.
    function invariant_everyRootAnchoredInRegistry() public view {
        uint64 n = handler.epochsCommitted();
        if (n == 0) {
            vm.assertEq(distributor.latestRoot().root, bytes32(0), "root without epoch");
            return;
        }
        uint64 latestEpoch = distributor.latestRoot().epoch;
        vm.assertTrue(registry.epochCommitment(latestEpoch).committedBlock != 0, "root epoch not committed");
        vm.assertTrue(registry.epochSeed(latestEpoch) != bytes32(0), "root epoch not seeded");
        vm.assertEq(distributor.nextEpoch(), n, "nextEpoch");
        for (uint64 e; e < n; ++e) {
            vm.assertTrue(registry.epochSeed(e) != bytes32(0), "seeded");
            vm.assertTrue(escrow.epochBook(e).settled, "settled");
        }
    }

    /// @dev Escrow OCTO covers every balance and every unsettled reservation (exactly: nothing is sent directly).
    function invariant_escrowHoldsBalancesAndReservations() public view {
        uint256 sum;
        for (uint256 i; i < 3; ++i) {
            sum += escrow.balanceOf(handler.requesters(i));
            vm.assertLe(escrow.account(handler.requesters(i)).pendingWithdrawal, escrow.balanceOf(handler.requesters(i)), "pending <= balance");
        }
        vm.assertGe(
            octo.balanceOf(address(escrow)), escrow.totalBalance() + escrow.totalReserved(), "escrow solvency"
        );
        vm.assertEq(octo.balanceOf(address(escrow)), escrow.totalBalance() + escrow.totalReserved(), "escrow books");
        vm.assertEq(escrow.totalBalance(), sum, "escrow sum of balances");
        vm.assertEq(handler.ghostUnexpectedWithdrawResults(), 0, "withdraw outside its window");
    }

    /// @dev The distributor holds exactly totalFunded - totalClaimed of each token; the treasury holds fees - burns.
    function invariant_contractsHoldWhatTheirBooksSay() public view {
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

    /// @dev Funding >= claimed, and >= what the roots promise; funding is what the epochs provided.
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
