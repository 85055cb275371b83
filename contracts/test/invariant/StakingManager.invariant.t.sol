// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {StakingManager} from "../../src/StakingManager.sol";
import {OctoToken} from "../../src/OctoToken.sol";
import {Roles} from "../../src/libraries/Roles.sol";
import {TestTokens} from "../utils/TestTokens.sol";
import {Test} from "../utils/Test.sol";
import {StakingManagerHandler} from "./handlers/StakingManagerHandler.sol";

/// @notice Invariants of the StakingManager under random provider, member, slash, governance and time actions:
/// (1) its token balances equal its books; (2) every slashed wei is burned, paid to the treasury or to the finder;
/// (3) member stake checkpoints and the total square-root voting power match the ghost books at every past
/// timestamp, and non-members have 0; (4) frozen stake cannot leave (requestUnbond / withdraw of a frozen provider
/// and role never succeed, its book only shrinks by slashing) and `frozen` matches what the slasher set.
contract StakingManagerInvariantTest is Test {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    uint256 internal constant N_ROLES = 3;
    uint256 internal constant N_MEMBERS = 4;

    OctoToken internal octo;
    address[8] internal roleTokens;
    StakingManager internal staking;
    StakingManagerHandler internal handler;

    address internal admin = address(0xAD);
    address internal treasuryAddr = address(0x7EA5);
    address internal nonMember = address(0x404);

    function setUp() external {
        vm.warp(1_700_000_000);
        octo = TestTokens.deployOcto(admin, address(this), 1_000_000_000e18);
        roleTokens = TestTokens.deployRoleTokens(admin, address(this), 1_000_000_000e18);
        staking = new StakingManager(address(octo), roleTokens, admin);

        address[3] memory providers = [address(0x1001), address(0x1002), address(0x1003)];
        address[4] memory members = [address(0x2001), address(0x2002), address(0x2003), address(0x1001)];
        address[3] memory used = [roleTokens[0], roleTokens[1], roleTokens[2]];
        handler = new StakingManagerHandler(staking, used, providers, members, treasuryAddr);

        vm.startPrank(admin);
        staking.setSlasher(address(handler));
        staking.setTreasury(treasuryAddr);
        staking.grantRole(staking.GOVERNANCE_ROLE(), address(handler));
        vm.stopPrank();

        for (uint256 i = 0; i < providers.length; ++i) {
            _fund(providers[i]);
        }
        for (uint256 i = 0; i < members.length; ++i) {
            _fund(members[i]);
        }
    }

    function _fund(address who) internal {
        assertTrue(octo.transfer(who, 10_000_000e18), "transfer");
        vm.prank(who);
        octo.approve(address(staking), type(uint256).max);
        for (uint256 r = 0; r < N_ROLES; ++r) {
            assertTrue(IERC20(roleTokens[r]).transfer(who, 10_000_000e18), "transfer");
            vm.prank(who);
            IERC20(roleTokens[r]).approve(address(staking), type(uint256).max);
        }
    }

    /// @notice forge: fuzz only the handler.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /// @notice forge: only the handler's actions (not its views).
    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory s = new bytes4[](12);
        s[0] = StakingManagerHandler.stake.selector;
        s[1] = StakingManagerHandler.requestUnbond.selector;
        s[2] = StakingManagerHandler.withdraw.selector;
        s[3] = StakingManagerHandler.slash.selector;
        s[4] = StakingManagerHandler.registerMember.selector;
        s[5] = StakingManagerHandler.increaseMemberStake.selector;
        s[6] = StakingManagerHandler.requestMemberExit.selector;
        s[7] = StakingManagerHandler.withdrawMember.selector;
        s[8] = StakingManagerHandler.setSlashShares.selector;
        s[9] = StakingManagerHandler.warp.selector;
        s[10] = StakingManagerHandler.warp.selector; // twice: time moves often enough for unbonding to mature
        s[11] = StakingManagerHandler.setFrozen.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector({addr: address(handler), selectors: s});
    }

    // ------------------------------------------------------------------ (1) balances == books

    function invariant_tokenBalancesEqualBooks() external view {
        uint256[4] memory providerSums = handler.providerBooks();
        uint256 memberSum = handler.memberBooks();
        assertEq(octo.balanceOf(address(staking)), providerSums[0] + memberSum, "OCTO held != books");
        for (uint256 r = 0; r < N_ROLES; ++r) {
            assertEq(IERC20(roleTokens[r]).balanceOf(address(staking)), providerSums[1 + r], "role held != books");
        }
        for (uint256 r = N_ROLES; r < Roles.COUNT; ++r) {
            assertEq(IERC20(roleTokens[r]).balanceOf(address(staking)), 0, "unused role token held");
        }
    }

    // ------------------------------------------------------------------ (2) slashed == burned + treasury + finder

    function invariant_slashedFullyAccounted() external view {
        assertEq(handler.ghostSlashMismatch(), 0, "slash took a different amount than floor(bucket * fraction)");
        for (uint256 i = 0; i < 1 + N_ROLES; ++i) {
            assertEq(
                handler.ghostSlashed(i),
                handler.ghostBurned(i) + handler.ghostToTreasury(i) + handler.ghostToFinder(i),
                "slashed != burned + treasury + finder"
            );
        }
        // Only slashing burns or pays the treasury: supply and treasury balances agree with the ghosts.
        assertEq(octo.totalSupply() + handler.ghostBurned(0), 1_000_000_000e18, "OCTO supply");
        assertEq(octo.balanceOf(treasuryAddr), handler.ghostToTreasury(0), "OCTO treasury");
        for (uint256 r = 0; r < N_ROLES; ++r) {
            assertEq(IERC20(roleTokens[r]).totalSupply() + handler.ghostBurned(1 + r), 1_000_000_000e18, "role supply");
            assertEq(IERC20(roleTokens[r]).balanceOf(treasuryAddr), handler.ghostToTreasury(1 + r), "role treasury");
        }
    }

    // ------------------------------------------------------------------ (4) frozen stake cannot leave

    function invariant_frozenStakeCannotLeave() external view {
        assertEq(handler.ghostFrozenLeaks(), 0, "frozen stake unbonded or withdrawn");
        assertEq(handler.ghostFrozenBookDecreases(), 0, "frozen book decreased without a slash");
        for (uint256 i = 0; i < 3; ++i) {
            address p = handler.provider(i);
            for (uint8 r = 0; r < N_ROLES; ++r) {
                assertEq(staking.frozen(p, r), handler.ghostFrozen(p, r), "frozen != ghost");
            }
        }
    }

    // ------------------------------------------------------------------ (3) member checkpoints and voting power

    function invariant_memberStakeMatchesGhost() external view {
        for (uint256 i = 0; i < N_MEMBERS; ++i) {
            address m = handler.member(i);
            assertEq(staking.memberStake(m), handler.ghostStake(m), "memberStake != ghost");
            assertEq(staking.isMember(m), handler.ghostActive(m), "isMember != ghost");
            (uint256 exitAmount,) = staking.memberExit(m);
            assertEq(exitAmount, handler.ghostExit(m), "exit bucket != ghost");
        }
        // The latest frozen timestamp is checked on every step; afterInvariant checks them all.
        uint256 n = handler.snapshotCount();
        if (n != 0) _checkSnapshot(n - 1);
    }

    /// @notice forge: after each run, every past timestamp frozen by the handler.
    function afterInvariant() external view {
        uint256 n = handler.snapshotCount();
        for (uint256 i = 0; i < n; ++i) {
            _checkSnapshot(i);
        }
    }

    function _checkSnapshot(uint256 i) internal view {
        (uint256 t, uint256[4] memory stakes) = handler.snapshot(i);
        for (uint256 k = 0; k < N_MEMBERS; ++k) {
            address m = handler.member(k);
            assertEq(staking.memberStakeAt(m, t), stakes[k], "memberStakeAt != ghost");
            assertEq(staking.votingPowerAt(m, t), Math.sqrt(stakes[k]), "votingPowerAt != floor sqrt");
        }
        assertEq(staking.totalVotingPowerAt(t), handler.snapshotPower(i), "totalVotingPowerAt != sum floor sqrt");
        assertEq(staking.memberStakeAt(nonMember, t), 0, "non-member has stake");
    }
}
