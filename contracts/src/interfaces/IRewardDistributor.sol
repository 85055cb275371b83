// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IRewardDistributor
/// @notice Pays provider rewards against cumulative Merkle roots.
///
/// Each epoch the settlement role submits one root over leaves (earner, token, cumulativeAmount), where
/// cumulativeAmount is everything `earner` has ever earned in `token`, and funds the epoch in the same
/// transaction: OCTO fees are debited from the PaymentEscrow (the protocol fee share goes to the Treasury, the
/// rest funds claims) and emissions are minted within each token's governed per-epoch cap.
/// A root activates `activationDelay` seconds after submission; until then governance or a guardian (GUARDIAN_ROLE,
/// a security council that can do nothing else) may disable it. At most one
/// root is pending at a time: a new root can be submitted only once the pending one is active or disabled. Claims
/// use the newest active root.
///
/// Leaf = keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount)))), the OpenZeppelin
/// StandardMerkleTree leaf; proofs are standard sorted-pair proofs.
/// `claim` pays `cumulativeAmount - claimed[earner][token]` to the earner; callable by the earner or by the
/// claimer the earner designated with `setClaimer`.
interface IRewardDistributor {
    /// @notice Root and its activation time. `epoch` is the epoch the root settles.
    struct RootInfo {
        bytes32 root;
        uint64 epoch;
        uint48 activatesAt;
        bool disabled;
    }

    error RewardsNotSettlement(address caller);
    error RewardsEpochOutOfOrder(uint64 expected, uint64 got);
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

    event RootSubmitted(uint64 indexed epoch, bytes32 root, uint256 activatesAt);
    event EpochFunded(uint64 indexed epoch, address indexed token, uint256 amount, uint256 protocolFee);
    event RootDisabled(uint64 indexed epoch, bytes32 root);
    event Claimed(address indexed earner, address indexed token, uint256 amount, uint256 cumulativeAmount, address caller);
    event ClaimerSet(address indexed earner, address indexed claimer);
    event ActivationDelaySet(uint256 delay);
    event EmissionCapSet(address indexed token, uint256 capPerEpoch);
    event ProtocolFeeSet(uint256 feeWad);

    /// @notice Submits the cumulative root for `epoch` (= last epoch + 1; the first is 0) and funds it:
    /// debits `fees[i]` from `requesters[i]` in the escrow, sends the protocol fee to the treasury, and mints
    /// `emissions[i]` of `tokens[i]` to this contract (each within its per-epoch cap). Only SETTLEMENT_ROLE.
    /// @return octoFunded the OCTO added to claims (debited fees minus protocol fee)
    function submitRoot(
        uint64 epoch,
        bytes32 root,
        address[] calldata requesters,
        uint256[] calldata fees,
        address[] calldata tokens,
        uint256[] calldata emissions
    ) external returns (uint256 octoFunded);

    /// @notice Disables the pending root before it activates. Only GOVERNANCE_ROLE or GUARDIAN_ROLE (else
    /// RewardsNotGuardian). Funding stays: the next cumulative root includes its amounts.
    function disablePendingRoot() external;

    /// @notice Pays `cumulativeAmount - claimed(earner, token)` of `token` to `earner` against the active root.
    function claim(address earner, address token, uint256 cumulativeAmount, bytes32[] calldata proof) external;

    /// @notice Lets `claimer` call `claim` for the caller (address(0) removes it).
    function setClaimer(address claimer) external;

    /// @notice The root claims are checked against now (newest active, not disabled).
    function activeRoot() external view returns (RootInfo memory);
    /// @notice The newest submitted root (may still be pending, or disabled).
    function latestRoot() external view returns (RootInfo memory);
    /// @notice Epoch the next `submitRoot` must carry.
    function nextEpoch() external view returns (uint64);
    function claimed(address earner, address token) external view returns (uint256);
    function claimerOf(address earner) external view returns (address);
    function totalFunded(address token) external view returns (uint256);
    function totalClaimed(address token) external view returns (uint256);
    /// @notice keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount)))).
    function leaf(address earner, address token, uint256 cumulativeAmount) external pure returns (bytes32);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)
    function setActivationDelay(uint256 delay) external;
    /// @notice Registers `token` as a reward token with an emission cap per epoch (0 = fees only, no minting).
    function setEmissionCap(address token, uint256 capPerEpoch) external;
    function setProtocolFee(uint256 feeWad) external;

    function activationDelay() external view returns (uint256);
    function emissionCap(address token) external view returns (uint256);
    function isRewardToken(address token) external view returns (bool);
    function protocolFeeWad() external view returns (uint256);
    function octo() external view returns (address);
    function escrow() external view returns (address);
    function treasury() external view returns (address);
}
