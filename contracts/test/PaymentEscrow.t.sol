// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {OctoToken} from "../src/OctoToken.sol";
import {PaymentEscrow} from "../src/PaymentEscrow.sol";
import {IPaymentEscrow} from "../src/interfaces/IPaymentEscrow.sol";
import {Test} from "./utils/Test.sol";

contract PaymentEscrowTest is Test {
    uint256 internal constant DELAY = 2 days;

    OctoToken internal octo;
    PaymentEscrow internal escrow;
    address internal admin;
    address internal debitor;
    address internal alice;
    address internal bob;
    address internal holder;

    function setUp() public {
        admin = makeAddr("admin");
        debitor = makeAddr("debitor");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        holder = makeAddr("holder");
        octo = new OctoToken(admin, type(uint208).max, holder, type(uint160).max);
        escrow = new PaymentEscrow(address(octo), admin);
        vm.prank(admin);
        escrow.setDebitor(debitor);
        _give(alice, 1_000_000e18);
        _give(bob, 1_000_000e18);
    }

    function _give(address to, uint256 amount) internal {
        vm.prank(holder);
        octo.transfer(to, amount);
        vm.prank(to);
        octo.approve(address(escrow), type(uint256).max);
    }

    function _deposit(address who, uint256 amount) internal {
        vm.prank(who);
        escrow.deposit(amount);
    }

    function _debit(uint64 epoch, address who, uint256 amount) internal returns (uint256) {
        address[] memory r = new address[](1);
        uint256[] memory a = new uint256[](1);
        r[0] = who;
        a[0] = amount;
        vm.prank(debitor);
        return escrow.debit(epoch, r, a);
    }

    // ------------------------------------------------------------------ constructor and views

    function test_constructor_setsDefaultsAndRoles() public {
        PaymentEscrow fresh = new PaymentEscrow(address(octo), admin);
        vm.assertEq(fresh.octo(), address(octo));
        vm.assertEq(fresh.withdrawalDelay(), DELAY);
        vm.assertEq(fresh.debitor(), address(0));
        vm.assertEq(fresh.totalBalance(), 0);
        vm.assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertTrue(fresh.hasRole(fresh.GOVERNANCE_ROLE(), admin));
    }

    function test_constructor_revertsWith_EscrowInvalidParameter_whenOctoZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        new PaymentEscrow(address(0), admin);
    }

    function test_constructor_revertsWith_EscrowInvalidParameter_whenAdminZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        new PaymentEscrow(address(octo), address(0));
    }

    // ------------------------------------------------------------------ deposit / depositFor

    function test_deposit_creditsCallerAndPullsTokens() public {
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.Deposited(alice, alice, 100e18);
        _deposit(alice, 100e18);
        vm.assertEq(escrow.balanceOf(alice), 100e18);
        vm.assertEq(escrow.account(alice).balance, 100e18);
        vm.assertEq(escrow.totalBalance(), 100e18);
        vm.assertEq(octo.balanceOf(address(escrow)), 100e18);
        vm.assertEq(octo.balanceOf(alice), 1_000_000e18 - 100e18);
    }

    function test_depositFor_creditsRequesterFromCaller() public {
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.Deposited(bob, alice, 5e18);
        vm.prank(alice);
        escrow.depositFor(bob, 5e18);
        vm.assertEq(escrow.balanceOf(bob), 5e18);
        vm.assertEq(escrow.balanceOf(alice), 0);
        vm.assertEq(octo.balanceOf(alice), 1_000_000e18 - 5e18);
        vm.assertEq(escrow.totalBalance(), 5e18);
    }

    function test_deposit_revertsWith_EscrowZeroAmount_whenZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowZeroAmount.selector);
        _deposit(alice, 0);
    }

    function test_depositFor_revertsWith_EscrowZeroAmount_whenZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowZeroAmount.selector);
        vm.prank(alice);
        escrow.depositFor(bob, 0);
    }

    function test_depositFor_revertsWith_EscrowInvalidParameter_whenRequesterZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        vm.prank(alice);
        escrow.depositFor(address(0), 1);
    }

    function test_deposit_revertsWith_EscrowAmountTooLarge_whenBalanceOverflows128Bits() public {
        uint256 big = uint256(type(uint128).max);
        _give(alice, big + 1);
        _deposit(alice, big);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowAmountTooLarge.selector, 1));
        _deposit(alice, 1);
    }

    function test_deposit_revertsWhenAllowanceMissing() public {
        vm.prank(alice);
        octo.approve(address(escrow), 0);
        vm.expectRevert();
        _deposit(alice, 1);
    }

    function testFuzz_deposit_accumulates(uint256 a, uint256 b) public {
        a = bound(a, 1, 500_000e18);
        b = bound(b, 1, 500_000e18);
        _deposit(alice, a);
        vm.prank(alice);
        escrow.depositFor(bob, b);
        vm.assertEq(escrow.balanceOf(alice), a);
        vm.assertEq(escrow.balanceOf(bob), b);
        vm.assertEq(escrow.totalBalance(), a + b);
        vm.assertEq(octo.balanceOf(address(escrow)), a + b);
    }

    // ------------------------------------------------------------------ requestWithdrawal

    function test_requestWithdrawal_recordsPendingAndDelay() public {
        _deposit(alice, 100e18);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.WithdrawalRequested(alice, 40e18, block.timestamp + DELAY);
        vm.prank(alice);
        escrow.requestWithdrawal(40e18);
        IPaymentEscrow.Account memory acct = escrow.account(alice);
        vm.assertEq(acct.balance, 100e18); // still debitable
        vm.assertEq(acct.pendingWithdrawal, 40e18);
        vm.assertEq(acct.withdrawableAt, block.timestamp + DELAY);
    }

    function test_requestWithdrawal_replacesEarlierRequestAndRestartsDelay() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(40e18);
        vm.warp(block.timestamp + 1 days);
        vm.prank(alice);
        escrow.requestWithdrawal(10e18);
        IPaymentEscrow.Account memory acct = escrow.account(alice);
        vm.assertEq(acct.pendingWithdrawal, 10e18);
        vm.assertEq(acct.withdrawableAt, block.timestamp + DELAY);
    }

    function test_requestWithdrawal_revertsWith_EscrowZeroAmount_whenZero() public {
        _deposit(alice, 1e18);
        vm.expectRevert(IPaymentEscrow.EscrowZeroAmount.selector);
        vm.prank(alice);
        escrow.requestWithdrawal(0);
    }

    function test_requestWithdrawal_revertsWith_EscrowInsufficientBalance_whenAboveBalance() public {
        _deposit(alice, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentEscrow.EscrowInsufficientBalance.selector, alice, 1e18, 1e18 + 1)
        );
        vm.prank(alice);
        escrow.requestWithdrawal(1e18 + 1);
    }

    // ------------------------------------------------------------------ withdraw

    function test_withdraw_paysAfterDelay() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(40e18);
        vm.warp(block.timestamp + DELAY);
        uint256 before = octo.balanceOf(alice);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.Withdrawn(alice, 40e18);
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(octo.balanceOf(alice), before + 40e18);
        vm.assertEq(escrow.balanceOf(alice), 60e18);
        vm.assertEq(escrow.totalBalance(), 60e18);
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 0);
        vm.assertEq(escrow.account(alice).withdrawableAt, 0);
        vm.assertEq(octo.balanceOf(address(escrow)), 60e18);
    }

    function test_withdraw_revertsWith_EscrowWithdrawalNotReady_beforeDelay() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(40e18);
        uint256 at = block.timestamp + DELAY;
        vm.warp(at - 1);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowWithdrawalNotReady.selector, at));
        vm.prank(alice);
        escrow.withdraw();
    }

    function test_withdraw_revertsWith_EscrowNoPendingWithdrawal_whenNothingRequested() public {
        _deposit(alice, 100e18);
        vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
        vm.prank(alice);
        escrow.withdraw();
    }

    function test_withdraw_revertsWith_EscrowNoPendingWithdrawal_whenAlreadyWithdrawn() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(40e18);
        vm.warp(block.timestamp + DELAY);
        vm.prank(alice);
        escrow.withdraw();
        vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
        vm.prank(alice);
        escrow.withdraw();
    }

    function test_withdraw_capsAtBalanceRemainingAfterDebit() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(80e18);
        _debit(0, alice, 70e18); // leaves 30, pending shrinks to 30
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 30e18);
        vm.warp(block.timestamp + DELAY);
        uint256 before = octo.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(octo.balanceOf(alice), before + 30e18);
        vm.assertEq(escrow.balanceOf(alice), 0);
        vm.assertEq(escrow.totalBalance(), 0);
    }

    function test_withdraw_clearsRequestWhenBalanceFullyDebited() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(100e18);
        _debit(0, alice, 100e18);
        // The pending amount shrank with the balance: nothing is left to withdraw.
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 0);
        vm.warp(block.timestamp + DELAY);
        vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
        vm.prank(alice);
        escrow.withdraw();
    }

    function testFuzz_withdraw_paysRequestedCappedAtBalance(uint256 dep, uint256 req, uint256 deb) public {
        dep = bound(dep, 1, 1_000_000e18);
        req = bound(req, 1, dep);
        deb = bound(deb, 0, dep);
        _deposit(alice, dep);
        vm.prank(alice);
        escrow.requestWithdrawal(req);
        if (deb != 0) _debit(7, alice, deb);
        vm.warp(block.timestamp + DELAY);
        uint256 expected = req < dep - deb ? req : dep - deb;
        uint256 before = octo.balanceOf(alice);
        if (expected == 0) {
            vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
            vm.prank(alice);
            escrow.withdraw();
            return;
        }
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(octo.balanceOf(alice), before + expected);
        vm.assertEq(escrow.balanceOf(alice), dep - deb - expected);
        vm.assertEq(octo.balanceOf(address(escrow)), escrow.totalBalance());
    }

    // ------------------------------------------------------------------ debit

    function test_debit_movesTotalToDebitor() public {
        _deposit(alice, 100e18);
        _deposit(bob, 50e18);
        address[] memory r = new address[](3);
        uint256[] memory a = new uint256[](3);
        (r[0], r[1], r[2]) = (alice, bob, alice);
        (a[0], a[1], a[2]) = (10e18, 50e18, 5e18);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.Debited(3, alice, 10e18);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.Debited(3, bob, 50e18);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.Debited(3, alice, 5e18);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochDebited(3, 65e18, debitor);
        vm.prank(debitor);
        uint256 total = escrow.debit(3, r, a);
        vm.assertEq(total, 65e18);
        vm.assertEq(octo.balanceOf(debitor), 65e18);
        vm.assertEq(escrow.balanceOf(alice), 85e18);
        vm.assertEq(escrow.balanceOf(bob), 0);
        vm.assertEq(escrow.totalBalance(), 85e18);
        vm.assertEq(octo.balanceOf(address(escrow)), 85e18);
        vm.assertTrue(escrow.epochDebited(3));
        vm.assertFalse(escrow.epochDebited(2));
    }

    function test_debit_skipsZeroAmountsAndMarksEmptyEpoch() public {
        vm.prank(debitor);
        uint256 total = escrow.debit(0, new address[](0), new uint256[](0));
        vm.assertEq(total, 0);
        vm.assertTrue(escrow.epochDebited(0));
        _deposit(alice, 1e18);
        vm.assertEq(_debit(1, alice, 0), 0);
        vm.assertEq(escrow.balanceOf(alice), 1e18);
    }

    function test_debit_keepsPendingWithdrawalWhenBalanceSuffices() public {
        _deposit(alice, 100e18);
        vm.prank(alice);
        escrow.requestWithdrawal(20e18);
        _debit(0, alice, 50e18);
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 20e18);
    }

    function test_debit_revertsWith_EscrowUnauthorizedDebitor_whenNotDebitor() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, alice));
        vm.prank(alice);
        escrow.debit(0, new address[](0), new uint256[](0));
    }

    function test_debit_revertsWith_EscrowLengthMismatch_whenArraysDiffer() public {
        vm.expectRevert(IPaymentEscrow.EscrowLengthMismatch.selector);
        vm.prank(debitor);
        escrow.debit(0, new address[](1), new uint256[](2));
    }

    function test_debit_revertsWith_EscrowEpochAlreadyDebited_whenRepeated() public {
        _deposit(alice, 10e18);
        _debit(4, alice, 1e18);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadyDebited.selector, uint64(4)));
        _debit(4, alice, 1e18);
    }

    function test_debit_revertsWith_EscrowInsufficientBalance_whenAboveBalance() public {
        _deposit(alice, 10e18);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentEscrow.EscrowInsufficientBalance.selector, alice, 10e18, 10e18 + 1)
        );
        _debit(0, alice, 10e18 + 1);
    }

    function test_debit_revertsWith_EscrowInsufficientBalance_whenRepeatedRequesterOverdraws() public {
        _deposit(alice, 10e18);
        address[] memory r = new address[](2);
        uint256[] memory a = new uint256[](2);
        (r[0], r[1]) = (alice, alice);
        (a[0], a[1]) = (6e18, 6e18);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentEscrow.EscrowInsufficientBalance.selector, alice, 4e18, 6e18)
        );
        vm.prank(debitor);
        escrow.debit(0, r, a);
    }

    function testFuzz_debit_conservesTokens(uint256 dep, uint256 amount) public {
        dep = bound(dep, 1, 1_000_000e18);
        amount = bound(amount, 0, dep);
        _deposit(alice, dep);
        uint256 total = _debit(9, alice, amount);
        vm.assertEq(total, amount);
        vm.assertEq(octo.balanceOf(debitor), amount);
        vm.assertEq(escrow.balanceOf(alice), dep - amount);
        vm.assertEq(octo.balanceOf(address(escrow)), escrow.totalBalance());
    }

    // ------------------------------------------------------------------ parameters

    function test_setWithdrawalDelay_updatesAndAppliesToNewRequests() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IPaymentEscrow.WithdrawalDelaySet(5 days);
        vm.prank(admin);
        escrow.setWithdrawalDelay(5 days);
        vm.assertEq(escrow.withdrawalDelay(), 5 days);
        _deposit(alice, 1e18);
        vm.prank(alice);
        escrow.requestWithdrawal(1e18);
        vm.assertEq(escrow.account(alice).withdrawableAt, block.timestamp + 5 days);
    }

    function test_setWithdrawalDelay_acceptsZeroAndMax() public {
        vm.startPrank(admin);
        escrow.setWithdrawalDelay(0);
        vm.assertEq(escrow.withdrawalDelay(), 0);
        escrow.setWithdrawalDelay(30 days);
        vm.assertEq(escrow.withdrawalDelay(), 30 days);
        vm.stopPrank();
    }

    function test_setWithdrawalDelay_revertsWith_EscrowInvalidParameter_whenAboveMax() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        vm.prank(admin);
        escrow.setWithdrawalDelay(30 days + 1);
    }

    function test_setWithdrawalDelay_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, escrow.GOVERNANCE_ROLE()
            )
        );
        vm.prank(alice);
        escrow.setWithdrawalDelay(1);
    }

    function test_setDebitor_updatesAndEmits() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IPaymentEscrow.DebitorSet(bob);
        vm.prank(admin);
        escrow.setDebitor(bob);
        vm.assertEq(escrow.debitor(), bob);
        // The old debitor is out.
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, debitor));
        vm.prank(debitor);
        escrow.debit(0, new address[](0), new uint256[](0));
    }

    function test_setDebitor_revertsWith_EscrowInvalidParameter_whenZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        vm.prank(admin);
        escrow.setDebitor(address(0));
    }

    function test_setDebitor_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, alice, escrow.GOVERNANCE_ROLE()
            )
        );
        vm.prank(alice);
        escrow.setDebitor(alice);
    }
}
