// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

import {OctoToken} from "../src/OctoToken.sol";
import {Treasury} from "../src/Treasury.sol";
import {ITreasury} from "../src/interfaces/ITreasury.sol";
import {Test} from "./utils/Test.sol";

contract PlainToken is ERC20 {
    constructor(address to, uint256 amount) ERC20("Plain", "PLN") {
        _mint(to, amount);
    }
}

contract TreasuryTest is Test {
    OctoToken internal octo;
    Treasury internal treasury;
    address internal admin;
    address internal notifier;
    address internal stranger;
    address internal recipient;

    function setUp() public {
        admin = makeAddr("admin");
        notifier = makeAddr("notifier");
        stranger = makeAddr("stranger");
        recipient = makeAddr("recipient");
        octo = new OctoToken(admin, 10_000_000_000e18, notifier, 1_000_000_000e18);
        treasury = new Treasury(address(octo), admin);
        vm.startPrank(admin);
        treasury.grantRole(treasury.FEE_NOTIFIER_ROLE(), notifier);
        vm.stopPrank();
    }

    function _payFee(uint256 amount) internal {
        vm.startPrank(notifier);
        octo.transfer(address(treasury), amount);
        treasury.notifyProtocolFee(amount);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ constructor

    function test_constructor_setsDefaultsAndRoles() public view {
        vm.assertEq(treasury.octo(), address(octo));
        vm.assertEq(treasury.burnShareWad(), 0.5e18);
        vm.assertEq(treasury.totalFeesReceived(), 0);
        vm.assertEq(treasury.totalBurned(), 0);
        vm.assertTrue(treasury.hasRole(treasury.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertTrue(treasury.hasRole(treasury.GOVERNANCE_ROLE(), admin));
        vm.assertEq(treasury.GOVERNANCE_ROLE(), keccak256("GOVERNANCE_ROLE"));
        vm.assertEq(treasury.FEE_NOTIFIER_ROLE(), keccak256("FEE_NOTIFIER_ROLE"));
    }

    function test_constructor_revertsWith_TreasuryInvalidParameter_whenOctoZero() public {
        vm.expectRevert(ITreasury.TreasuryInvalidParameter.selector);
        new Treasury(address(0), admin);
    }

    function test_constructor_revertsWith_TreasuryInvalidParameter_whenAdminZero() public {
        vm.expectRevert(ITreasury.TreasuryInvalidParameter.selector);
        new Treasury(address(octo), address(0));
    }

    // ------------------------------------------------------------------ notifyProtocolFee

    function test_notifyProtocolFee_burnsBurnShareAndKeepsRest() public {
        uint256 supplyBefore = octo.totalSupply();
        vm.prank(notifier);
        octo.transfer(address(treasury), 1_001);
        vm.expectEmit(true, false, false, true, address(treasury));
        emit ITreasury.ProtocolFeeReceived(notifier, 1_001, 500);
        vm.prank(notifier);
        treasury.notifyProtocolFee(1_001);
        vm.assertEq(octo.balanceOf(address(treasury)), 501); // rounding keeps the odd wei
        vm.assertEq(octo.totalSupply(), supplyBefore - 500);
        vm.assertEq(treasury.totalFeesReceived(), 1_001);
        vm.assertEq(treasury.totalBurned(), 500);
    }

    function test_notifyProtocolFee_accumulatesTotals() public {
        _payFee(100e18);
        _payFee(40e18);
        vm.assertEq(treasury.totalFeesReceived(), 140e18);
        vm.assertEq(treasury.totalBurned(), 70e18);
        vm.assertEq(octo.balanceOf(address(treasury)), 70e18);
    }

    function test_notifyProtocolFee_zeroAmountRecordsNothing() public {
        vm.expectEmit(true, false, false, true, address(treasury));
        emit ITreasury.ProtocolFeeReceived(notifier, 0, 0);
        vm.prank(notifier);
        treasury.notifyProtocolFee(0);
        vm.assertEq(treasury.totalFeesReceived(), 0);
        vm.assertEq(treasury.totalBurned(), 0);
    }

    function test_notifyProtocolFee_burnsNothingWhenShareZero() public {
        vm.prank(admin);
        treasury.setBurnShare(0);
        uint256 supplyBefore = octo.totalSupply();
        _payFee(10e18);
        vm.assertEq(octo.totalSupply(), supplyBefore);
        vm.assertEq(octo.balanceOf(address(treasury)), 10e18);
        vm.assertEq(treasury.totalBurned(), 0);
    }

    function test_notifyProtocolFee_burnsAllWhenShareOne() public {
        vm.prank(admin);
        treasury.setBurnShare(1e18);
        _payFee(10e18);
        vm.assertEq(octo.balanceOf(address(treasury)), 0);
        vm.assertEq(treasury.totalBurned(), 10e18);
    }

    function test_notifyProtocolFee_revertsWith_AccessControlUnauthorizedAccount_whenNotNotifier() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, treasury.FEE_NOTIFIER_ROLE()
            )
        );
        vm.prank(stranger);
        treasury.notifyProtocolFee(1);
    }

    function test_notifyProtocolFee_revertsWhenFeeNotTransferred() public {
        // The burn share cannot be burned from an empty treasury.
        vm.expectRevert();
        vm.prank(notifier);
        treasury.notifyProtocolFee(10e18);
    }

    function testFuzz_notifyProtocolFee_burnsFloorShare(uint256 amount, uint256 share) public {
        amount = bound(amount, 0, 1_000_000_000e18);
        share = bound(share, 0, 1e18);
        vm.prank(admin);
        treasury.setBurnShare(share);
        uint256 supplyBefore = octo.totalSupply();
        _payFee(amount);
        uint256 burned = amount * share / 1e18;
        vm.assertEq(treasury.totalBurned(), burned);
        vm.assertEq(treasury.totalFeesReceived(), amount);
        vm.assertEq(octo.balanceOf(address(treasury)), amount - burned);
        vm.assertEq(octo.totalSupply(), supplyBefore - burned);
    }

    // ------------------------------------------------------------------ spend

    function test_spend_sendsOcto() public {
        _payFee(10e18);
        vm.expectEmit(true, true, false, true, address(treasury));
        emit ITreasury.Spent(address(octo), recipient, 3e18);
        vm.prank(admin);
        treasury.spend(address(octo), recipient, 3e18);
        vm.assertEq(octo.balanceOf(recipient), 3e18);
        vm.assertEq(octo.balanceOf(address(treasury)), 2e18);
    }

    function test_spend_sendsAnyToken() public {
        PlainToken other = new PlainToken(address(treasury), 7);
        vm.prank(admin);
        treasury.spend(address(other), recipient, 7);
        vm.assertEq(other.balanceOf(recipient), 7);
        vm.assertEq(other.balanceOf(address(treasury)), 0);
    }

    function test_spend_revertsWith_TreasuryInsufficientBalance_whenAboveBalance() public {
        _payFee(10e18);
        vm.expectRevert(
            abi.encodeWithSelector(ITreasury.TreasuryInsufficientBalance.selector, address(octo), 5e18, 5e18 + 1)
        );
        vm.prank(admin);
        treasury.spend(address(octo), recipient, 5e18 + 1);
    }

    function test_spend_revertsWith_TreasuryInvalidParameter_whenRecipientZero() public {
        vm.expectRevert(ITreasury.TreasuryInvalidParameter.selector);
        vm.prank(admin);
        treasury.spend(address(octo), address(0), 0);
    }

    function test_spend_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, treasury.GOVERNANCE_ROLE()
            )
        );
        vm.prank(stranger);
        treasury.spend(address(octo), recipient, 0);
    }

    function testFuzz_spend_movesExactAmount(uint256 fee, uint256 amount) public {
        fee = bound(fee, 0, 1_000_000e18);
        _payFee(fee);
        uint256 held = octo.balanceOf(address(treasury));
        amount = bound(amount, 0, held);
        vm.prank(admin);
        treasury.spend(address(octo), recipient, amount);
        vm.assertEq(octo.balanceOf(recipient), amount);
        vm.assertEq(octo.balanceOf(address(treasury)), held - amount);
    }

    // ------------------------------------------------------------------ setBurnShare

    function test_setBurnShare_updatesAndEmits() public {
        vm.expectEmit(false, false, false, true, address(treasury));
        emit ITreasury.BurnShareSet(0.25e18);
        vm.prank(admin);
        treasury.setBurnShare(0.25e18);
        vm.assertEq(treasury.burnShareWad(), 0.25e18);
    }

    function test_setBurnShare_revertsWith_TreasuryInvalidParameter_whenAboveOne() public {
        vm.expectRevert(ITreasury.TreasuryInvalidParameter.selector);
        vm.prank(admin);
        treasury.setBurnShare(1e18 + 1);
    }

    function test_setBurnShare_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, treasury.GOVERNANCE_ROLE()
            )
        );
        vm.prank(stranger);
        treasury.setBurnShare(0);
    }
}
