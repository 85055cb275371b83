// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IPaymentEscrow} from "./interfaces/IPaymentEscrow.sol";

/// @title PaymentEscrow
/// @notice Requesters' pre-paid OCTO for pay-per-use jobs (protocol v2). See {IPaymentEscrow}.
///
/// Books: `totalBalance` is the sum of every requester's `balance`; `totalReserved` is the sum of the reserved,
/// not yet settled epoch totals. The contract holds at least `totalBalance + totalReserved` OCTO (exactly that,
/// unless tokens were sent here directly without `deposit`; those are not booked and nobody can take them out).
/// A pending withdrawal is part of `balance` and stays debitable until `withdraw`; a reservation that takes the
/// balance below the pending amount shrinks the pending amount with it, so `pendingWithdrawal <= balance` always
/// holds.
///
/// Vouchers are EIP-712 typed data under ("CipherOcto PaymentEscrow", "1", chainId, this) (ERC-5267
/// `eip712Domain()` describes the domain), checked with OpenZeppelin SignatureChecker: ECDSA for accounts without
/// code, ERC-1271 `isValidSignature` for contract wallets. A voucher authorises at most `maxAmount` for one epoch;
/// since an epoch is reserved once and each requester appears at most once in it (strictly ascending list), no
/// requester is ever debited more than it signed for an epoch.
///
/// Defaults: `withdrawalDelay` = 2 days, `withdrawalWindow` = 7 days. The debitor is set by governance after
/// deployment (the RewardDistributor).
contract PaymentEscrow is IPaymentEscrow, AccessControl, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to change parameters (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice EIP-712 type hash of a requester's voucher.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(address requester,uint64 epoch,uint256 maxAmount)");

    /// @notice Default delay between `requestWithdrawal` and the first second `withdraw` pays.
    uint256 public constant DEFAULT_WITHDRAWAL_DELAY = 2 days;
    /// @notice Default time `withdraw` may pay a request once it is ready (after that the request lapses).
    uint256 public constant DEFAULT_WITHDRAWAL_WINDOW = 7 days;
    /// @notice Upper bound governance may set for the withdrawal delay.
    uint256 public constant MAX_WITHDRAWAL_DELAY = 30 days;
    /// @notice Upper bound governance may set for the withdrawal window.
    uint256 public constant MAX_WITHDRAWAL_WINDOW = 30 days;

    /// @notice `ReservationSkipped` reasons.
    uint8 public constant SKIP_BALANCE = 1;
    uint8 public constant SKIP_SIGNATURE = 2;
    uint8 public constant SKIP_ABOVE_VOUCHER = 3;

    /// @inheritdoc IPaymentEscrow
    address public immutable octo;

    /// @inheritdoc IPaymentEscrow
    uint256 public withdrawalDelay;
    /// @inheritdoc IPaymentEscrow
    uint256 public withdrawalWindow;
    /// @inheritdoc IPaymentEscrow
    address public debitor;
    /// @inheritdoc IPaymentEscrow
    uint256 public totalBalance;
    /// @inheritdoc IPaymentEscrow
    uint256 public totalReserved;

    mapping(address requester => Account) private _accounts;
    mapping(uint64 epoch => EpochBook) private _epochs;
    mapping(uint64 epoch => mapping(address requester => uint256)) private _reservedOf;

    /// @param octo_ the OCTO token.
    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock by the deployer).
    constructor(address octo_, address admin) EIP712("CipherOcto PaymentEscrow", "1") {
        if (octo_ == address(0) || admin == address(0)) revert EscrowInvalidParameter();
        octo = octo_;
        withdrawalDelay = DEFAULT_WITHDRAWAL_DELAY;
        withdrawalWindow = DEFAULT_WITHDRAWAL_WINDOW;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        emit WithdrawalDelaySet(DEFAULT_WITHDRAWAL_DELAY);
        emit WithdrawalWindowSet(DEFAULT_WITHDRAWAL_WINDOW);
    }

    // ------------------------------------------------------------------ requesters

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowInvalidParameter for the zero requester, EscrowZeroAmount for 0 and
    /// EscrowAmountTooLarge when the requester's balance would not fit in 128 bits.
    function depositFor(address requester, uint256 amount) external {
        if (requester == address(0)) revert EscrowInvalidParameter();
        _deposit(requester, amount);
    }

    /// @inheritdoc IPaymentEscrow
    function deposit(uint256 amount) external {
        _deposit(msg.sender, amount);
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowZeroAmount for 0 and EscrowInsufficientBalance above the balance.
    /// `withdrawableAt = now + withdrawalDelay`, `expiresAt = withdrawableAt + withdrawalWindow`.
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0) revert EscrowZeroAmount();
        Account storage acct = _accounts[msg.sender];
        uint256 balance = acct.balance;
        if (amount > balance) revert EscrowInsufficientBalance(msg.sender, balance, amount);
        uint256 withdrawableAt = block.timestamp + withdrawalDelay;
        uint256 expiresAt = withdrawableAt + withdrawalWindow;
        // amount <= balance < 2^128; expiresAt < 2^48 for any realistic timestamp (delay and window <= 30 days).
        acct.pendingWithdrawal = uint128(amount);
        acct.withdrawableAt = uint48(withdrawableAt);
        acct.expiresAt = uint48(expiresAt);
        emit WithdrawalRequested(msg.sender, amount, withdrawableAt, expiresAt);
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowNoPendingWithdrawal when nothing is pending (including a request that reservations
    /// shrank to 0), EscrowWithdrawalNotReady before `withdrawableAt` and EscrowWithdrawalExpired at or after
    /// `expiresAt`. Pays the pending amount (never above the balance, see the contract notes) and clears the request.
    function withdraw() external {
        Account storage acct = _accounts[msg.sender];
        uint256 pending = acct.pendingWithdrawal;
        if (pending == 0) revert EscrowNoPendingWithdrawal();
        uint256 withdrawableAt = acct.withdrawableAt;
        if (block.timestamp < withdrawableAt) revert EscrowWithdrawalNotReady(withdrawableAt);
        uint256 expiresAt = acct.expiresAt;
        if (block.timestamp >= expiresAt) revert EscrowWithdrawalExpired(expiresAt);
        uint256 balance = acct.balance;
        uint256 amount = pending < balance ? pending : balance;
        // amount <= balance, and totalBalance is the sum of all balances, so neither subtraction underflows.
        unchecked {
            acct.balance = uint128(balance - amount);
            totalBalance -= amount;
        }
        acct.pendingWithdrawal = 0;
        acct.withdrawableAt = 0;
        acct.expiresAt = 0;
        emit Withdrawn(msg.sender, amount);
        IERC20(octo).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ settlement

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowUnauthorizedDebitor (caller is not the debitor), EscrowEpochAlreadyReserved and
    /// EscrowRequestersNotSorted (requesters not strictly ascending; the zero address never passes). Per requester,
    /// in this order: amount 0 is ignored (no event); an invalid voucher signature is skipped with reason 2; an
    /// amount above the voucher's maxAmount with reason 3; an amount above the balance with reason 1; otherwise the
    /// amount moves from the balance to the epoch (emits Reserved). Emits EpochReserved. An empty list marks the
    /// epoch reserved with a zero total.
    function reserve(uint64 epoch, Authorization[] calldata auths) external returns (uint256 total) {
        if (msg.sender != debitor) revert EscrowUnauthorizedDebitor(msg.sender);
        EpochBook storage book = _epochs[epoch];
        if (book.reserved) revert EscrowEpochAlreadyReserved(epoch);

        uint256 reservedCount;
        uint256 skipped;
        address prev;
        uint256 n = auths.length;
        for (uint256 i; i < n; ++i) {
            Authorization calldata auth = auths[i];
            address requester = auth.requester;
            if (requester <= prev) revert EscrowRequestersNotSorted();
            prev = requester;
            uint256 amount = auth.amount;
            if (amount == 0) continue;

            uint8 reason;
            Account storage acct = _accounts[requester];
            uint256 balance = acct.balance;
            if (!SignatureChecker.isValidSignatureNow(
                    requester, _voucherDigest(requester, epoch, auth.maxAmount), auth.signature
                )) {
                reason = SKIP_SIGNATURE;
            } else if (amount > auth.maxAmount) {
                reason = SKIP_ABOVE_VOUCHER;
            } else if (amount > balance) {
                reason = SKIP_BALANCE;
            }
            if (reason != 0) {
                // At most n skips and n reservations: the counters cannot overflow.
                unchecked {
                    ++skipped;
                }
                emit ReservationSkipped(epoch, requester, amount, reason);
                continue;
            }

            uint256 remaining;
            // amount <= balance; total is a sum of amounts each taken from a distinct balance, so total <=
            // totalBalance < 2^256.
            unchecked {
                remaining = balance - amount;
                total += amount;
                ++reservedCount;
            }
            acct.balance = uint128(remaining);
            if (acct.pendingWithdrawal > remaining) acct.pendingWithdrawal = uint128(remaining);
            _reservedOf[epoch][requester] = amount;
            emit Reserved(epoch, requester, amount, auth.maxAmount);
        }

        book.reserved = true;
        book.total = SafeCast.toUint128(total);
        // total <= totalBalance (see above); totalReserved + total <= OCTO supply held here.
        unchecked {
            totalBalance -= total;
        }
        totalReserved += total;
        emit EpochReserved(epoch, total, reservedCount, skipped);
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowUnauthorizedDebitor, EscrowEpochNotReserved and EscrowEpochAlreadySettled. Emits
    /// EpochDebited and transfers the total (if any) to the debitor.
    function settle(uint64 epoch) external returns (uint256 total) {
        if (msg.sender != debitor) revert EscrowUnauthorizedDebitor(msg.sender);
        EpochBook storage book = _epochs[epoch];
        if (!book.reserved) revert EscrowEpochNotReserved(epoch);
        if (book.settled) revert EscrowEpochAlreadySettled(epoch);
        book.settled = true;
        total = book.total;
        // totalReserved is the sum of the unsettled epochs' totals, this one included.
        unchecked {
            totalReserved -= total;
        }
        emit EpochDebited(epoch, total, msg.sender);
        if (total != 0) IERC20(octo).safeTransfer(msg.sender, total);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPaymentEscrow
    function voucherDigest(address requester, uint64 epoch, uint256 maxAmount) external view returns (bytes32) {
        return _voucherDigest(requester, epoch, maxAmount);
    }

    /// @notice The EIP-712 domain separator of this escrow (also described by `eip712Domain()`).
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IPaymentEscrow
    function account(address requester) external view returns (Account memory) {
        return _accounts[requester];
    }

    /// @inheritdoc IPaymentEscrow
    function balanceOf(address requester) external view returns (uint256) {
        return _accounts[requester].balance;
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev A request counts until `expiresAt` (also while not yet withdrawable).
    function availableBalance(address requester) external view returns (uint256) {
        Account memory acct = _accounts[requester];
        if (block.timestamp < acct.expiresAt) return acct.balance - acct.pendingWithdrawal;
        return acct.balance;
    }

    /// @inheritdoc IPaymentEscrow
    function reservedOf(uint64 epoch, address requester) external view returns (uint256) {
        return _reservedOf[epoch][requester];
    }

    /// @inheritdoc IPaymentEscrow
    function epochBook(uint64 epoch) external view returns (EpochBook memory) {
        return _epochs[epoch];
    }

    // ------------------------------------------------------------------ parameters

    /// @inheritdoc IPaymentEscrow
    /// @dev Only GOVERNANCE_ROLE. Reverts with EscrowInvalidParameter above MAX_WITHDRAWAL_DELAY. Applies to
    /// requests made afterwards.
    function setWithdrawalDelay(uint256 delay) external onlyRole(GOVERNANCE_ROLE) {
        if (delay > MAX_WITHDRAWAL_DELAY) revert EscrowInvalidParameter();
        withdrawalDelay = delay;
        emit WithdrawalDelaySet(delay);
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev Only GOVERNANCE_ROLE. Reverts with EscrowInvalidParameter for 0 or above MAX_WITHDRAWAL_WINDOW.
    /// Applies to requests made afterwards.
    function setWithdrawalWindow(uint256 window) external onlyRole(GOVERNANCE_ROLE) {
        if (window == 0 || window > MAX_WITHDRAWAL_WINDOW) revert EscrowInvalidParameter();
        withdrawalWindow = window;
        emit WithdrawalWindowSet(window);
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev Only GOVERNANCE_ROLE. Reverts with EscrowInvalidParameter for the zero address. The epoch books stay:
    /// a new debitor settles the epochs its predecessor reserved and can never reserve or settle an epoch twice.
    function setDebitor(address debitor_) external onlyRole(GOVERNANCE_ROLE) {
        if (debitor_ == address(0)) revert EscrowInvalidParameter();
        debitor = debitor_;
        emit DebitorSet(debitor_);
    }

    // ------------------------------------------------------------------ internals

    function _voucherDigest(address requester, uint64 epoch, uint256 maxAmount) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, requester, epoch, maxAmount)));
    }

    function _deposit(address requester, uint256 amount) private {
        if (amount == 0) revert EscrowZeroAmount();
        Account storage acct = _accounts[requester];
        uint256 balance = acct.balance;
        if (amount > type(uint128).max - balance) revert EscrowAmountTooLarge(amount);
        // checked above: balance + amount <= type(uint128).max.
        acct.balance = uint128(balance + amount);
        totalBalance += amount;
        emit Deposited(requester, msg.sender, amount);
        // OCTO is our own token (no fee on transfer, no hooks): the amount received is `amount`.
        IERC20(octo).safeTransferFrom(msg.sender, address(this), amount);
    }
}
