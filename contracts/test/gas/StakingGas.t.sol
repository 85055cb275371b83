// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {StakingManager} from "../../src/StakingManager.sol";
import {OctoToken} from "../../src/OctoToken.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Roles} from "../../src/libraries/Roles.sol";
import {TestTokens} from "../utils/TestTokens.sol";
import {Test} from "../utils/Test.sol";

/// @notice Gas of the StakingManager hot paths, each measured as its own transaction (isolation mode, so cold
/// storage and account access are charged as on chain). Snapshots: snapshots/StakingManager.json.
/// Target: the first `stake` of a registered provider (both tokens, other providers already staked, allowance
/// left non-zero) uses at most 100,000 gas.
contract StakingGasTest is Test {
    uint256 internal constant STAKE_GAS_TARGET = 100_000;
    uint8 internal constant ROLE = Roles.COMPUTE;
    uint256 internal constant OCTO_AMOUNT = 1_000e18;
    uint256 internal constant ROLE_AMOUNT = 100e18;

    OctoToken internal octo;
    address[8] internal roleTokens;
    StakingManager internal staking;

    address internal admin = address(0xAD);
    address internal other = address(0xB0B);
    address internal provider = address(0xCAFE);
    address internal slasherAddr = address(0x51A5);
    address internal treasuryAddr = address(0x7EA5);
    address internal finder = address(0xF1D);

    function setUp() external {
        octo = TestTokens.deployOcto(admin, address(this), 1_000_000e18);
        roleTokens = TestTokens.deployRoleTokens(admin, address(this), 1_000_000e18);
        staking = new StakingManager(address(octo), roleTokens, admin);
        vm.startPrank(admin);
        staking.setSlasher(slasherAddr);
        staking.setTreasury(treasuryAddr);
        vm.stopPrank();

        address[2] memory who = [other, provider];
        for (uint256 i = 0; i < who.length; ++i) {
            assertTrue(octo.transfer(who[i], 100_000e18), "transfer");
            assertTrue(IERC20(roleTokens[ROLE]).transfer(who[i], 100_000e18), "transfer");
            vm.startPrank(who[i]);
            octo.approve(address(staking), type(uint128).max);
            IERC20(roleTokens[ROLE]).approve(address(staking), type(uint128).max);
            staking.registerProvider(ROLE);
            vm.stopPrank();
        }
        // Another provider has staked: the contract's balances of both tokens are already non-zero.
        vm.prank(other);
        staking.stake(ROLE, OCTO_AMOUNT, ROLE_AMOUNT);
        // A member, so that member paths touch warm-ish but realistic state.
        assertTrue(octo.transfer(address(0x3E3), 1_000e18), "transfer");
        vm.startPrank(address(0x3E3));
        octo.approve(address(staking), type(uint128).max);
        staking.registerMember(100e18);
        vm.stopPrank();
    }

    /// forge-config: default.isolate = true
    function test_gas_stake_first() external {
        vm.prank(provider);
        staking.stake(ROLE, OCTO_AMOUNT, ROLE_AMOUNT);
        uint256 used = vm.snapshotGasLastCall("StakingManager", "stake_first");
        logUint("StakingManager.stake (first, both tokens) gas", used);
        assertLe(used, STAKE_GAS_TARGET, "first stake over target");
        assertEq(staking.providerStake(provider, ROLE).octo, OCTO_AMOUNT, "octo bonded");
    }

    /// forge-config: default.isolate = true
    function test_gas_stake_topUp() external {
        vm.prank(provider);
        staking.stake(ROLE, OCTO_AMOUNT, ROLE_AMOUNT);
        vm.prank(provider);
        staking.stake(ROLE, OCTO_AMOUNT, ROLE_AMOUNT);
        uint256 used = vm.snapshotGasLastCall("StakingManager", "stake_topUp");
        logUint("StakingManager.stake (top-up) gas", used);
        assertEq(staking.providerStake(provider, ROLE).octo, 2 * OCTO_AMOUNT, "octo bonded");
    }

    /// forge-config: default.isolate = true
    function test_gas_registerProvider() external {
        vm.prank(provider);
        staking.registerProvider(Roles.STORAGE);
        uint256 used = vm.snapshotGasLastCall("StakingManager", "registerProvider");
        logUint("StakingManager.registerProvider gas", used);
        assertTrue(staking.providerStake(provider, Roles.STORAGE).registered, "registered");
    }

    /// forge-config: default.isolate = true
    function test_gas_requestUnbond_and_withdraw() external {
        vm.prank(other);
        staking.requestUnbond(ROLE, OCTO_AMOUNT / 2, ROLE_AMOUNT / 2);
        logUint("StakingManager.requestUnbond gas", vm.snapshotGasLastCall("StakingManager", "requestUnbond"));
        vm.warp(_now() + staking.unbondingPeriod());
        vm.prank(other);
        staking.withdraw(ROLE);
        logUint("StakingManager.withdraw gas", vm.snapshotGasLastCall("StakingManager", "withdraw"));
        assertEq(staking.unbonding(other, ROLE).octo, 0, "bucket emptied");
    }

    /// forge-config: default.isolate = true
    function test_gas_slash() external {
        vm.prank(slasherAddr);
        staking.slash(other, ROLE, 0.1e18, keccak256("evidence"), finder);
        logUint("StakingManager.slash gas", vm.snapshotGasLastCall("StakingManager", "slash"));
        assertEq(staking.providerStake(other, ROLE).octo, OCTO_AMOUNT - OCTO_AMOUNT / 10, "slashed");
    }

    /// forge-config: default.isolate = true
    function test_gas_members() external {
        vm.prank(provider);
        octo.approve(address(staking), type(uint128).max);
        vm.prank(provider);
        staking.registerMember(100e18);
        logUint("StakingManager.registerMember gas", vm.snapshotGasLastCall("StakingManager", "registerMember"));
        vm.prank(provider);
        staking.increaseMemberStake(50e18);
        logUint(
            "StakingManager.increaseMemberStake gas", vm.snapshotGasLastCall("StakingManager", "increaseMemberStake")
        );
        vm.prank(provider);
        staking.requestMemberExit();
        logUint("StakingManager.requestMemberExit gas", vm.snapshotGasLastCall("StakingManager", "requestMemberExit"));
        assertEq(staking.memberStake(provider), 0, "exited");
    }
}
