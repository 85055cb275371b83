// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {StakingManager} from "../src/StakingManager.sol";
import {IStakingManager} from "../src/interfaces/IStakingManager.sol";
import {OctoToken} from "../src/OctoToken.sol";
import {Roles} from "../src/libraries/Roles.sol";
import {TestTokens} from "./utils/TestTokens.sol";
import {Test} from "./utils/Test.sol";

/// @notice Shared fixture: OCTO, the eight role tokens, a StakingManager with slasher and treasury set.
abstract contract StakingFixture is Test {
    uint8 internal constant ROLE = Roles.COMPUTE;
    uint8 internal constant OTHER_ROLE = Roles.STORAGE;
    uint256 internal constant SUPPLY = 1_000_000_000e18;
    uint256 internal constant FUNDS = 1_000_000e18;

    OctoToken internal octo;
    address[8] internal roleTokens;
    IERC20 internal roleToken; // the token of ROLE
    StakingManager internal staking;

    address internal admin = address(0xAD);
    address internal alice = address(0xA11CE);
    address internal bob = address(0xB0B);
    address internal carol = address(0xCA401);
    address internal dave = address(0xDA7E);
    address internal slasherAddr = address(0x51A5);
    address internal treasuryAddr = address(0x7EA5);
    address internal finder = address(0xF1D);
    address internal stranger = address(0x5757);

    bytes32 internal governanceRole;
    bytes32 internal constant EVIDENCE = keccak256("evidence");

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        octo = TestTokens.deployOcto(admin, address(this), SUPPLY);
        roleTokens = TestTokens.deployRoleTokens(admin, address(this), SUPPLY);
        roleToken = IERC20(roleTokens[ROLE]);
        staking = new StakingManager(address(octo), roleTokens, admin);
        governanceRole = staking.GOVERNANCE_ROLE();
        vm.startPrank(admin);
        staking.setSlasher(slasherAddr);
        staking.setTreasury(treasuryAddr);
        vm.stopPrank();

        address[4] memory users = [alice, bob, carol, dave];
        for (uint256 i = 0; i < users.length; ++i) {
            _fund(users[i]);
        }
    }

    function _fund(address who) internal {
        assertTrue(octo.transfer(who, FUNDS), "transfer");
        vm.startPrank(who);
        octo.approve(address(staking), type(uint256).max);
        vm.stopPrank();
        for (uint8 r = 0; r < Roles.COUNT; ++r) {
            assertTrue(IERC20(roleTokens[r]).transfer(who, FUNDS), "transfer");
            vm.prank(who);
            IERC20(roleTokens[r]).approve(address(staking), type(uint256).max);
        }
    }

    function _registerAndStake(address who, uint8 role, uint256 octoAmount, uint256 roleAmount) internal {
        vm.startPrank(who);
        staking.registerProvider(role);
        staking.stake(role, octoAmount, roleAmount);
        vm.stopPrank();
    }

    function _unauthorized(address account) internal view returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, governanceRole);
    }
}

contract StakingManagerTest is StakingFixture {
    // ================================================================== constructor

    function test_constructor_setsDefaults() external view {
        assertEq(staking.octo(), address(octo), "octo");
        for (uint8 r = 0; r < Roles.COUNT; ++r) {
            assertEq(staking.roleToken(r), roleTokens[r], "role token");
            IStakingManager.RoleMinimums memory m = staking.roleMinimums(r);
            assertEq(m.minOcto, 1_000e18, "minOcto");
            assertEq(m.minRoleAmount, 100e18, "minRoleAmount");
        }
        assertEq(staking.unbondingPeriod(), 7 days, "unbonding period");
        assertEq(staking.maxSlashFractionWad(), 0.5e18, "max slash");
        IStakingManager.SlashShares memory s = staking.slashShares();
        assertEq(s.burnWad, 0.5e18, "burn");
        assertEq(s.treasuryWad, 0.3e18, "treasury");
        assertEq(s.finderWad, 0.2e18, "finder");
        assertEq(staking.minMemberBond(), 100e18, "min bond");
    }

    function test_constructor_grantsAdminRolesAndLeavesSlasherTreasuryUnset() external {
        StakingManager fresh = new StakingManager(address(octo), roleTokens, admin);
        assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), admin), "admin role");
        assertTrue(fresh.hasRole(governanceRole, admin), "governance role");
        assertFalse(fresh.hasRole(governanceRole, address(this)), "deployer has no role");
        assertEq(fresh.slasher(), address(0), "no slasher");
        assertEq(fresh.treasury(), address(0), "no treasury");
    }

    function test_constructor_revertsWith_StakingInvalidParameter_whenOctoZero() external {
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        new StakingManager(address(0), roleTokens, admin);
    }

    function test_constructor_revertsWith_StakingInvalidParameter_whenAdminZero() external {
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        new StakingManager(address(octo), roleTokens, address(0));
    }

    function test_constructor_revertsWith_StakingInvalidParameter_whenRoleTokenZero() external {
        address[8] memory tokens = roleTokens;
        tokens[5] = address(0);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        new StakingManager(address(octo), tokens, admin);
    }

    // ================================================================== registerProvider

    function test_registerProvider_registersAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.ProviderRegistered(alice, ROLE);
        vm.prank(alice);
        staking.registerProvider(ROLE);
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertTrue(ps.registered, "registered");
        assertEq(ps.octo, 0, "no octo");
        assertEq(ps.roleAmount, 0, "no role");
        assertEq(ps.unbondReadyAt, 0, "no unbonding");
        assertFalse(staking.providerStake(alice, OTHER_ROLE).registered, "per role");
        assertFalse(staking.isActiveProvider(alice, ROLE), "not active without stake");
    }

    function test_registerProvider_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.registerProvider(8);
    }

    function test_registerProvider_revertsWith_StakingAlreadyRegistered_whenRegistered() external {
        vm.startPrank(alice);
        staking.registerProvider(ROLE);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingAlreadyRegistered.selector, alice, ROLE));
        staking.registerProvider(ROLE);
        vm.stopPrank();
    }

    // ================================================================== stake

    function test_stake_pullsBothTokensAndEmits() external {
        vm.prank(alice);
        staking.registerProvider(ROLE);
        uint256 octoBefore = octo.balanceOf(alice);
        uint256 roleBefore = roleToken.balanceOf(alice);

        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.Staked(alice, ROLE, 1_000e18, 100e18);
        vm.prank(alice);
        staking.stake(ROLE, 1_000e18, 100e18);

        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.octo, 1_000e18, "octo bonded");
        assertEq(ps.roleAmount, 100e18, "role bonded");
        assertTrue(ps.registered, "still registered");
        assertEq(octo.balanceOf(alice), octoBefore - 1_000e18, "octo pulled");
        assertEq(roleToken.balanceOf(alice), roleBefore - 100e18, "role pulled");
        assertEq(octo.balanceOf(address(staking)), 1_000e18, "octo held");
        assertEq(roleToken.balanceOf(address(staking)), 100e18, "role held");
        assertTrue(staking.isActiveProvider(alice, ROLE), "active at minimums");
    }

    function test_stake_acceptsOnlyOneToken() external {
        vm.startPrank(alice);
        staking.registerProvider(ROLE);
        staking.stake(ROLE, 5e18, 0);
        staking.stake(ROLE, 0, 3e18);
        vm.stopPrank();
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.octo, 5e18, "octo");
        assertEq(ps.roleAmount, 3e18, "role");
        assertEq(IERC20(roleTokens[OTHER_ROLE]).balanceOf(address(staking)), 0, "other role token untouched");
    }

    function test_stake_accumulatesAndKeepsUnbondingClock() external {
        _registerAndStake(alice, ROLE, 10e18, 10e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 1e18, 0);
        uint48 readyAt = staking.providerStake(alice, ROLE).unbondReadyAt;
        vm.warp(_now() + 1 days);
        vm.prank(alice);
        staking.stake(ROLE, 2e18, 3e18);
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.octo, 11e18, "octo");
        assertEq(ps.roleAmount, 13e18, "role");
        assertEq(ps.unbondReadyAt, readyAt, "clock untouched by stake");
    }

    function test_stake_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(200)));
        staking.stake(200, 1, 1);
    }

    function test_stake_revertsWith_StakingZeroAmount_whenBothZero() external {
        vm.prank(alice);
        staking.registerProvider(ROLE);
        vm.prank(alice);
        vm.expectRevert(IStakingManager.StakingZeroAmount.selector);
        staking.stake(ROLE, 0, 0);
    }

    function test_stake_revertsWith_StakingNotRegistered_whenNotRegistered() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingNotRegistered.selector, alice, ROLE));
        staking.stake(ROLE, 1e18, 1e18);
    }

    function test_stake_revertsWith_StakingAmountTooLarge_whenOctoAmountOver96Bits() external {
        vm.prank(alice);
        staking.registerProvider(ROLE);
        uint256 amount = uint256(type(uint96).max) + 1;
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingAmountTooLarge.selector, amount));
        staking.stake(ROLE, amount, 0);
    }

    function test_stake_revertsWith_StakingAmountTooLarge_whenRoleAmountOver96Bits() external {
        vm.prank(alice);
        staking.registerProvider(ROLE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingAmountTooLarge.selector, type(uint256).max));
        staking.stake(ROLE, 0, type(uint256).max);
    }

    function test_stake_revertsWith_StakingAmountTooLarge_whenBondedSumOver96Bits() external {
        // An OCTO with a cap above 2^96 so that one account can hold more than a book can.
        OctoToken big = new OctoToken(admin, type(uint208).max, alice, uint256(type(uint96).max) + 10);
        StakingManager sm = new StakingManager(address(big), roleTokens, admin);
        vm.startPrank(alice);
        big.approve(address(sm), type(uint256).max);
        sm.registerProvider(ROLE);
        sm.stake(ROLE, type(uint96).max, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingAmountTooLarge.selector, uint256(type(uint96).max) + 1)
        );
        sm.stake(ROLE, 1, 0);
        vm.stopPrank();
    }

    function test_stake_revertsWith_ERC20InsufficientAllowance_whenNotApproved() external {
        vm.startPrank(alice);
        staking.registerProvider(ROLE);
        octo.approve(address(staking), 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 1e18, 2e18)
        );
        staking.stake(ROLE, 2e18, 0);
        vm.stopPrank();
    }

    // ================================================================== requestUnbond

    function test_requestUnbond_movesStakeToBucketAndEmits() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        uint256 readyAt = _now() + 7 days;
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.UnbondRequested(alice, ROLE, 400e18, 30e18, readyAt);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 400e18, 30e18);

        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.octo, 600e18, "octo bonded");
        assertEq(ps.roleAmount, 70e18, "role bonded");
        assertEq(ps.unbondReadyAt, readyAt, "readyAt");
        IStakingManager.Unbonding memory u = staking.unbonding(alice, ROLE);
        assertEq(u.octo, 400e18, "octo unbonding");
        assertEq(u.roleAmount, 30e18, "role unbonding");
        assertEq(octo.balanceOf(address(staking)), 1_000e18, "tokens stay until withdraw");
        assertFalse(staking.isActiveProvider(alice, ROLE), "unbonding stake does not count");
    }

    function test_requestUnbond_addsToBucketAndRestartsClock() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 100e18, 0);
        vm.warp(_now() + 3 days);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 50e18, 10e18);
        IStakingManager.Unbonding memory u = staking.unbonding(alice, ROLE);
        assertEq(u.octo, 150e18, "octo adds");
        assertEq(u.roleAmount, 10e18, "role adds");
        assertEq(staking.providerStake(alice, ROLE).unbondReadyAt, _now() + 7 days, "clock restarted");
    }

    function test_requestUnbond_usesCurrentUnbondingPeriod() external {
        _registerAndStake(alice, ROLE, 10e18, 0);
        vm.prank(admin);
        staking.setUnbondingPeriod(1 days);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 1e18, 0);
        assertEq(staking.providerStake(alice, ROLE).unbondReadyAt, _now() + 1 days, "new period");
    }

    function test_requestUnbond_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.requestUnbond(8, 1, 1);
    }

    function test_requestUnbond_revertsWith_StakingZeroAmount_whenBothZero() external {
        _registerAndStake(alice, ROLE, 10e18, 0);
        vm.prank(alice);
        vm.expectRevert(IStakingManager.StakingZeroAmount.selector);
        staking.requestUnbond(ROLE, 0, 0);
    }

    function test_requestUnbond_revertsWith_StakingNotRegistered_whenNotRegistered() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingNotRegistered.selector, alice, ROLE));
        staking.requestUnbond(ROLE, 1, 0);
    }

    function test_requestUnbond_revertsWith_StakingInsufficientStake_whenOctoOverBonded() external {
        _registerAndStake(alice, ROLE, 10e18, 10e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInsufficientStake.selector, 10e18, 10e18 + 1));
        staking.requestUnbond(ROLE, 10e18 + 1, 0);
    }

    function test_requestUnbond_revertsWith_StakingInsufficientStake_whenRoleOverBonded() external {
        _registerAndStake(alice, ROLE, 10e18, 5e18);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInsufficientStake.selector, 5e18, 6e18));
        staking.requestUnbond(ROLE, 1e18, 6e18);
    }

    // ================================================================== withdraw

    function test_withdraw_paysOutBucketWhenReady() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 400e18, 30e18);
        uint256 octoBefore = octo.balanceOf(alice);
        uint256 roleBefore = roleToken.balanceOf(alice);
        vm.warp(_now() + 7 days); // exactly readyAt

        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.Withdrawn(alice, ROLE, 400e18, 30e18);
        vm.prank(alice);
        staking.withdraw(ROLE);

        assertEq(octo.balanceOf(alice), octoBefore + 400e18, "octo paid");
        assertEq(roleToken.balanceOf(alice), roleBefore + 30e18, "role paid");
        IStakingManager.Unbonding memory u = staking.unbonding(alice, ROLE);
        assertEq(u.octo, 0, "bucket octo cleared");
        assertEq(u.roleAmount, 0, "bucket role cleared");
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.unbondReadyAt, 0, "readyAt cleared");
        assertEq(ps.octo, 600e18, "bonded untouched");
        assertEq(octo.balanceOf(address(staking)), 600e18, "held = bonded");
    }

    function test_withdraw_paysOnlyOctoWhenNoRoleUnbonding() external {
        _registerAndStake(alice, ROLE, 10e18, 10e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 10e18, 0);
        vm.warp(_now() + 7 days);
        uint256 roleBefore = roleToken.balanceOf(alice);
        vm.prank(alice);
        staking.withdraw(ROLE);
        assertEq(roleToken.balanceOf(alice), roleBefore, "no role moved");
        assertEq(octo.balanceOf(address(staking)), 0, "octo out");
    }

    function test_withdraw_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(9)));
        staking.withdraw(9);
    }

    function test_withdraw_revertsWith_StakingNothingToWithdraw_whenBucketEmpty() external {
        _registerAndStake(alice, ROLE, 10e18, 10e18);
        vm.prank(alice);
        vm.expectRevert(IStakingManager.StakingNothingToWithdraw.selector);
        staking.withdraw(ROLE);
    }

    function test_withdraw_revertsWith_StakingNothingToWithdraw_whenAlreadyWithdrawn() external {
        _registerAndStake(alice, ROLE, 10e18, 10e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 1e18, 1e18);
        vm.warp(_now() + 7 days);
        vm.startPrank(alice);
        staking.withdraw(ROLE);
        vm.expectRevert(IStakingManager.StakingNothingToWithdraw.selector);
        staking.withdraw(ROLE);
        vm.stopPrank();
    }

    function test_withdraw_revertsWith_StakingUnbondingNotReady_whenEarly() external {
        _registerAndStake(alice, ROLE, 10e18, 10e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 1e18, 0);
        uint256 readyAt = _now() + 7 days;
        vm.warp(readyAt - 1);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnbondingNotReady.selector, readyAt));
        staking.withdraw(ROLE);
    }

    // ================================================================== setFrozen / frozen

    function _freeze(address who, uint8 role, bool value) internal {
        vm.prank(slasherAddr);
        staking.setFrozen(who, role, value);
    }

    function test_setFrozen_freezesAndUnfreezesAndEmits() external {
        assertFalse(staking.frozen(alice, ROLE), "not frozen by default");
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.StakeFrozen(alice, ROLE, true);
        _freeze(alice, ROLE, true);
        assertTrue(staking.frozen(alice, ROLE), "frozen");
        assertFalse(staking.frozen(alice, OTHER_ROLE), "other role not frozen");
        assertFalse(staking.frozen(bob, ROLE), "other provider not frozen");

        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.StakeFrozen(alice, ROLE, false);
        _freeze(alice, ROLE, false);
        assertFalse(staking.frozen(alice, ROLE), "unfrozen");
    }

    function test_setFrozen_isIdempotent() external {
        _freeze(alice, ROLE, true);
        _freeze(alice, ROLE, true);
        assertTrue(staking.frozen(alice, ROLE), "still frozen");
        _freeze(alice, ROLE, false);
        _freeze(alice, ROLE, false);
        assertFalse(staking.frozen(alice, ROLE), "still unfrozen");
    }

    function test_setFrozen_revertsWith_StakingUnauthorizedSlasher_whenCallerNotSlasher() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, alice));
        staking.setFrozen(alice, ROLE, false);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, admin));
        staking.setFrozen(alice, ROLE, true);
        assertFalse(staking.frozen(alice, ROLE), "unchanged");
    }

    function test_setFrozen_revertsWith_StakingUnauthorizedSlasher_whenNoSlasherSet() external {
        StakingManager sm = new StakingManager(address(octo), roleTokens, admin);
        vm.prank(slasherAddr);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, slasherAddr));
        sm.setFrozen(alice, ROLE, true);
    }

    function test_setFrozen_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(slasherAddr);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.setFrozen(alice, 8, true);
    }

    function test_frozen_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.frozen(alice, 8);
    }

    function test_requestUnbond_revertsWith_StakingFrozen_whenFrozen() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        _freeze(alice, ROLE, true);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFrozen.selector, alice, ROLE));
        staking.requestUnbond(ROLE, 1e18, 0);
        assertEq(staking.providerStake(alice, ROLE).octo, 1_000e18, "bonded unchanged");
        assertEq(staking.unbonding(alice, ROLE).octo, 0, "nothing unbonding");
    }

    function test_requestUnbond_worksForOtherRole_whenOneRoleFrozen() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        _registerAndStake(alice, OTHER_ROLE, 1_000e18, 100e18);
        _freeze(alice, ROLE, true);
        vm.prank(alice);
        staking.requestUnbond(OTHER_ROLE, 1e18, 0);
        assertEq(staking.unbonding(alice, OTHER_ROLE).octo, 1e18, "other role unbonds");
    }

    function test_requestUnbond_worksAgain_whenUnfrozen() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        _freeze(alice, ROLE, true);
        _freeze(alice, ROLE, false);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 1e18, 0);
        assertEq(staking.unbonding(alice, ROLE).octo, 1e18, "unbonding");
    }

    function test_withdraw_revertsWith_StakingFrozen_whenFrozen() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 400e18, 30e18);
        vm.warp(_now() + 7 days);
        _freeze(alice, ROLE, true);
        uint256 held = octo.balanceOf(address(staking));
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFrozen.selector, alice, ROLE));
        staking.withdraw(ROLE);
        assertEq(octo.balanceOf(address(staking)), held, "nothing left");
        assertEq(staking.unbonding(alice, ROLE).octo, 400e18, "bucket kept");

        _freeze(alice, ROLE, false);
        vm.prank(alice);
        staking.withdraw(ROLE);
        assertEq(octo.balanceOf(address(staking)), held - 400e18, "paid once unfrozen");
    }

    function test_stake_worksWhileFrozen() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        _freeze(alice, ROLE, true);
        vm.prank(alice);
        staking.stake(ROLE, 5e18, 1e18);
        assertEq(staking.providerStake(alice, ROLE).octo, 1_005e18, "staked");
    }

    function test_slash_worksWhileFrozen() external {
        _registerAndStake(alice, ROLE, 1_000e18, 200e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 400e18, 50e18);
        _freeze(alice, ROLE, true);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.5e18, EVIDENCE, finder);
        assertEq(staking.providerStake(alice, ROLE).octo, 300e18, "bonded halved");
        assertEq(staking.unbonding(alice, ROLE).octo, 200e18, "unbonding halved");
        assertTrue(staking.frozen(alice, ROLE), "slash does not unfreeze");
    }

    // ================================================================== slash

    function test_slash_takesFractionOfBondedAndUnbondingAndSplits() external {
        _registerAndStake(alice, ROLE, 1_000e18, 200e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 400e18, 50e18);
        uint256 octoSupply = octo.totalSupply();
        uint256 roleSupply = roleToken.totalSupply();

        // bonded 600 / 150, unbonding 400 / 50; 10% -> octo 60 + 40 = 100, role 15 + 5 = 20.
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.Slashed(alice, ROLE, EVIDENCE, 0.1e18, 100e18, 20e18, finder);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.SlashDistributed(address(octo), 50e18, 30e18, 20e18);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.SlashDistributed(address(roleToken), 10e18, 6e18, 4e18);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.1e18, EVIDENCE, finder);

        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.octo, 540e18, "octo bonded");
        assertEq(ps.roleAmount, 135e18, "role bonded");
        IStakingManager.Unbonding memory u = staking.unbonding(alice, ROLE);
        assertEq(u.octo, 360e18, "octo unbonding");
        assertEq(u.roleAmount, 45e18, "role unbonding");

        assertEq(octoSupply - octo.totalSupply(), 50e18, "octo burned");
        assertEq(roleSupply - roleToken.totalSupply(), 10e18, "role burned");
        assertEq(octo.balanceOf(treasuryAddr), 30e18, "octo treasury");
        assertEq(roleToken.balanceOf(treasuryAddr), 6e18, "role treasury");
        assertEq(octo.balanceOf(finder), 20e18, "octo finder");
        assertEq(roleToken.balanceOf(finder), 4e18, "role finder");
        assertEq(octo.balanceOf(address(staking)), 900e18, "octo held = books");
        assertEq(roleToken.balanceOf(address(staking)), 180e18, "role held = books");
    }

    function test_slash_roundingDustGoesToTreasury() external {
        _registerAndStake(alice, ROLE, 1000, 0);
        // 33.3% of 1000 wei = 333; burn floor(166.5) = 166, finder floor(66.6) = 66, treasury 101.
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.SlashDistributed(address(octo), 166, 101, 66);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.333e18, EVIDENCE, finder);
        assertEq(staking.providerStake(alice, ROLE).octo, 667, "bonded");
        assertEq(octo.balanceOf(treasuryAddr), 101, "treasury gets dust");
        assertEq(octo.balanceOf(finder), 66, "finder floored");
    }

    function test_slash_sendsFinderShareToTreasury_whenFinderZero() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.SlashDistributed(address(octo), 50e18, 50e18, 0);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.1e18, EVIDENCE, address(0));
        assertEq(octo.balanceOf(treasuryAddr), 50e18, "treasury gets finder share");
        assertEq(roleToken.balanceOf(treasuryAddr), 5e18, "role treasury");
    }

    function test_slash_burnsTreasuryShare_whenNoTreasury() external {
        StakingManager sm = new StakingManager(address(octo), roleTokens, admin);
        vm.prank(admin);
        sm.setSlasher(slasherAddr);
        vm.startPrank(alice);
        octo.approve(address(sm), type(uint256).max);
        sm.registerProvider(ROLE);
        sm.stake(ROLE, 1_000e18, 0);
        vm.stopPrank();
        uint256 supply = octo.totalSupply();
        vm.expectEmit(true, true, true, true, address(sm));
        emit IStakingManager.SlashDistributed(address(octo), 80e18, 0, 20e18);
        vm.prank(slasherAddr);
        sm.slash(alice, ROLE, 0.1e18, EVIDENCE, finder);
        assertEq(supply - octo.totalSupply(), 80e18, "burn + treasury share burned");
        assertEq(octo.balanceOf(finder), 20e18, "finder paid");
        assertEq(octo.balanceOf(address(sm)), 900e18, "held = books");
    }

    function test_slash_emptyBookSlashesNothing() external {
        vm.prank(alice);
        staking.registerProvider(ROLE);
        uint256 supply = octo.totalSupply();
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.Slashed(alice, ROLE, EVIDENCE, 0.5e18, 0, 0, finder);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.5e18, EVIDENCE, finder);
        assertEq(octo.totalSupply(), supply, "nothing burned");
        assertEq(octo.balanceOf(finder), 0, "nothing paid");
    }

    function test_slash_zeroFractionSlashesNothing() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0, EVIDENCE, finder);
        assertEq(staking.providerStake(alice, ROLE).octo, 1_000e18, "untouched");
        assertEq(octo.balanceOf(finder), 0, "nothing paid");
    }

    function test_slash_fullFractionTakesEverything_whenMaxIsOne() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(alice);
        staking.requestUnbond(ROLE, 1e18, 1e18);
        vm.prank(admin);
        staking.setMaxSlashFraction(1e18);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 1e18, EVIDENCE, finder);
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        assertEq(ps.octo, 0, "octo gone");
        assertEq(ps.roleAmount, 0, "role gone");
        assertEq(staking.unbonding(alice, ROLE).octo, 0, "unbonding gone");
        assertEq(ps.unbondReadyAt, 0, "empty bucket has no clock");
        assertEq(octo.balanceOf(address(staking)), 0, "nothing held");
        assertEq(roleToken.balanceOf(address(staking)), 0, "nothing held");
        vm.warp(_now() + 7 days);
        vm.prank(alice);
        vm.expectRevert(IStakingManager.StakingNothingToWithdraw.selector);
        staking.withdraw(ROLE);
    }

    function test_slash_deactivatesProviderBelowMinimum() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        assertTrue(staking.isActiveProvider(alice, ROLE), "active before");
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.01e18, EVIDENCE, finder);
        assertFalse(staking.isActiveProvider(alice, ROLE), "inactive after");
    }

    function test_slash_onlyTouchesThatProviderAndRole() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        _registerAndStake(alice, OTHER_ROLE, 1_000e18, 100e18);
        _registerAndStake(bob, ROLE, 1_000e18, 100e18);
        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, 0.5e18, EVIDENCE, finder);
        assertEq(staking.providerStake(alice, OTHER_ROLE).octo, 1_000e18, "other role untouched");
        assertEq(staking.providerStake(bob, ROLE).octo, 1_000e18, "other provider untouched");
        assertEq(staking.providerStake(alice, ROLE).octo, 500e18, "slashed");
    }

    function test_slash_revertsWith_StakingUnauthorizedSlasher_whenCallerNotSlasher() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, admin));
        staking.slash(alice, ROLE, 0.1e18, EVIDENCE, finder);
    }

    function test_slash_revertsWith_StakingUnauthorizedSlasher_whenNoSlasherSet() external {
        StakingManager sm = new StakingManager(address(octo), roleTokens, admin);
        vm.prank(slasherAddr);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, slasherAddr));
        sm.slash(alice, ROLE, 0.1e18, EVIDENCE, finder);
    }

    function test_slash_revertsWith_StakingSlashFractionTooHigh_whenOverMax() external {
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(slasherAddr);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingSlashFractionTooHigh.selector, 0.5e18 + 1, 0.5e18)
        );
        staking.slash(alice, ROLE, 0.5e18 + 1, EVIDENCE, finder);
    }

    function test_slash_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(slasherAddr);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.slash(alice, 8, 0.1e18, EVIDENCE, finder);
    }

    function test_slash_revertsWith_StakingNotRegistered_whenProviderUnknown() external {
        vm.prank(slasherAddr);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingNotRegistered.selector, bob, ROLE));
        staking.slash(bob, ROLE, 0.1e18, EVIDENCE, finder);
    }

    // ================================================================== provider views

    function test_providerStake_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.providerStake(alice, 8);
    }

    function test_unbonding_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.unbonding(alice, 8);
    }

    function test_isActiveProvider_requiresRegistrationAndBothMinimums() external {
        assertFalse(staking.isActiveProvider(alice, ROLE), "unregistered");
        _registerAndStake(alice, ROLE, 1_000e18 - 1, 100e18);
        assertFalse(staking.isActiveProvider(alice, ROLE), "octo below minimum");
        vm.prank(alice);
        staking.stake(ROLE, 1, 0);
        assertTrue(staking.isActiveProvider(alice, ROLE), "both at minimum");
        vm.prank(alice);
        staking.requestUnbond(ROLE, 0, 1);
        assertFalse(staking.isActiveProvider(alice, ROLE), "role below minimum");
        vm.prank(admin);
        staking.setRoleMinimums(ROLE, 1_000e18, 0);
        assertTrue(staking.isActiveProvider(alice, ROLE), "role minimum lowered");
        assertFalse(staking.isActiveProvider(alice, OTHER_ROLE), "other role");
    }

    function test_isActiveProvider_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.isActiveProvider(alice, 8);
    }

    function test_roleToken_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.roleToken(8);
    }

    function test_roleMinimums_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(255)));
        staking.roleMinimums(255);
    }

    function test_stake_eachRoleUsesItsOwnToken() external {
        for (uint8 r = 0; r < Roles.COUNT; ++r) {
            _registerAndStake(alice, r, 1, uint256(r) + 1);
        }
        for (uint8 r = 0; r < Roles.COUNT; ++r) {
            assertEq(IERC20(roleTokens[r]).balanceOf(address(staking)), uint256(r) + 1, "token of role");
        }
        assertEq(octo.balanceOf(address(staking)), Roles.COUNT, "octo per role");
    }

    // ================================================================== members

    function test_registerMember_locksBondAndCheckpoints() external {
        uint256 t0 = _now();
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MemberStakeChanged(carol, 100e18);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MemberRegistered(carol, 100e18);
        vm.prank(carol);
        staking.registerMember(100e18);

        assertTrue(staking.isMember(carol), "member");
        assertEq(staking.memberStake(carol), 100e18, "stake");
        assertEq(octo.balanceOf(address(staking)), 100e18, "bond held");
        vm.warp(t0 + 1);
        assertEq(staking.memberStakeAt(carol, t0 - 1), 0, "before");
        assertEq(staking.memberStakeAt(carol, t0), 100e18, "at");
        assertEq(staking.votingPowerAt(carol, t0), 1e10, "sqrt power");
        assertEq(staking.totalVotingPowerAt(t0), 1e10, "total");
        assertEq(staking.totalVotingPowerAt(t0 - 1), 0, "total before");
    }

    function test_registerMember_revertsWith_StakingAlreadyMember_whenMember() external {
        vm.startPrank(carol);
        staking.registerMember(100e18);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingAlreadyMember.selector, carol));
        staking.registerMember(100e18);
        vm.stopPrank();
    }

    function test_registerMember_revertsWith_StakingBondTooLow_whenBelowMinimum() external {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingBondTooLow.selector, 100e18 - 1, 100e18));
        staking.registerMember(100e18 - 1);
    }

    function test_registerMember_revertsWith_ERC20InsufficientAllowance_whenNotApproved() external {
        vm.startPrank(carol);
        octo.approve(address(staking), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(staking), 0, 100e18)
        );
        staking.registerMember(100e18);
        vm.stopPrank();
    }

    function test_registerMember_afterExitKeepsExitBucketApart() external {
        vm.startPrank(carol);
        staking.registerMember(400e18);
        staking.requestMemberExit();
        uint256 readyAt = _now() + 7 days;
        vm.warp(_now() + 1 days);
        staking.registerMember(144e18);
        vm.stopPrank();
        assertTrue(staking.isMember(carol), "member again");
        assertEq(staking.memberStake(carol), 144e18, "fresh stake");
        (uint256 exitAmount, uint256 exitReadyAt) = staking.memberExit(carol);
        assertEq(exitAmount, 400e18, "exit bucket kept");
        assertEq(exitReadyAt, readyAt, "exit clock kept");
        assertEq(octo.balanceOf(address(staking)), 544e18, "both held");
        vm.warp(_now() + 1);
        assertEq(staking.totalVotingPowerAt(_now() - 1), 12e9, "only the live stake votes");
    }

    function test_increaseMemberStake_addsAndUpdatesVotingPower() external {
        vm.prank(carol);
        staking.registerMember(100e18);
        vm.prank(dave);
        staking.registerMember(225e18);
        vm.warp(_now() + 10);
        uint256 before = octo.balanceOf(carol);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MemberStakeChanged(carol, 400e18);
        vm.prank(carol);
        staking.increaseMemberStake(300e18);
        assertEq(staking.memberStake(carol), 400e18, "stake");
        assertEq(octo.balanceOf(carol), before - 300e18, "pulled");
        vm.warp(_now() + 1);
        uint256 t = _now() - 1;
        assertEq(staking.votingPowerAt(carol, t), 2e10, "sqrt 400e18");
        assertEq(staking.totalVotingPowerAt(t), 2e10 + 1.5e10, "sum of sqrt");
        assertEq(staking.totalVotingPowerAt(t - 10), 1e10 + 1.5e10, "old total");
    }

    function test_increaseMemberStake_revertsWith_StakingNotMember_whenNotMember() external {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingNotMember.selector, carol));
        staking.increaseMemberStake(1e18);
    }

    function test_increaseMemberStake_revertsWith_StakingNotMember_whenExited() external {
        vm.startPrank(carol);
        staking.registerMember(100e18);
        staking.requestMemberExit();
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingNotMember.selector, carol));
        staking.increaseMemberStake(1e18);
        vm.stopPrank();
    }

    function test_increaseMemberStake_revertsWith_StakingZeroAmount_whenZero() external {
        vm.startPrank(carol);
        staking.registerMember(100e18);
        vm.expectRevert(IStakingManager.StakingZeroAmount.selector);
        staking.increaseMemberStake(0);
        vm.stopPrank();
    }

    function test_requestMemberExit_zeroesStakeAndStartsUnbonding() external {
        vm.prank(carol);
        staking.registerMember(100e18);
        vm.prank(dave);
        staking.registerMember(400e18);
        uint256 tJoin = _now();
        vm.warp(_now() + 100);
        uint256 readyAt = _now() + 7 days;
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MemberStakeChanged(carol, 0);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MemberExitRequested(carol, 100e18, readyAt);
        vm.prank(carol);
        staking.requestMemberExit();

        assertFalse(staking.isMember(carol), "not a member");
        assertEq(staking.memberStake(carol), 0, "stake 0 at once");
        (uint256 amount, uint256 exitReadyAt) = staking.memberExit(carol);
        assertEq(amount, 100e18, "bucket");
        assertEq(exitReadyAt, readyAt, "readyAt");
        assertEq(octo.balanceOf(address(staking)), 500e18, "still held");
        vm.warp(_now() + 1);
        uint256 tExit = _now() - 1;
        assertEq(staking.memberStakeAt(carol, tExit), 0, "0 from exit");
        assertEq(staking.memberStakeAt(carol, tExit - 1), 100e18, "before exit");
        assertEq(staking.votingPowerAt(carol, tExit), 0, "no power");
        assertEq(staking.totalVotingPowerAt(tExit), 2e10, "only dave");
        assertEq(staking.totalVotingPowerAt(tJoin), 3e10, "both before");
    }

    function test_requestMemberExit_secondExitAddsAndRestartsClock() external {
        vm.startPrank(carol);
        staking.registerMember(100e18);
        staking.requestMemberExit();
        vm.warp(_now() + 2 days);
        staking.registerMember(200e18);
        staking.requestMemberExit();
        vm.stopPrank();
        (uint256 amount, uint256 readyAt) = staking.memberExit(carol);
        assertEq(amount, 300e18, "added");
        assertEq(readyAt, _now() + 7 days, "restarted");
    }

    function test_requestMemberExit_revertsWith_StakingNotMember_whenNotMember() external {
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingNotMember.selector, carol));
        staking.requestMemberExit();
    }

    function test_withdrawMember_paysOutAfterPeriod() external {
        vm.startPrank(carol);
        staking.registerMember(150e18);
        staking.requestMemberExit();
        vm.stopPrank();
        uint256 before = octo.balanceOf(carol);
        vm.warp(_now() + 7 days);
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MemberWithdrawn(carol, 150e18);
        vm.prank(carol);
        staking.withdrawMember();
        assertEq(octo.balanceOf(carol), before + 150e18, "paid");
        (uint256 amount, uint256 readyAt) = staking.memberExit(carol);
        assertEq(amount, 0, "bucket cleared");
        assertEq(readyAt, 0, "clock cleared");
        assertEq(octo.balanceOf(address(staking)), 0, "nothing held");
    }

    function test_withdrawMember_revertsWith_StakingNothingToWithdraw_whenNoExit() external {
        vm.startPrank(carol);
        staking.registerMember(100e18);
        vm.expectRevert(IStakingManager.StakingNothingToWithdraw.selector);
        staking.withdrawMember();
        vm.stopPrank();
    }

    function test_withdrawMember_revertsWith_StakingUnbondingNotReady_whenEarly() external {
        vm.startPrank(carol);
        staking.registerMember(100e18);
        staking.requestMemberExit();
        uint256 readyAt = _now() + 7 days;
        vm.warp(readyAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnbondingNotReady.selector, readyAt));
        staking.withdrawMember();
        vm.stopPrank();
    }

    function test_memberStakeAt_isExactForEveryPastTimepoint() external {
        uint256 t0 = _now();
        vm.prank(carol);
        staking.registerMember(100e18);
        vm.warp(t0 + 10);
        vm.startPrank(carol);
        staking.increaseMemberStake(44e18);
        staking.increaseMemberStake(56e18); // same timestamp: the checkpoint is overwritten
        vm.stopPrank();
        vm.warp(t0 + 20);
        vm.prank(carol);
        staking.requestMemberExit();
        vm.warp(t0 + 30);

        assertEq(staking.memberStakeAt(carol, t0 - 1), 0, "before");
        assertEq(staking.memberStakeAt(carol, t0), 100e18, "t0");
        assertEq(staking.memberStakeAt(carol, t0 + 9), 100e18, "t0+9");
        assertEq(staking.memberStakeAt(carol, t0 + 10), 200e18, "t0+10 final value of the second");
        assertEq(staking.memberStakeAt(carol, t0 + 19), 200e18, "t0+19");
        assertEq(staking.memberStakeAt(carol, t0 + 20), 0, "exit");
        assertEq(staking.votingPowerAt(carol, t0 + 10), Math.sqrt(200e18), "floor sqrt");
        assertEq(staking.votingPowerAt(carol, t0 + 10), 14_142_135_623, "floor sqrt literal");
        assertEq(staking.totalVotingPowerAt(t0 + 10), 14_142_135_623, "total");
        assertEq(staking.totalVotingPowerAt(t0 + 25), 0, "total after exit");
    }

    function test_memberStakeAt_isZeroForNonMembers() external {
        vm.warp(_now() + 1);
        assertEq(staking.memberStakeAt(stranger, _now() - 1), 0, "stake");
        assertEq(staking.votingPowerAt(stranger, _now() - 1), 0, "power");
        assertEq(staking.memberStake(stranger), 0, "current");
        assertFalse(staking.isMember(stranger), "isMember");
    }

    function test_memberStakeAt_revertsWith_StakingFutureLookup_whenNow() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFutureLookup.selector, _now(), _now()));
        staking.memberStakeAt(carol, _now());
    }

    function test_memberStakeAt_revertsWith_StakingFutureLookup_whenFuture() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFutureLookup.selector, _now() + 5, _now()));
        staking.memberStakeAt(carol, _now() + 5);
    }

    function test_votingPowerAt_revertsWith_StakingFutureLookup_whenNow() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFutureLookup.selector, _now(), _now()));
        staking.votingPowerAt(carol, _now());
    }

    function test_totalVotingPowerAt_revertsWith_StakingFutureLookup_whenNow() external {
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFutureLookup.selector, _now(), _now()));
        staking.totalVotingPowerAt(_now());
    }

    function test_totalVotingPowerAt_floorsEachMemberSeparately() external {
        vm.prank(admin);
        staking.setMinMemberBond(1);
        vm.prank(carol);
        staking.registerMember(99); // floor(sqrt(99)) = 9
        vm.prank(dave);
        staking.registerMember(8); // floor(sqrt(8)) = 2
        vm.warp(_now() + 1);
        // sqrt(107) = 10 would be the power of the pooled stake; square-root voting sums per member.
        assertEq(staking.totalVotingPowerAt(_now() - 1), 11, "9 + 2");
    }

    function test_memberStake_isNotTouchedBySlashing() external {
        vm.prank(carol);
        staking.registerMember(100e18);
        _registerAndStake(carol, ROLE, 1_000e18, 100e18);
        vm.prank(slasherAddr);
        staking.slash(carol, ROLE, 0.5e18, EVIDENCE, finder);
        assertEq(staking.memberStake(carol), 100e18, "member stake not slashable");
    }

    // ================================================================== setters

    function test_setRoleMinimums_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.RoleMinimumsSet(OTHER_ROLE, 5e18, 0);
        vm.prank(admin);
        staking.setRoleMinimums(OTHER_ROLE, 5e18, 0);
        IStakingManager.RoleMinimums memory m = staking.roleMinimums(OTHER_ROLE);
        assertEq(m.minOcto, 5e18, "minOcto");
        assertEq(m.minRoleAmount, 0, "minRoleAmount");
        assertEq(staking.roleMinimums(ROLE).minOcto, 1_000e18, "other roles unchanged");
    }

    function test_setRoleMinimums_acceptsUint96Max() external {
        vm.prank(admin);
        staking.setRoleMinimums(ROLE, type(uint96).max, type(uint96).max);
        assertEq(staking.roleMinimums(ROLE).minRoleAmount, type(uint96).max, "max");
    }

    function test_setRoleMinimums_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger));
        staking.setRoleMinimums(ROLE, 1, 1);
    }

    function test_setRoleMinimums_revertsWith_StakingInvalidRole_whenRoleOutOfRange() external {
        vm.prank(admin);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingInvalidRole.selector, uint8(8)));
        staking.setRoleMinimums(8, 1, 1);
    }

    function test_setRoleMinimums_revertsWith_StakingInvalidParameter_whenMinOctoZero() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setRoleMinimums(ROLE, 0, 1);
    }

    function test_setRoleMinimums_revertsWith_StakingInvalidParameter_whenMinOctoOver96Bits() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setRoleMinimums(ROLE, uint256(type(uint96).max) + 1, 1);
    }

    function test_setRoleMinimums_revertsWith_StakingInvalidParameter_whenMinRoleOver96Bits() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setRoleMinimums(ROLE, 1, uint256(type(uint96).max) + 1);
    }

    function test_setUnbondingPeriod_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.UnbondingPeriodSet(365 days);
        vm.prank(admin);
        staking.setUnbondingPeriod(365 days);
        assertEq(staking.unbondingPeriod(), 365 days, "period");
    }

    function test_setUnbondingPeriod_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger));
        staking.setUnbondingPeriod(1 days);
    }

    function test_setUnbondingPeriod_revertsWith_StakingInvalidParameter_whenZero() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setUnbondingPeriod(0);
    }

    function test_setUnbondingPeriod_revertsWith_StakingInvalidParameter_whenOverMax() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setUnbondingPeriod(365 days + 1);
    }

    function test_setMaxSlashFraction_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MaxSlashFractionSet(0.2e18);
        vm.prank(admin);
        staking.setMaxSlashFraction(0.2e18);
        assertEq(staking.maxSlashFractionWad(), 0.2e18, "fraction");
    }

    function test_setMaxSlashFraction_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(slasherAddr);
        vm.expectRevert(_unauthorized(slasherAddr));
        staking.setMaxSlashFraction(0.2e18);
    }

    function test_setMaxSlashFraction_revertsWith_StakingInvalidParameter_whenZero() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setMaxSlashFraction(0);
    }

    function test_setMaxSlashFraction_revertsWith_StakingInvalidParameter_whenOverOne() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setMaxSlashFraction(1e18 + 1);
    }

    function test_setSlashShares_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.SlashSharesSet(0, 1e18, 0);
        vm.prank(admin);
        staking.setSlashShares(0, 1e18, 0);
        IStakingManager.SlashShares memory s = staking.slashShares();
        assertEq(s.burnWad, 0, "burn");
        assertEq(s.treasuryWad, 1e18, "treasury");
        assertEq(s.finderWad, 0, "finder");
    }

    function test_setSlashShares_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger));
        staking.setSlashShares(0.5e18, 0.3e18, 0.2e18);
    }

    function test_setSlashShares_revertsWith_StakingInvalidShares_whenSumBelowOne() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidShares.selector);
        staking.setSlashShares(0.5e18, 0.3e18, 0.2e18 - 1);
    }

    function test_setSlashShares_revertsWith_StakingInvalidShares_whenSumWrapsAround() external {
        // Would sum to 1e18 modulo 2^256: each share is bounded first.
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidShares.selector);
        staking.setSlashShares(type(uint256).max, 1e18 + 1, 0);
    }

    function test_setMinMemberBond_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.MinMemberBondSet(5e18);
        vm.prank(admin);
        staking.setMinMemberBond(5e18);
        assertEq(staking.minMemberBond(), 5e18, "bond");
        vm.prank(carol);
        staking.registerMember(5e18);
        assertTrue(staking.isMember(carol), "lower bond accepted");
    }

    function test_setMinMemberBond_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger));
        staking.setMinMemberBond(5e18);
    }

    function test_setMinMemberBond_revertsWith_StakingInvalidParameter_whenZero() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setMinMemberBond(0);
    }

    function test_setSlasher_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.SlasherSet(bob);
        vm.prank(admin);
        staking.setSlasher(bob);
        assertEq(staking.slasher(), bob, "slasher");
        _registerAndStake(alice, ROLE, 1_000e18, 100e18);
        vm.prank(slasherAddr);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, slasherAddr));
        staking.slash(alice, ROLE, 0.1e18, EVIDENCE, finder);
    }

    function test_setSlasher_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(slasherAddr);
        vm.expectRevert(_unauthorized(slasherAddr));
        staking.setSlasher(slasherAddr);
    }

    function test_setSlasher_revertsWith_StakingInvalidParameter_whenZero() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setSlasher(address(0));
    }

    function test_setTreasury_setsAndEmits() external {
        vm.expectEmit(true, true, true, true, address(staking));
        emit IStakingManager.TreasurySet(bob);
        vm.prank(admin);
        staking.setTreasury(bob);
        assertEq(staking.treasury(), bob, "treasury");
    }

    function test_setTreasury_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() external {
        vm.prank(stranger);
        vm.expectRevert(_unauthorized(stranger));
        staking.setTreasury(stranger);
    }

    function test_setTreasury_revertsWith_StakingInvalidParameter_whenZero() external {
        vm.prank(admin);
        vm.expectRevert(IStakingManager.StakingInvalidParameter.selector);
        staking.setTreasury(address(0));
    }

    // ================================================================== fuzz

    function testFuzz_stake_booksAndBalancesMatch(uint256 octoAmount, uint256 roleAmount, uint8 role) external {
        role = uint8(bound(role, 0, Roles.COUNT - 1));
        octoAmount = bound(octoAmount, 0, FUNDS);
        roleAmount = bound(roleAmount, 0, FUNDS);
        vm.assume(octoAmount != 0 || roleAmount != 0);
        _registerAndStake(alice, role, octoAmount, roleAmount);
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, role);
        assertEq(ps.octo, octoAmount, "octo");
        assertEq(ps.roleAmount, roleAmount, "role");
        assertEq(octo.balanceOf(address(staking)), octoAmount, "octo held");
        assertEq(IERC20(roleTokens[role]).balanceOf(address(staking)), roleAmount, "role held");
    }

    function testFuzz_requestUnbond_conservesStake(
        uint256 octoStake,
        uint256 roleStake,
        uint256 octoOut,
        uint256 roleOut,
        uint256 wait
    ) external {
        octoStake = bound(octoStake, 1, FUNDS);
        roleStake = bound(roleStake, 1, FUNDS);
        octoOut = bound(octoOut, 0, octoStake);
        roleOut = bound(roleOut, 0, roleStake);
        vm.assume(octoOut != 0 || roleOut != 0);
        wait = bound(wait, 0, 30 days);
        _registerAndStake(alice, ROLE, octoStake, roleStake);
        vm.prank(alice);
        staking.requestUnbond(ROLE, octoOut, roleOut);
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        IStakingManager.Unbonding memory u = staking.unbonding(alice, ROLE);
        assertEq(ps.octo + u.octo, octoStake, "octo conserved");
        assertEq(ps.roleAmount + u.roleAmount, roleStake, "role conserved");

        uint256 readyAt = ps.unbondReadyAt;
        vm.warp(_now() + wait);
        if (_now() < readyAt) {
            vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingUnbondingNotReady.selector, readyAt));
        }
        vm.prank(alice);
        staking.withdraw(ROLE);
        if (_now() >= readyAt) {
            assertEq(octo.balanceOf(address(staking)), octoStake - octoOut, "octo left");
            assertEq(roleToken.balanceOf(address(staking)), roleStake - roleOut, "role left");
        }
    }

    function testFuzz_slash_splitIsExact(
        uint256 octoStake,
        uint256 roleStake,
        uint256 octoOut,
        uint256 roleOut,
        uint256 fraction,
        uint256 burnWad,
        uint256 finderWad,
        bool withFinder
    ) external {
        octoStake = bound(octoStake, 0, FUNDS);
        roleStake = bound(roleStake, 1, FUNDS);
        octoOut = bound(octoOut, 0, octoStake);
        roleOut = bound(roleOut, 0, roleStake);
        fraction = bound(fraction, 0, 1e18);
        burnWad = bound(burnWad, 0, 1e18);
        finderWad = bound(finderWad, 0, 1e18 - burnWad);
        vm.startPrank(admin);
        staking.setMaxSlashFraction(1e18);
        staking.setSlashShares(burnWad, 1e18 - burnWad - finderWad, finderWad);
        vm.stopPrank();
        _registerAndStake(alice, ROLE, octoStake, roleStake);
        if (octoOut != 0 || roleOut != 0) {
            vm.prank(alice);
            staking.requestUnbond(ROLE, octoOut, roleOut);
        }
        address f = withFinder ? finder : address(0);
        uint256 octoSupply = octo.totalSupply();
        uint256 roleSupply = roleToken.totalSupply();

        vm.prank(slasherAddr);
        staking.slash(alice, ROLE, fraction, EVIDENCE, f);

        uint256 expOcto = (octoStake - octoOut) * fraction / 1e18 + octoOut * fraction / 1e18;
        uint256 expRole = (roleStake - roleOut) * fraction / 1e18 + roleOut * fraction / 1e18;
        IStakingManager.ProviderStake memory ps = staking.providerStake(alice, ROLE);
        IStakingManager.Unbonding memory u = staking.unbonding(alice, ROLE);
        assertEq(octoStake - ps.octo - u.octo, expOcto, "octo slashed");
        assertEq(roleStake - ps.roleAmount - u.roleAmount, expRole, "role slashed");

        uint256 octoBurned = octoSupply - octo.totalSupply();
        uint256 roleBurned = roleSupply - roleToken.totalSupply();
        assertEq(octoBurned + octo.balanceOf(treasuryAddr) + octo.balanceOf(finder), expOcto, "octo split exact");
        assertEq(
            roleBurned + roleToken.balanceOf(treasuryAddr) + roleToken.balanceOf(finder), expRole, "role split exact"
        );
        assertEq(octoBurned, expOcto * burnWad / 1e18, "octo burn share");
        assertEq(octo.balanceOf(finder), withFinder ? expOcto * finderWad / 1e18 : 0, "octo finder share");
        assertEq(octo.balanceOf(address(staking)), ps.octo + u.octo, "octo held = books");
        assertEq(roleToken.balanceOf(address(staking)), ps.roleAmount + u.roleAmount, "role held = books");
    }

    function testFuzz_slash_revertsAboveMax(uint256 maxFraction, uint256 fraction) external {
        maxFraction = bound(maxFraction, 1, 1e18);
        fraction = bound(fraction, maxFraction + 1, type(uint256).max);
        vm.prank(admin);
        staking.setMaxSlashFraction(maxFraction);
        vm.prank(alice);
        staking.registerProvider(ROLE);
        vm.prank(slasherAddr);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingSlashFractionTooHigh.selector, fraction, maxFraction)
        );
        staking.slash(alice, ROLE, fraction, EVIDENCE, finder);
    }

    function testFuzz_registerMember_votingPowerIsSumOfFloorSqrt(uint256 a, uint256 b, uint256 inc) external {
        a = bound(a, 100e18, FUNDS / 2);
        b = bound(b, 100e18, FUNDS / 2);
        inc = bound(inc, 1, FUNDS / 2);
        vm.prank(carol);
        staking.registerMember(a);
        vm.prank(dave);
        staking.registerMember(b);
        uint256 t1 = _now();
        vm.warp(t1 + 1);
        vm.prank(carol);
        staking.increaseMemberStake(inc);
        vm.warp(t1 + 2);
        assertEq(staking.totalVotingPowerAt(t1), Math.sqrt(a) + Math.sqrt(b), "t1");
        assertEq(staking.totalVotingPowerAt(t1 + 1), Math.sqrt(a + inc) + Math.sqrt(b), "t1+1");
        assertEq(staking.memberStakeAt(carol, t1 + 1), a + inc, "stake");
        vm.prank(dave);
        staking.requestMemberExit();
        vm.warp(t1 + 3);
        assertEq(staking.totalVotingPowerAt(t1 + 2), Math.sqrt(a + inc), "after exit");
    }

    function testFuzz_setSlashShares_acceptsOnlySumOfOne(uint256 burnWad, uint256 treasuryWad, uint256 finderWad)
        external
    {
        burnWad = bound(burnWad, 0, 2e18);
        treasuryWad = bound(treasuryWad, 0, 2e18);
        finderWad = bound(finderWad, 0, 2e18);
        bool valid = burnWad + treasuryWad + finderWad == 1e18;
        if (!valid) vm.expectRevert(IStakingManager.StakingInvalidShares.selector);
        vm.prank(admin);
        staking.setSlashShares(burnWad, treasuryWad, finderWad);
        if (valid) assertEq(staking.slashShares().treasuryWad, treasuryWad, "stored");
    }
}
