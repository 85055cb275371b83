// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {OctoToken} from "../src/OctoToken.sol";
import {PaymentEscrow} from "../src/PaymentEscrow.sol";
import {IPaymentEscrow} from "../src/interfaces/IPaymentEscrow.sol";
import {Test} from "./utils/Test.sol";
import {Authorizations} from "./utils/Authorizations.sol";

/// @dev ERC-1271 wallet that accepts the ECDSA signature of its owner.
contract OwnedWallet1271 {
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == owner ? bytes4(0x1626ba7e) : bytes4(0xffffffff);
    }
}

contract PaymentEscrowTest is Test {
    uint256 internal constant DELAY = 2 days;
    uint256 internal constant WINDOW = 7 days;
    uint8 internal constant SKIP_BALANCE = 1;
    uint8 internal constant SKIP_SIGNATURE = 2;
    uint8 internal constant SKIP_ABOVE_VOUCHER = 3;

    OctoToken internal octo;
    PaymentEscrow internal escrow;
    address internal admin;
    address internal debitor;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal holder;
    uint256 internal alicePk;
    uint256 internal bobPk;
    uint256 internal carolPk;

    function setUp() public {
        admin = makeAddr("admin");
        debitor = makeAddr("debitor");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        holder = makeAddr("holder");
        alicePk = _pk("alice");
        bobPk = _pk("bob");
        carolPk = _pk("carol");
        octo = new OctoToken(admin, type(uint208).max, holder, type(uint160).max);
        escrow = new PaymentEscrow(address(octo), admin);
        vm.prank(admin);
        escrow.setDebitor(debitor);
        _give(alice, 1_000_000e18);
        _give(bob, 1_000_000e18);
        _give(carol, 1_000_000e18);
    }

    // ------------------------------------------------------------------ helpers

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

    function _a(uint256 pk, uint64 epoch, uint256 amount, uint256 maxAmount)
        internal
        view
        returns (IPaymentEscrow.Authorization memory)
    {
        return _auth(escrow, pk, epoch, amount, maxAmount);
    }

    /// @dev Reserves `amount` of `pk`'s requester for `epoch` under a voucher of `amount`, as the debitor.
    function _reserveOne(uint64 epoch, uint256 pk, uint256 amount) internal returns (uint256) {
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_a(pk, epoch, amount, amount));
        vm.prank(debitor);
        return escrow.reserve(epoch, auths);
    }

    function _request(address who, uint256 amount) internal {
        vm.prank(who);
        escrow.requestWithdrawal(amount);
    }

    function _expectBooks(uint256 held, uint256 balances, uint256 reserved) internal view {
        vm.assertEq(octo.balanceOf(address(escrow)), held, "escrow OCTO");
        vm.assertEq(escrow.totalBalance(), balances, "totalBalance");
        vm.assertEq(escrow.totalReserved(), reserved, "totalReserved");
    }

    // ------------------------------------------------------------------ constructor and views

    function test_constructor_setsDefaultsAndRoles() public {
        PaymentEscrow fresh = new PaymentEscrow(address(octo), admin);
        vm.assertEq(fresh.octo(), address(octo));
        vm.assertEq(fresh.withdrawalDelay(), DELAY);
        vm.assertEq(fresh.withdrawalWindow(), WINDOW);
        vm.assertEq(fresh.debitor(), address(0));
        vm.assertEq(fresh.totalBalance(), 0);
        vm.assertEq(fresh.totalReserved(), 0);
        vm.assertTrue(fresh.hasRole(fresh.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertTrue(fresh.hasRole(fresh.GOVERNANCE_ROLE(), admin));
        vm.assertEq(fresh.VOUCHER_TYPEHASH(), keccak256("Voucher(address requester,uint64 epoch,uint256 maxAmount)"));
    }

    function test_constructor_revertsWith_EscrowInvalidParameter_whenOctoZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        new PaymentEscrow(address(0), admin);
    }

    function test_constructor_revertsWith_EscrowInvalidParameter_whenAdminZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        new PaymentEscrow(address(octo), address(0));
    }

    function test_eip712Domain_describesTheVoucherDomain() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifying,,) =
            escrow.eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f);
        vm.assertEq(name, "CipherOcto PaymentEscrow");
        vm.assertEq(version, "1");
        vm.assertEq(chainId, block.chainid);
        vm.assertEq(verifying, address(escrow));
    }

    function test_voucherDigest_isEip712TypedDataHash() public view {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("CipherOcto PaymentEscrow"),
                keccak256("1"),
                block.chainid,
                address(escrow)
            )
        );
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Voucher(address requester,uint64 epoch,uint256 maxAmount)"), alice, uint64(7), 5e18)
        );
        bytes32 expected = keccak256(abi.encodePacked("\x19\x01", domain, structHash));
        vm.assertEq(escrow.voucherDigest(alice, 7, 5e18), expected);
        vm.assertEq(escrow.domainSeparator(), domain);
    }

    // ------------------------------------------------------------------ deposit / depositFor

    function test_deposit_creditsCallerAndPullsTokens() public {
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.Deposited(alice, alice, 100e18);
        _deposit(alice, 100e18);
        vm.assertEq(escrow.balanceOf(alice), 100e18);
        vm.assertEq(escrow.account(alice).balance, 100e18);
        vm.assertEq(escrow.availableBalance(alice), 100e18);
        _expectBooks(100e18, 100e18, 0);
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
        _expectBooks(5e18, 5e18, 0);
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

    function test_deposit_revertsWith_ERC20InsufficientAllowance_whenAllowanceMissing() public {
        vm.prank(alice);
        octo.approve(address(escrow), 0);
        vm.expectRevert(
            abi.encodeWithSelector(bytes4(keccak256("ERC20InsufficientAllowance(address,uint256,uint256)")), address(escrow), 0, 1)
        );
        _deposit(alice, 1);
    }

    // ------------------------------------------------------------------ requestWithdrawal

    function test_requestWithdrawal_recordsPendingDelayAndExpiry() public {
        _deposit(alice, 100e18);
        uint256 at = _now() + DELAY;
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.WithdrawalRequested(alice, 40e18, at, at + WINDOW);
        _request(alice, 40e18);
        IPaymentEscrow.Account memory acct = escrow.account(alice);
        vm.assertEq(acct.balance, 100e18); // still debitable
        vm.assertEq(acct.pendingWithdrawal, 40e18);
        vm.assertEq(acct.withdrawableAt, at);
        vm.assertEq(acct.expiresAt, at + WINDOW);
        vm.assertEq(escrow.availableBalance(alice), 60e18);
    }

    function test_requestWithdrawal_replacesEarlierRequestAndRestartsDelayAndWindow() public {
        _deposit(alice, 100e18);
        _request(alice, 40e18);
        _skip(1 days);
        _request(alice, 10e18);
        IPaymentEscrow.Account memory acct = escrow.account(alice);
        vm.assertEq(acct.pendingWithdrawal, 10e18);
        vm.assertEq(acct.withdrawableAt, _now() + DELAY);
        vm.assertEq(acct.expiresAt, _now() + DELAY + WINDOW);
        vm.assertEq(escrow.availableBalance(alice), 90e18);
    }

    function test_requestWithdrawal_revertsWith_EscrowZeroAmount_whenZero() public {
        _deposit(alice, 1e18);
        vm.expectRevert(IPaymentEscrow.EscrowZeroAmount.selector);
        _request(alice, 0);
    }

    function test_requestWithdrawal_revertsWith_EscrowInsufficientBalance_whenAboveBalance() public {
        _deposit(alice, 1e18);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentEscrow.EscrowInsufficientBalance.selector, alice, 1e18, 1e18 + 1)
        );
        _request(alice, 1e18 + 1);
    }

    // ------------------------------------------------------------------ withdraw

    function test_withdraw_paysAfterDelay() public {
        _deposit(alice, 100e18);
        _request(alice, 40e18);
        _skip(DELAY);
        uint256 before = octo.balanceOf(alice);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.Withdrawn(alice, 40e18);
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(octo.balanceOf(alice), before + 40e18);
        vm.assertEq(escrow.balanceOf(alice), 60e18);
        IPaymentEscrow.Account memory acct = escrow.account(alice);
        vm.assertEq(acct.pendingWithdrawal, 0);
        vm.assertEq(acct.withdrawableAt, 0);
        vm.assertEq(acct.expiresAt, 0);
        _expectBooks(60e18, 60e18, 0);
    }

    function test_withdraw_paysInTheLastSecondOfTheWindow() public {
        _deposit(alice, 100e18);
        _request(alice, 40e18);
        _skip(DELAY + WINDOW - 1);
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(escrow.balanceOf(alice), 60e18);
    }

    function test_withdraw_revertsWith_EscrowWithdrawalNotReady_beforeDelay() public {
        _deposit(alice, 100e18);
        _request(alice, 40e18);
        uint256 at = _now() + DELAY;
        vm.warp(at - 1);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowWithdrawalNotReady.selector, at));
        vm.prank(alice);
        escrow.withdraw();
    }

    function test_withdraw_revertsWith_EscrowWithdrawalExpired_atExpiry() public {
        _deposit(alice, 100e18);
        _request(alice, 40e18);
        uint256 expiresAt = _now() + DELAY + WINDOW;
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowWithdrawalExpired.selector, expiresAt));
        vm.prank(alice);
        escrow.withdraw();
        // The lapsed request no longer reduces the available balance.
        vm.assertEq(escrow.availableBalance(alice), 100e18);
    }

    function test_withdraw_revertsWith_EscrowNoPendingWithdrawal_whenNothingRequested() public {
        _deposit(alice, 100e18);
        vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
        vm.prank(alice);
        escrow.withdraw();
    }

    function test_withdraw_revertsWith_EscrowNoPendingWithdrawal_whenAlreadyWithdrawn() public {
        _deposit(alice, 100e18);
        _request(alice, 40e18);
        _skip(DELAY);
        vm.prank(alice);
        escrow.withdraw();
        vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
        vm.prank(alice);
        escrow.withdraw();
    }

    function test_withdraw_capsAtBalanceRemainingAfterReserve() public {
        _deposit(alice, 100e18);
        _request(alice, 80e18);
        _reserveOne(0, alicePk, 70e18); // leaves 30, pending shrinks to 30
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 30e18);
        _skip(DELAY);
        uint256 before = octo.balanceOf(alice);
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(octo.balanceOf(alice), before + 30e18);
        vm.assertEq(escrow.balanceOf(alice), 0);
        _expectBooks(70e18, 0, 70e18);
    }

    function test_withdraw_revertsWith_EscrowNoPendingWithdrawal_whenBalanceFullyReserved() public {
        _deposit(alice, 100e18);
        _request(alice, 100e18);
        _reserveOne(0, alicePk, 100e18);
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 0);
        _skip(DELAY);
        vm.expectRevert(IPaymentEscrow.EscrowNoPendingWithdrawal.selector);
        vm.prank(alice);
        escrow.withdraw();
    }

    function testFuzz_withdraw_paysRequestedCappedAtBalance(uint256 dep, uint256 req, uint256 res) public {
        dep = bound(dep, 1, 1_000_000e18);
        req = bound(req, 1, dep);
        res = bound(res, 0, dep);
        _deposit(alice, dep);
        _request(alice, req);
        if (res != 0) _reserveOne(7, alicePk, res);
        _skip(DELAY);
        uint256 expected = req < dep - res ? req : dep - res;
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
        vm.assertEq(escrow.balanceOf(alice), dep - res - expected);
        _expectBooks(dep - expected, dep - res - expected, res);
    }

    // ------------------------------------------------------------------ availableBalance

    function test_availableBalance_deductsLiveRequestUntilExpiry() public {
        _deposit(alice, 100e18);
        _request(alice, 30e18);
        uint256 expiresAt = _now() + DELAY + WINDOW;
        vm.assertEq(escrow.availableBalance(alice), 70e18); // before withdrawableAt
        _skip(DELAY);
        vm.assertEq(escrow.availableBalance(alice), 70e18); // withdrawable
        vm.warp(expiresAt - 1);
        vm.assertEq(escrow.availableBalance(alice), 70e18);
        vm.warp(expiresAt);
        vm.assertEq(escrow.availableBalance(alice), 100e18); // lapsed
        vm.assertEq(escrow.balanceOf(alice), 100e18);
    }

    function test_availableBalance_zeroForUnknownRequester() public view {
        vm.assertEq(escrow.availableBalance(carol), 0);
    }

    // ------------------------------------------------------------------ reserve

    function test_reserve_movesAmountsIntoTheEpochReservation() public {
        _deposit(alice, 100e18);
        _deposit(bob, 50e18);
        IPaymentEscrow.Authorization[] memory auths = Authorizations.two(_a(alicePk, 3, 10e18, 20e18), _a(bobPk, 3, 50e18, 50e18));
        for (uint256 i; i < 2; ++i) {
            vm.expectEmit(true, true, false, true, address(escrow));
            emit IPaymentEscrow.Reserved(3, auths[i].requester, auths[i].amount, auths[i].maxAmount);
        }
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochReserved(3, 60e18, 2, 0);
        vm.prank(debitor);
        uint256 total = escrow.reserve(3, auths);
        vm.assertEq(total, 60e18);
        vm.assertEq(escrow.balanceOf(alice), 90e18);
        vm.assertEq(escrow.balanceOf(bob), 0);
        vm.assertEq(escrow.reservedOf(3, alice), 10e18);
        vm.assertEq(escrow.reservedOf(3, bob), 50e18);
        vm.assertEq(escrow.reservedOf(2, alice), 0);
        IPaymentEscrow.EpochBook memory book = escrow.epochBook(3);
        vm.assertEq(book.total, 60e18);
        vm.assertTrue(book.reserved);
        vm.assertFalse(book.settled);
        vm.assertFalse(escrow.epochBook(2).reserved);
        // Nothing leaves the escrow until settle.
        _expectBooks(150e18, 90e18, 60e18);
        vm.assertEq(octo.balanceOf(debitor), 0);
    }

    function test_reserve_emptyListMarksEpochReserved() public {
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochReserved(0, 0, 0, 0);
        vm.prank(debitor);
        uint256 total = escrow.reserve(0, Authorizations.none());
        vm.assertEq(total, 0);
        vm.assertTrue(escrow.epochBook(0).reserved);
        vm.assertEq(escrow.epochBook(0).total, 0);
    }

    function test_reserve_ignoresZeroAmountWithoutSignatureCheck() public {
        _deposit(alice, 1e18);
        IPaymentEscrow.Authorization memory a = _a(alicePk, 1, 0, 0);
        a.signature = hex"deadbeef"; // not even checked
        vm.recordLogs();
        vm.prank(debitor);
        uint256 total = escrow.reserve(1, Authorizations.one(a));
        vm.assertEq(total, 0);
        vm.assertEq(vm.getRecordedLogs().length, 1); // EpochReserved only
        vm.assertEq(escrow.balanceOf(alice), 1e18);
        vm.assertEq(escrow.reservedOf(1, alice), 0);
    }

    function test_reserve_keepsPendingWithdrawalWhenBalanceSuffices() public {
        _deposit(alice, 100e18);
        _request(alice, 20e18);
        _reserveOne(0, alicePk, 50e18);
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 20e18);
    }

    function test_reserve_shrinksPendingWithdrawalToNewBalance() public {
        _deposit(alice, 100e18);
        _request(alice, 90e18);
        _reserveOne(0, alicePk, 40e18);
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 60e18);
        vm.assertEq(escrow.availableBalance(alice), 0);
    }

    function test_reserve_acceptsErc1271WalletVoucher() public {
        OwnedWallet1271 wallet = new OwnedWallet1271(carol);
        vm.prank(carol);
        escrow.depositFor(address(wallet), 10e18);
        bytes32 digest = escrow.voucherDigest(address(wallet), 5, 8e18);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(carolPk, digest);
        IPaymentEscrow.Authorization memory a = IPaymentEscrow.Authorization({
            requester: address(wallet), amount: 6e18, maxAmount: 8e18, signature: abi.encodePacked(r, s, v)
        });
        vm.prank(debitor);
        uint256 total = escrow.reserve(5, Authorizations.one(a));
        vm.assertEq(total, 6e18);
        vm.assertEq(escrow.reservedOf(5, address(wallet)), 6e18);
        vm.assertEq(escrow.balanceOf(address(wallet)), 4e18);
    }

    function test_reserve_skipsErc1271WalletWithWrongSigner() public {
        OwnedWallet1271 wallet = new OwnedWallet1271(carol);
        vm.prank(carol);
        escrow.depositFor(address(wallet), 10e18);
        bytes32 digest = escrow.voucherDigest(address(wallet), 5, 8e18);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(bobPk, digest);
        IPaymentEscrow.Authorization memory a = IPaymentEscrow.Authorization({
            requester: address(wallet), amount: 6e18, maxAmount: 8e18, signature: abi.encodePacked(r, s, v)
        });
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(5, address(wallet), 6e18, SKIP_SIGNATURE);
        vm.prank(debitor);
        vm.assertEq(escrow.reserve(5, Authorizations.one(a)), 0);
        vm.assertEq(escrow.balanceOf(address(wallet)), 10e18);
    }

    function test_reserve_skipsWithReason1_whenBalanceShort() public {
        _deposit(alice, 10e18);
        _deposit(bob, 10e18);
        IPaymentEscrow.Authorization[] memory auths =
            Authorizations.two(_a(alicePk, 2, 10e18 + 1, 20e18), _a(bobPk, 2, 4e18, 4e18));
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(2, alice, 10e18 + 1, SKIP_BALANCE);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochReserved(2, 4e18, 1, 1);
        vm.prank(debitor);
        uint256 total = escrow.reserve(2, auths);
        vm.assertEq(total, 4e18);
        vm.assertEq(escrow.balanceOf(alice), 10e18);
        vm.assertEq(escrow.reservedOf(2, alice), 0);
        vm.assertEq(escrow.reservedOf(2, bob), 4e18);
    }

    /// @dev Attack: settlement reserves more than the requester signed for the epoch.
    function test_reserve_debitBeyondVoucher_skipsWithReason3AndTakesNothing() public {
        _deposit(alice, 100e18);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(4, alice, 5e18 + 1, SKIP_ABOVE_VOUCHER);
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_a(alicePk, 4, 5e18 + 1, 5e18));
        vm.prank(debitor);
        uint256 total = escrow.reserve(4, auths);
        vm.assertEq(total, 0);
        vm.assertEq(escrow.balanceOf(alice), 100e18);
        vm.assertEq(escrow.reservedOf(4, alice), 0);
        _expectBooks(100e18, 100e18, 0);
    }

    /// @dev Attack: the voucher's signed maxAmount is raised after signing.
    function test_reserve_debitBeyondVoucher_skipsWithReason2_whenMaxAmountInflated() public {
        _deposit(alice, 100e18);
        IPaymentEscrow.Authorization memory a = _a(alicePk, 4, 50e18, 5e18);
        a.maxAmount = 50e18;
        _expectSkipped(4, a, SKIP_SIGNATURE);
    }

    /// @dev Attack: a voucher signed for another epoch is replayed.
    function test_reserve_forgedVoucher_skipsWithReason2_whenSignedForOtherEpoch() public {
        _deposit(alice, 100e18);
        IPaymentEscrow.Authorization memory a = _a(alicePk, 3, 5e18, 5e18);
        _expectSkipped(4, a, SKIP_SIGNATURE);
    }

    /// @dev Attack: another requester's voucher is presented for alice.
    function test_reserve_forgedVoucher_skipsWithReason2_whenSignedByOtherRequester() public {
        _deposit(alice, 100e18);
        IPaymentEscrow.Authorization memory a = _a(bobPk, 4, 5e18, 5e18);
        a.requester = alice;
        _expectSkipped(4, a, SKIP_SIGNATURE);
    }

    /// @dev Attack: a voucher for another escrow (other EIP-712 domain) is replayed here.
    function test_reserve_forgedVoucher_skipsWithReason2_whenSignedForOtherEscrow() public {
        _deposit(alice, 100e18);
        PaymentEscrow other = new PaymentEscrow(address(octo), admin);
        IPaymentEscrow.Authorization memory a = _auth(other, alicePk, 4, 5e18, 5e18);
        _expectSkipped(4, a, SKIP_SIGNATURE);
    }

    function test_reserve_forgedVoucher_skipsWithReason2_whenSignatureGarbage() public {
        _deposit(alice, 100e18);
        IPaymentEscrow.Authorization memory a = _a(alicePk, 4, 5e18, 5e18);
        a.signature = hex"0102";
        _expectSkipped(4, a, SKIP_SIGNATURE);
    }

    function _expectSkipped(uint64 epoch, IPaymentEscrow.Authorization memory a, uint8 reason) internal {
        uint256 balance = escrow.balanceOf(a.requester);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(epoch, a.requester, a.amount, reason);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochReserved(epoch, 0, 0, 1);
        vm.prank(debitor);
        uint256 total = escrow.reserve(epoch, Authorizations.one(a));
        vm.assertEq(total, 0);
        vm.assertEq(escrow.balanceOf(a.requester), balance);
        vm.assertEq(escrow.reservedOf(epoch, a.requester), 0);
        vm.assertTrue(escrow.epochBook(epoch).reserved);
    }

    /// @dev Attack: a requester escapes with a whole-balance withdrawal request, lets it lapse while it keeps
    /// buying, then tries to withdraw just before the commit. The lapsed request pays nothing; the fees are reserved.
    function test_reserve_escrowEscape_lapsedRequestCannotWithdrawBeforeCommit() public {
        _deposit(alice, 100e18);
        _request(alice, 100e18);
        uint256 expiresAt = _now() + DELAY + WINDOW;
        vm.assertEq(escrow.availableBalance(alice), 0);
        vm.warp(expiresAt + 1 hours); // keeps buying against the full balance once the request lapsed
        vm.assertEq(escrow.availableBalance(alice), 100e18);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowWithdrawalExpired.selector, expiresAt));
        vm.prank(alice);
        escrow.withdraw();
        vm.assertEq(_reserveOne(9, alicePk, 80e18), 80e18);
        vm.assertEq(escrow.balanceOf(alice), 20e18);
        vm.assertEq(escrow.account(alice).pendingWithdrawal, 20e18);
    }

    /// @dev A requester that withdrew before the commit is skipped; the honest one in the same epoch is reserved.
    function test_reserve_escrowEscape_withdrawnRequesterSkippedHonestReserved() public {
        _deposit(alice, 100e18);
        _deposit(bob, 100e18);
        _request(alice, 100e18);
        _skip(DELAY);
        vm.prank(alice);
        escrow.withdraw();
        IPaymentEscrow.Authorization[] memory auths =
            Authorizations.two(_a(alicePk, 1, 30e18, 30e18), _a(bobPk, 1, 40e18, 40e18));
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(1, alice, 30e18, SKIP_BALANCE);
        vm.prank(debitor);
        uint256 total = escrow.reserve(1, auths);
        vm.assertEq(total, 40e18);
        vm.assertEq(escrow.reservedOf(1, bob), 40e18);
        vm.assertEq(escrow.reservedOf(1, alice), 0);
    }

    function test_reserve_revertsWith_EscrowUnauthorizedDebitor_whenNotDebitor() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, alice));
        vm.prank(alice);
        escrow.reserve(0, Authorizations.none());
    }

    function test_reserve_revertsWith_EscrowEpochAlreadyReserved_whenReservedTwice() public {
        _deposit(alice, 10e18);
        _reserveOne(4, alicePk, 1e18);
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_a(alicePk, 4, 1e18, 1e18));
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadyReserved.selector, uint64(4)));
        vm.prank(debitor);
        escrow.reserve(4, auths);
        vm.assertEq(escrow.balanceOf(alice), 9e18);
    }

    function test_reserve_revertsWith_EscrowEpochAlreadyReserved_whenEmptyEpochReservedAgain() public {
        vm.prank(debitor);
        escrow.reserve(4, Authorizations.none());
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadyReserved.selector, uint64(4)));
        vm.prank(debitor);
        escrow.reserve(4, Authorizations.none());
    }

    function test_reserve_revertsWith_EscrowRequestersNotSorted_whenDescending() public {
        IPaymentEscrow.Authorization[] memory auths = Authorizations.two(_a(alicePk, 1, 1, 1), _a(bobPk, 1, 1, 1));
        (auths[0], auths[1]) = (auths[1], auths[0]);
        vm.expectRevert(IPaymentEscrow.EscrowRequestersNotSorted.selector);
        vm.prank(debitor);
        escrow.reserve(1, auths);
    }

    function test_reserve_revertsWith_EscrowRequestersNotSorted_whenRequesterRepeated() public {
        _deposit(alice, 10e18);
        IPaymentEscrow.Authorization[] memory auths = new IPaymentEscrow.Authorization[](2);
        auths[0] = _a(alicePk, 1, 6e18, 6e18);
        auths[1] = _a(alicePk, 1, 6e18, 6e18);
        vm.expectRevert(IPaymentEscrow.EscrowRequestersNotSorted.selector);
        vm.prank(debitor);
        escrow.reserve(1, auths);
    }

    function test_reserve_revertsWith_EscrowRequestersNotSorted_whenRequesterZero() public {
        IPaymentEscrow.Authorization[] memory auths = new IPaymentEscrow.Authorization[](1);
        vm.expectRevert(IPaymentEscrow.EscrowRequestersNotSorted.selector);
        vm.prank(debitor);
        escrow.reserve(1, auths);
    }

    function testFuzz_reserve_neverTakesMoreThanVoucherOrBalance(uint256 dep, uint256 amount, uint256 maxAmount)
        public
    {
        dep = bound(dep, 1, 1_000_000e18);
        amount = bound(amount, 1, 2_000_000e18);
        maxAmount = bound(maxAmount, 0, 2_000_000e18);
        _deposit(alice, dep);
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_a(alicePk, 9, amount, maxAmount));
        vm.prank(debitor);
        uint256 total = escrow.reserve(9, auths);
        uint256 expected = amount <= maxAmount && amount <= dep ? amount : 0;
        vm.assertEq(total, expected);
        vm.assertLe(total, maxAmount);
        vm.assertEq(escrow.balanceOf(alice), dep - expected);
        _expectBooks(dep, dep - expected, expected);
    }

    // ------------------------------------------------------------------ settle

    function test_settle_sendsReservedTotalToDebitorOnce() public {
        _deposit(alice, 100e18);
        _reserveOne(2, alicePk, 30e18);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochDebited(2, 30e18, debitor);
        vm.prank(debitor);
        uint256 total = escrow.settle(2);
        vm.assertEq(total, 30e18);
        vm.assertEq(octo.balanceOf(debitor), 30e18);
        vm.assertTrue(escrow.epochBook(2).settled);
        _expectBooks(70e18, 70e18, 0);
    }

    function test_settle_emptyEpochSendsNothing() public {
        vm.prank(debitor);
        escrow.reserve(0, Authorizations.none());
        vm.prank(debitor);
        vm.assertEq(escrow.settle(0), 0);
        vm.assertEq(octo.balanceOf(debitor), 0);
        vm.assertTrue(escrow.epochBook(0).settled);
    }

    function test_settle_revertsWith_EscrowUnauthorizedDebitor_whenNotDebitor() public {
        vm.prank(debitor);
        escrow.reserve(0, Authorizations.none());
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, bob));
        vm.prank(bob);
        escrow.settle(0);
    }

    function test_settle_revertsWith_EscrowEpochNotReserved_whenNeverReserved() public {
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochNotReserved.selector, uint64(6)));
        vm.prank(debitor);
        escrow.settle(6);
    }

    function test_settle_revertsWith_EscrowEpochAlreadySettled_whenSettledTwice() public {
        _deposit(alice, 100e18);
        _reserveOne(2, alicePk, 30e18);
        vm.prank(debitor);
        escrow.settle(2);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadySettled.selector, uint64(2)));
        vm.prank(debitor);
        escrow.settle(2);
        vm.assertEq(octo.balanceOf(debitor), 30e18);
    }

    /// @dev Migration: the successor debitor settles what the predecessor reserved, reserves the next epoch, and
    /// can neither re-reserve nor re-settle an old epoch; the predecessor is out.
    function test_settle_successorDebitorSettlesPredecessorReservationAndNextEpoch() public {
        _deposit(alice, 100e18);
        _reserveOne(0, alicePk, 10e18);
        _reserveOne(1, alicePk, 20e18);
        vm.prank(debitor);
        escrow.settle(0);

        address successor = makeAddr("successor");
        vm.prank(admin);
        escrow.setDebitor(successor);

        vm.prank(successor);
        vm.assertEq(escrow.settle(1), 20e18);
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_a(alicePk, 2, 5e18, 5e18));
        vm.prank(successor);
        vm.assertEq(escrow.reserve(2, auths), 5e18);
        vm.prank(successor);
        vm.assertEq(escrow.settle(2), 5e18);
        vm.assertEq(octo.balanceOf(successor), 25e18);

        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadySettled.selector, uint64(0)));
        vm.prank(successor);
        escrow.settle(0);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadyReserved.selector, uint64(1)));
        vm.prank(successor);
        escrow.reserve(1, Authorizations.none());
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, debitor));
        vm.prank(debitor);
        escrow.reserve(3, Authorizations.none());
        _expectBooks(65e18, 65e18, 0);
    }

    // ------------------------------------------------------------------ parameters

    function test_setWithdrawalDelay_updatesAndAppliesToNewRequests() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IPaymentEscrow.WithdrawalDelaySet(5 days);
        vm.prank(admin);
        escrow.setWithdrawalDelay(5 days);
        vm.assertEq(escrow.withdrawalDelay(), 5 days);
        _deposit(alice, 1e18);
        _request(alice, 1e18);
        vm.assertEq(escrow.account(alice).withdrawableAt, _now() + 5 days);
        vm.assertEq(escrow.account(alice).expiresAt, _now() + 5 days + WINDOW);
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
        _expectUnauthorized(alice);
        vm.prank(alice);
        escrow.setWithdrawalDelay(1);
    }

    function test_setWithdrawalWindow_updatesAndAppliesToNewRequests() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IPaymentEscrow.WithdrawalWindowSet(1 days);
        vm.prank(admin);
        escrow.setWithdrawalWindow(1 days);
        vm.assertEq(escrow.withdrawalWindow(), 1 days);
        _deposit(alice, 1e18);
        _request(alice, 1e18);
        vm.assertEq(escrow.account(alice).expiresAt, _now() + DELAY + 1 days);
    }

    function test_setWithdrawalWindow_acceptsOneSecondAndMax() public {
        vm.startPrank(admin);
        escrow.setWithdrawalWindow(1);
        vm.assertEq(escrow.withdrawalWindow(), 1);
        escrow.setWithdrawalWindow(30 days);
        vm.assertEq(escrow.withdrawalWindow(), 30 days);
        vm.stopPrank();
    }

    function test_setWithdrawalWindow_revertsWith_EscrowInvalidParameter_whenZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        vm.prank(admin);
        escrow.setWithdrawalWindow(0);
    }

    function test_setWithdrawalWindow_revertsWith_EscrowInvalidParameter_whenAboveMax() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        vm.prank(admin);
        escrow.setWithdrawalWindow(30 days + 1);
    }

    function test_setWithdrawalWindow_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        _expectUnauthorized(alice);
        vm.prank(alice);
        escrow.setWithdrawalWindow(1 days);
    }

    function test_setDebitor_updatesAndEmits() public {
        vm.expectEmit(false, false, false, true, address(escrow));
        emit IPaymentEscrow.DebitorSet(bob);
        vm.prank(admin);
        escrow.setDebitor(bob);
        vm.assertEq(escrow.debitor(), bob);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, debitor));
        vm.prank(debitor);
        escrow.reserve(0, Authorizations.none());
    }

    function test_setDebitor_revertsWith_EscrowInvalidParameter_whenZero() public {
        vm.expectRevert(IPaymentEscrow.EscrowInvalidParameter.selector);
        vm.prank(admin);
        escrow.setDebitor(address(0));
    }

    function test_setDebitor_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        _expectUnauthorized(alice);
        vm.prank(alice);
        escrow.setDebitor(alice);
    }

    function _expectUnauthorized(address who) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, who, escrow.GOVERNANCE_ROLE())
        );
    }

    // ------------------------------------------------------------------ voucher helpers

    function _pk(string memory name) internal pure returns (uint256) {
        return uint256(keccak256(bytes(name)));
    }

    function _auth(PaymentEscrow escrow_, uint256 pk, uint64 epoch, uint256 amount, uint256 maxAmount)
        internal
        view
        returns (IPaymentEscrow.Authorization memory a)
    {
        address requester = vm.addr(pk);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, escrow_.voucherDigest(requester, epoch, maxAmount));
        a = IPaymentEscrow.Authorization({
            requester: requester, amount: amount, maxAmount: maxAmount, signature: abi.encodePacked(r, s, v)
        });
    }

}
