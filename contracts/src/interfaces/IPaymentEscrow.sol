// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IPaymentEscrow
/// @notice Requesters pre-pay jobs in OCTO. Withdrawals are two-step (`requestWithdrawal`, then `withdraw` after
/// `withdrawalDelay`) and the requested amount stays debitable until withdrawn, so a requester cannot pull funds
/// out ahead of the settlement of work already done. The debitor (the RewardDistributor, acting for settlement)
/// debits per epoch, never beyond a requester's balance.
interface IPaymentEscrow {
    struct Account {
        uint128 balance; // everything debitable, including a pending withdrawal
        uint128 pendingWithdrawal; // part of balance requested out
        uint48 withdrawableAt;
    }

    error EscrowZeroAmount();
    error EscrowInsufficientBalance(address requester, uint256 balance, uint256 requested);
    error EscrowWithdrawalNotReady(uint256 withdrawableAt);
    error EscrowNoPendingWithdrawal();
    error EscrowUnauthorizedDebitor(address caller);
    error EscrowLengthMismatch();
    error EscrowEpochAlreadyDebited(uint64 epoch);
    error EscrowInvalidParameter();
    error EscrowAmountTooLarge(uint256 amount);

    event Deposited(address indexed requester, address indexed from, uint256 amount);
    event WithdrawalRequested(address indexed requester, uint256 amount, uint256 withdrawableAt);
    event Withdrawn(address indexed requester, uint256 amount);
    event Debited(uint64 indexed epoch, address indexed requester, uint256 amount);
    event EpochDebited(uint64 indexed epoch, uint256 total, address to);
    event WithdrawalDelaySet(uint256 delay);
    event DebitorSet(address debitor);

    /// @notice Deposits `amount` OCTO (transferFrom the caller) to `requester`'s balance.
    function depositFor(address requester, uint256 amount) external;

    /// @notice Deposits `amount` OCTO for the caller.
    function deposit(uint256 amount) external;

    /// @notice Requests `amount` out; replaces any earlier request and restarts the delay.
    function requestWithdrawal(uint256 amount) external;

    /// @notice Pays out the pending withdrawal (capped at the remaining balance) once the delay has passed.
    function withdraw() external;

    /// @notice Debits `amounts[i]` from `requesters[i]` for `epoch` and sends the total to the caller. Each epoch
    /// is debited at most once. Only the debitor.
    function debit(uint64 epoch, address[] calldata requesters, uint256[] calldata amounts) external returns (uint256 total);

    function account(address requester) external view returns (Account memory);
    function balanceOf(address requester) external view returns (uint256);
    function totalBalance() external view returns (uint256);
    function epochDebited(uint64 epoch) external view returns (bool);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)
    function setWithdrawalDelay(uint256 delay) external;
    function setDebitor(address debitor) external;
    function withdrawalDelay() external view returns (uint256);
    function debitor() external view returns (address);
    function octo() external view returns (address);
}
