// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IPaymentEscrow
/// @notice Requesters pre-pay jobs in OCTO (protocol v2, docs/protocol.md).
///
/// Withdrawals are two-step: `requestWithdrawal`, then `withdraw` between `withdrawableAt` and `expiresAt`
/// (`withdrawableAt + withdrawalWindow`); a request not executed by then lapses and must be made again. The
/// requested amount stays in `balance` (and debitable) until withdrawn. `availableBalance` is the balance minus a
/// live (not lapsed) pending request: settlement accepts receipts only against it.
///
/// Debits happen in two steps, both by the debitor (the RewardDistributor, acting for settlement):
///  1. `reserve(epoch, auths)` when the epoch is committed: for each requester (strictly ascending addresses) it
///     checks the requester's EIP-712 voucher `Voucher(address requester,uint64 epoch,uint256 maxAmount)` under
///     the domain ("CipherOcto PaymentEscrow", "1", chainId, this escrow) (ECDSA or ERC-1271), then moves
///     `amount` out of the requester's balance into the epoch's reservation. A requester whose voucher is invalid,
///     whose `amount` exceeds the voucher's `maxAmount`, or whose balance is short is skipped with
///     `ReservationSkipped` (reason 1 = balance, 2 = voucher signature, 3 = amount above voucher); the others are
///     reserved. One requester never blocks the epoch. An epoch is reserved at most once.
///  2. `settle(epoch)` when the epoch's root is submitted: sends the epoch's reserved total to the debitor, once.
/// Epochs are the AttestationRegistry's epochs, so the once-per-epoch books survive a change of debitor (a
/// successor distributor settles the epochs its predecessor reserved and reserves the next ones).
interface IPaymentEscrow {
    struct Account {
        uint128 balance; // everything debitable, including a pending withdrawal
        uint128 pendingWithdrawal; // part of balance requested out
        uint48 withdrawableAt; // first second `withdraw` may pay the request
        uint48 expiresAt; // the request lapses at this second (withdrawableAt + withdrawalWindow)
    }

    /// @notice One requester's debit for an epoch, presented by settlement with the requester's voucher.
    struct Authorization {
        address requester;
        uint256 amount; // the requester's fees in the epoch (what is reserved)
        uint256 maxAmount; // the voucher's signed ceiling for the epoch
        bytes signature; // the requester's signature of Voucher(requester, epoch, maxAmount)
    }

    /// @notice Reservation book of one epoch.
    struct EpochBook {
        uint128 total; // reserved for the epoch
        bool reserved;
        bool settled;
    }

    error EscrowZeroAmount();
    error EscrowInsufficientBalance(address requester, uint256 balance, uint256 requested);
    error EscrowWithdrawalNotReady(uint256 withdrawableAt);
    error EscrowWithdrawalExpired(uint256 expiresAt);
    error EscrowNoPendingWithdrawal();
    error EscrowUnauthorizedDebitor(address caller);
    error EscrowRequestersNotSorted();
    error EscrowEpochAlreadyReserved(uint64 epoch);
    error EscrowEpochNotReserved(uint64 epoch);
    error EscrowEpochAlreadySettled(uint64 epoch);
    error EscrowInvalidParameter();
    error EscrowAmountTooLarge(uint256 amount);

    event Deposited(address indexed requester, address indexed from, uint256 amount);
    event WithdrawalRequested(address indexed requester, uint256 amount, uint256 withdrawableAt, uint256 expiresAt);
    event Withdrawn(address indexed requester, uint256 amount);
    event Reserved(uint64 indexed epoch, address indexed requester, uint256 amount, uint256 maxAmount);
    event ReservationSkipped(uint64 indexed epoch, address indexed requester, uint256 amount, uint8 reason);
    event EpochReserved(uint64 indexed epoch, uint256 total, uint256 requesters, uint256 skipped);
    event EpochDebited(uint64 indexed epoch, uint256 total, address to);
    event WithdrawalDelaySet(uint256 delay);
    event WithdrawalWindowSet(uint256 window);
    event DebitorSet(address debitor);

    /// @notice Deposits `amount` OCTO (transferFrom the caller) to `requester`'s balance.
    function depositFor(address requester, uint256 amount) external;

    /// @notice Deposits `amount` OCTO for the caller.
    function deposit(uint256 amount) external;

    /// @notice Requests `amount` out; replaces any earlier request and restarts the delay and the window.
    function requestWithdrawal(uint256 amount) external;

    /// @notice Pays out the pending withdrawal (capped at the remaining balance) between `withdrawableAt` and
    /// `expiresAt`.
    function withdraw() external;

    /// @notice Reserves each authorised requester's `amount` for `epoch` (see the interface notes). Only the debitor.
    /// @return total the amount reserved for the epoch
    function reserve(uint64 epoch, Authorization[] calldata auths) external returns (uint256 total);

    /// @notice Sends the epoch's reserved total to the debitor. Only the debitor, once per epoch, after `reserve`.
    function settle(uint64 epoch) external returns (uint256 total);

    /// @notice EIP-712 digest of Voucher(requester, epoch, maxAmount) under this escrow's domain.
    function voucherDigest(address requester, uint64 epoch, uint256 maxAmount) external view returns (bytes32);

    function account(address requester) external view returns (Account memory);
    function balanceOf(address requester) external view returns (uint256);
    /// @notice `balance` minus a pending withdrawal that has not lapsed: what settlement may accept receipts against.
    function availableBalance(address requester) external view returns (uint256);
    /// @notice What `reserve` took from `requester` for `epoch` (0 when skipped or absent).
    function reservedOf(uint64 epoch, address requester) external view returns (uint256);
    function epochBook(uint64 epoch) external view returns (EpochBook memory);
    function totalBalance() external view returns (uint256);
    /// @notice Reserved and not yet settled, over all epochs (held by this contract next to `totalBalance`).
    function totalReserved() external view returns (uint256);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)
    function setWithdrawalDelay(uint256 delay) external;
    function setWithdrawalWindow(uint256 window) external;
    function setDebitor(address debitor) external;
    function withdrawalDelay() external view returns (uint256);
    function withdrawalWindow() external view returns (uint256);
    function debitor() external view returns (address);
    function octo() external view returns (address);
}
