// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IPaymentEscrow} from "./interfaces/IPaymentEscrow.sol";

/// @title PaymentEscrow
/// @notice Requesters' pre-paid OCTO for pay-per-use jobs. See {IPaymentEscrow}.
///
/// Books: `totalBalance` is the sum of every requester's `balance` and equals the OCTO this contract holds
/// (tokens sent here directly, without `deposit`, are not booked and cannot be withdrawn).
/// A pending withdrawal is part of `balance` and stays debitable until `withdraw`; a debit that takes the balance
/// below the pending amount shrinks the pending amount with it, so `pendingWithdrawal <= balance` always holds.
///
/// Defaults: `withdrawalDelay` = 2 days. The debitor is set by governance after deployment (the RewardDistributor).
contract PaymentEscrow is IPaymentEscrow, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to change parameters (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Default delay between `requestWithdrawal` and `withdraw`.
    uint256 public constant DEFAULT_WITHDRAWAL_DELAY = 2 days;

    /// @notice Upper bound governance may set for the withdrawal delay.
    uint256 public constant MAX_WITHDRAWAL_DELAY = 30 days;

    /// @inheritdoc IPaymentEscrow
    address public immutable octo;

    /// @inheritdoc IPaymentEscrow
    uint256 public withdrawalDelay;

    /// @inheritdoc IPaymentEscrow
    address public debitor;

    /// @inheritdoc IPaymentEscrow
    uint256 public totalBalance;

    mapping(address requester => Account) private _accounts;
    mapping(uint64 epoch => bool) private _epochDebited;

    /// @param octo_ the OCTO token.
    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock by the deployer).
    constructor(address octo_, address admin) {
        if (octo_ == address(0) || admin == address(0)) revert EscrowInvalidParameter();
        octo = octo_;
        withdrawalDelay = DEFAULT_WITHDRAWAL_DELAY;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        emit WithdrawalDelaySet(DEFAULT_WITHDRAWAL_DELAY);
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
    function requestWithdrawal(uint256 amount) external {
        if (amount == 0) revert EscrowZeroAmount();
        Account storage acct = _accounts[msg.sender];
        uint256 balance = acct.balance;
        if (amount > balance) revert EscrowInsufficientBalance(msg.sender, balance, amount);
        uint256 withdrawableAt = block.timestamp + withdrawalDelay;
        // amount <= balance < 2^128; withdrawableAt < 2^48 for any realistic timestamp (delay <= 30 days).
        acct.pendingWithdrawal = uint128(amount);
        acct.withdrawableAt = uint48(withdrawableAt);
        emit WithdrawalRequested(msg.sender, amount, withdrawableAt);
    }

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowNoPendingWithdrawal when nothing is requested and EscrowWithdrawalNotReady before
    /// `withdrawableAt`. Pays the pending amount and clears the request. Debits made after the request shrink the
    /// pending amount to the balance they leave (`pendingWithdrawal <= balance` always holds), so the payment is
    /// the pending amount as reduced by those debits; if debits have used up the whole balance the pending amount
    /// is 0 and `withdraw` reverts with EscrowNoPendingWithdrawal (the request's `withdrawableAt` stays in the
    /// account until the next `requestWithdrawal` overwrites it; with nothing pending it has no effect).
    function withdraw() external {
        Account storage acct = _accounts[msg.sender];
        uint256 pending = acct.pendingWithdrawal;
        if (pending == 0) revert EscrowNoPendingWithdrawal();
        uint256 withdrawableAt = acct.withdrawableAt;
        if (block.timestamp < withdrawableAt) revert EscrowWithdrawalNotReady(withdrawableAt);
        uint256 balance = acct.balance;
        uint256 amount = pending < balance ? pending : balance;
        // amount <= balance, and totalBalance is the sum of all balances, so neither subtraction underflows.
        unchecked {
            acct.balance = uint128(balance - amount);
            totalBalance -= amount;
        }
        acct.pendingWithdrawal = 0;
        acct.withdrawableAt = 0;
        emit Withdrawn(msg.sender, amount);
        if (amount != 0) IERC20(octo).safeTransfer(msg.sender, amount);
    }

    // ------------------------------------------------------------------ settlement

    /// @inheritdoc IPaymentEscrow
    /// @dev Reverts with EscrowUnauthorizedDebitor, EscrowLengthMismatch, EscrowEpochAlreadyDebited, and
    /// EscrowInsufficientBalance when an amount exceeds the requester's balance at that point of the batch (a
    /// requester may appear several times). Zero amounts are skipped. The epoch is marked debited even when the
    /// total is zero.
    function debit(uint64 epoch, address[] calldata requesters, uint256[] calldata amounts)
        external
        returns (uint256 total)
    {
        if (msg.sender != debitor) revert EscrowUnauthorizedDebitor(msg.sender);
        uint256 n = requesters.length;
        if (n != amounts.length) revert EscrowLengthMismatch();
        if (_epochDebited[epoch]) revert EscrowEpochAlreadyDebited(epoch);
        _epochDebited[epoch] = true;

        for (uint256 i; i < n; ++i) {
            uint256 amount = amounts[i];
            if (amount == 0) continue;
            address requester = requesters[i];
            Account storage acct = _accounts[requester];
            uint256 balance = acct.balance;
            if (amount > balance) revert EscrowInsufficientBalance(requester, balance, amount);
            uint256 remaining;
            // amount <= balance; total is a sum of amounts each taken from a balance, so it is <= totalBalance.
            unchecked {
                remaining = balance - amount;
                total += amount;
            }
            acct.balance = uint128(remaining);
            if (acct.pendingWithdrawal > remaining) acct.pendingWithdrawal = uint128(remaining);
            emit Debited(epoch, requester, amount);
        }
        // total <= totalBalance (see above).
        unchecked {
            totalBalance -= total;
        }
        emit EpochDebited(epoch, total, msg.sender);
        if (total != 0) IERC20(octo).safeTransfer(msg.sender, total);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IPaymentEscrow
    function account(address requester) external view returns (Account memory) {
        return _accounts[requester];
    }

    /// @inheritdoc IPaymentEscrow
    function balanceOf(address requester) external view returns (uint256) {
        return _accounts[requester].balance;
    }

    /// @inheritdoc IPaymentEscrow
    function epochDebited(uint64 epoch) external view returns (bool) {
        return _epochDebited[epoch];
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
    /// @dev Only GOVERNANCE_ROLE. Reverts with EscrowInvalidParameter for the zero address.
    function setDebitor(address debitor_) external onlyRole(GOVERNANCE_ROLE) {
        if (debitor_ == address(0)) revert EscrowInvalidParameter();
        debitor = debitor_;
        emit DebitorSet(debitor_);
    }

    // ------------------------------------------------------------------ internals

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
