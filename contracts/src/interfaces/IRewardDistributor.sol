// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

import {IPaymentEscrow} from "./IPaymentEscrow.sol";

/// @title IRewardDistributor
/// @notice Pays provider rewards against cumulative Merkle roots (protocol v2, docs/protocol.md).
///
/// Epochs are the AttestationRegistry's block-range epochs. For each epoch the settlement role:
///  1. `commitEpoch` once the epoch has closed: commits in the registry the root of every receipt accepted for the
///     epoch, their count and the hash of the epoch's receipt data, and reserves in the escrow each requester's fees
///     against its signed voucher (a requester that cannot pay is skipped and reported by the escrow);
///  2. after the registry has recorded the epoch's seed (chain randomness drawn after the commitment) and the
///     sampled jobs are attested, `submitRoot`: one cumulative root over leaves (earner, token, cumulativeAmount),
///     with the hash of the epoch's public bundle. The epoch must be seeded and greater than the last root's epoch.
///     The escrow sends the epoch's reservation here (the protocol fee share goes to the Treasury, the rest funds
///     claims) and emissions are minted within each token's per-epoch cap and the token's remaining supply.
/// A root activates `activationDelay` seconds after submission; until then governance or a guardian may disable
/// it. At most one root is pending at a time. Claims use the newest active root, compared in full (256 bits). A
/// guardian can pause claims; governance unpauses.
///
/// Leaf = keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount)))), the OpenZeppelin
/// StandardMerkleTree leaf; proofs are standard sorted-pair proofs (`MerkleProof.verifyCalldata`).
/// `claim` pays `cumulativeAmount - claimed[earner][token]` to the earner; callable by the earner or by the
/// claimer the earner designated with `setClaimer`. `claimMany` does the same for several tokens in one call.
interface IRewardDistributor {
    /// @notice Root and its activation time. `epoch` is the registry epoch the root settles.
    struct RootInfo {
        bytes32 root;
        uint64 epoch;
        uint48 activatesAt;
        bool disabled;
    }

    error RewardsNotSettlement(address caller);
    error RewardsEpochOutOfOrder(uint64 expected, uint64 got);
    error RewardsEpochNotSeeded(uint64 epoch);
    error RewardsRootPending(uint64 pendingEpoch, uint256 activatesAt);
    error RewardsZeroRoot();
    error RewardsLengthMismatch();
    error RewardsUnknownToken(address token);
    error RewardsEmissionCapExceeded(address token, uint256 amount, uint256 cap);
    error RewardsNoPendingRoot();
    error RewardsRootAlreadyActive(uint64 epoch);
    error RewardsNoActiveRoot();
    error RewardsInvalidProof();
    error RewardsNothingToClaim(uint256 cumulativeAmount, uint256 alreadyClaimed);
    error RewardsUnauthorizedClaimer(address caller, address earner);
    error RewardsInsufficientFunding(address token, uint256 funded, uint256 requested);
    error RewardsInvalidParameter();
    error RewardsNotGuardian(address caller);

    event EpochCommitted(uint64 indexed epoch, bytes32 receiptsRoot, uint32 receiptCount, bytes32 dataHash, uint256 reserved);
    event RootSubmitted(uint64 indexed epoch, bytes32 root, uint256 activatesAt, bytes32 bundleHash);
    event EpochFunded(uint64 indexed epoch, address indexed token, uint256 amount, uint256 protocolFee);
    event RootDisabled(uint64 indexed epoch, bytes32 root);
    event Claimed(address indexed earner, address indexed token, uint256 amount, uint256 cumulativeAmount, address caller);
    event ClaimerSet(address indexed earner, address indexed claimer);
    event ActivationDelaySet(uint256 delay);
    event EmissionCapSet(address indexed token, uint256 capPerEpoch);
    event ProtocolFeeSet(uint256 feeWad);

    /// @notice Commits a closed epoch: `registry.commitEpoch(epoch, receiptsRoot, receiptCount, dataHash)` and
    /// `escrow.reserve(epoch, auths)`. Only SETTLEMENT_ROLE. Reverts with the registry's and the escrow's errors.
    /// @return reserved the OCTO the escrow reserved for the epoch
    function commitEpoch(
        uint64 epoch,
        bytes32 receiptsRoot,
        uint32 receiptCount,
        bytes32 dataHash,
        IPaymentEscrow.Authorization[] calldata auths
    ) external returns (uint256 reserved);

    /// @notice Submits the cumulative root for `epoch` (seeded in the registry, >= `nextEpoch`) and funds it:
    /// settles the epoch's escrow reservation, sends the protocol fee to the treasury, and mints `emissions[i]` of
    /// `tokens[i]` to this contract (each within its per-epoch cap and the token's remaining supply).
    /// Only SETTLEMENT_ROLE.
    /// @return octoFunded the OCTO added to claims (reserved fees minus protocol fee)
    function submitRoot(
        uint64 epoch,
        bytes32 root,
        bytes32 bundleHash,
        address[] calldata tokens,
        uint256[] calldata emissions
    ) external returns (uint256 octoFunded);

    /// @notice Disables the pending root before it activates. Only GOVERNANCE_ROLE or GUARDIAN_ROLE (else
    /// RewardsNotGuardian). Funding stays: the next cumulative root includes its amounts.
    function disablePendingRoot() external;

    /// @notice Pauses claims. Only GOVERNANCE_ROLE or GUARDIAN_ROLE.
    function pauseClaims() external;

    /// @notice Resumes claims. Only GOVERNANCE_ROLE.
    function unpauseClaims() external;

    /// @notice Pays `cumulativeAmount - claimed(earner, token)` of `token` to `earner` against the active root.
    function claim(address earner, address token, uint256 cumulativeAmount, bytes32[] calldata proof) external;

    /// @notice `claim` for each (tokens[i], cumulativeAmounts[i], proofs[i]) in one transaction.
    function claimMany(
        address earner,
        address[] calldata tokens,
        uint256[] calldata cumulativeAmounts,
        bytes32[][] calldata proofs
    ) external;

    /// @notice Lets `claimer` call `claim` for the caller (address(0) removes it).
    function setClaimer(address claimer) external;

    /// @notice The root claims are checked against now (newest active, not disabled).
    function activeRoot() external view returns (RootInfo memory);
    /// @notice The newest submitted root (may still be pending, or disabled).
    function latestRoot() external view returns (RootInfo memory);
    /// @notice Lowest epoch the next `submitRoot` may carry (last root's epoch + 1; 0 before the first root).
    function nextEpoch() external view returns (uint64);
    /// @notice What was minted of `token` for `epoch` (never above the token's cap in force at submission).
    function epochEmission(uint64 epoch, address token) external view returns (uint256);
    /// @notice The public-bundle hash committed with the root of `epoch` (zero if none).
    function bundleHash(uint64 epoch) external view returns (bytes32);
    function claimsPaused() external view returns (bool);
    function claimed(address earner, address token) external view returns (uint256);
    function claimerOf(address earner) external view returns (address);
    function totalFunded(address token) external view returns (uint256);
    function totalClaimed(address token) external view returns (uint256);
    /// @notice keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount)))).
    function leaf(address earner, address token, uint256 cumulativeAmount) external pure returns (bytes32);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)
    function setActivationDelay(uint256 delay) external;
    /// @notice Registers `token` as a reward token with an emission cap per registry epoch (0 = fees only).
    function setEmissionCap(address token, uint256 capPerEpoch) external;
    function setProtocolFee(uint256 feeWad) external;

    function activationDelay() external view returns (uint256);
    function emissionCap(address token) external view returns (uint256);
    function isRewardToken(address token) external view returns (bool);
    function protocolFeeWad() external view returns (uint256);
    function octo() external view returns (address);
    function escrow() external view returns (address);
    function treasury() external view returns (address);
    function registry() external view returns (address);
}
