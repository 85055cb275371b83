// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IAttestationRegistry
/// @notice Proof-of-Useful-Work attestations (protocol v2, docs/protocol.md). Holds the governed verifier set and
/// quorum, each epoch's receipt commitment and seed, the per-epoch commitments of pass attestations, and accepts
/// quorum-signed fail attestations that queue a slash, executed through the StakingManager after a veto window.
///
/// Epochs are block ranges fixed at deployment: epoch n spans blocks
/// [epochGenesisBlock + n * epochLength, epochGenesisBlock + (n + 1) * epochLength - 1].
///
/// Commitment, then seed. Once an epoch has closed, the committer (the RewardDistributor, for settlement) commits
/// the root of every receipt accepted for it (`commitEpoch`), once. The seed is drawn afterwards: anyone may call
/// `recordEpochSeed` in any block after the commitment's block, once; the seed is
/// keccak256(abi.encode(block.prevrandao, blockhash(block.number - 1), epoch, receiptsRoot)) of that call's block,
/// so nobody can choose which committed jobs are sampled, and the seed can never be missed (no 256-block limit).
/// Recording the seed freezes the epoch's sampling rate and unattested-sample policy. A job of epoch e is sampled
/// iff uint256(keccak256(abi.encode(epochSeed(e), jobId))) % 1e18 < epochSamplingRateWad(e).
///
/// Unattested-sample policy (values in {UnattestedPolicy}): what settlement does with a sampled receipt of epoch e
/// that has no on-chain verdict by the settlement deadline (for instance because its provider withheld the job spec):
/// epochUnattestedPolicy(e) = REFUND (0, the default): the requester is not charged and the provider earns nothing
/// for it; FORFEIT (1): the requester is charged the fee, which goes to the Treasury, and the provider earns nothing.
///
/// Receipt leaves (OpenZeppelin StandardMerkleTree, types bytes32,address,uint8,address,bytes32,bytes32,uint256,
/// uint256): keccak256(bytes.concat(keccak256(abi.encode(jobId, provider, role, requester, specHash, outputHash,
/// workUnits, fee)))).
///
/// A fail attestation proves its receipt against the epoch's committed receipts root, names its finder inside the
/// signed struct (anyone may submit it; the finder share goes to `finder`), and queues at most one slash per
/// (provider, role, epoch). The provider's stake for the role is frozen while the slash is queued. After
/// `vetoWindow` anyone executes it; before execution a guardian (GUARDIAN_ROLE) or governance may cancel it.
///
/// Attestations are EIP-712 typed data under the domain ("CipherOcto AttestationRegistry", "2", chainId, this):
/// Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,
///             bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash,address finder)
interface IAttestationRegistry {
    struct Attestation {
        uint64 epoch;
        bytes32 jobId;
        address provider;
        uint8 role;
        bytes32 specHash;
        bytes32 claimedOutputHash;
        bytes32 recomputedOutputHash;
        bool passed;
        bytes32 evidenceHash;
        address finder;
    }

    /// @notice The receipt fields of a leaf that the attestation does not carry itself.
    struct ReceiptProof {
        address requester;
        uint256 workUnits;
        uint256 fee;
        bytes32[] proof;
    }

    /// @notice What settlement committed for an epoch.
    struct EpochCommitment {
        bytes32 receiptsRoot;
        bytes32 dataHash;
        uint32 receiptCount;
        uint64 committedBlock; // 0: not committed
    }

    /// @notice One verifier's commitment to the pass attestations it produced for an epoch.
    struct PassCommitment {
        bytes32 attestationsRoot; // Merkle root (standard tree) over the verifier's pass attestation digests
        uint32 count;
        uint48 committedAt;
    }

    enum SlashStatus {
        None,
        Queued,
        Executed,
        Cancelled
    }

    /// @notice A slash waiting out the veto window. Its id is keccak256(abi.encode(epoch, provider, role)).
    struct QueuedSlash {
        address provider;
        uint8 role;
        uint64 epoch;
        uint48 executableAt;
        SlashStatus status;
        address finder;
        uint64 fractionWad;
        bytes32 jobId;
        bytes32 evidenceHash;
    }

    error AttestationNotVerifier(address account);
    error AttestationNotCommitter(address account);
    error AttestationEpochNotClosed(uint64 epoch, uint256 closingBlock);
    error AttestationEpochAlreadyCommitted(uint64 epoch);
    error AttestationEpochNotCommitted(uint64 epoch);
    error AttestationSeedTooEarly(uint64 epoch, uint256 committedBlock);
    error AttestationSeedAlreadyRecorded(uint64 epoch);
    error AttestationSeedNotRecorded(uint64 epoch);
    error AttestationAlreadyCommitted(uint64 epoch, address verifier);
    error AttestationNotAFailure();
    error AttestationOutputsMatch();
    error AttestationZeroFinder();
    error AttestationJobNotSampled(uint64 epoch, bytes32 jobId);
    error AttestationReceiptNotCommitted(uint64 epoch, bytes32 jobId);
    error AttestationAlreadySlashed(uint64 epoch, address provider, uint8 role);
    error AttestationQuorumNotReached(uint256 validSigners, uint256 quorum);
    error AttestationSignersNotSorted();
    error AttestationInvalidSignature(uint256 index);
    error AttestationSlashNotQueued(bytes32 slashId);
    error AttestationVetoWindowOpen(bytes32 slashId, uint256 executableAt);
    error AttestationNotGuardian(address account);
    error AttestationInvalidParameter();
    error AttestationInvalidPolicy(uint8 policy);

    event EpochCommitted(uint64 indexed epoch, bytes32 receiptsRoot, uint32 receiptCount, bytes32 dataHash);
    event EpochSeedRecorded(uint64 indexed epoch, uint256 seedBlock, bytes32 seed, uint256 samplingRateWad);
    event PassAttestationsCommitted(uint64 indexed epoch, address indexed verifier, bytes32 attestationsRoot, uint32 count);
    event FailAttestationAccepted(
        uint64 indexed epoch,
        bytes32 indexed jobId,
        address indexed provider,
        uint8 role,
        bytes32 claimedOutputHash,
        bytes32 recomputedOutputHash,
        bytes32 evidenceHash,
        address finder,
        uint256 signers
    );
    event SlashQueued(bytes32 indexed slashId, uint64 indexed epoch, address indexed provider, uint8 role, uint256 executableAt);
    event SlashExecuted(bytes32 indexed slashId, address indexed provider, uint8 role);
    event SlashCancelled(bytes32 indexed slashId, address indexed provider, uint8 role, address by);
    event VerifierSet(address indexed verifier, bool enabled);
    event QuorumSet(uint256 quorum);
    event SamplingRateSet(uint256 samplingRateWad);
    event SlashFractionSet(uint256 fractionWad);
    event VetoWindowSet(uint256 window);
    event CommitterSet(address committer);
    event UnattestedPolicySet(uint8 policy);

    /// @notice Commits a closed epoch's receipts (root, count, data hash). Only the committer, once per epoch.
    function commitEpoch(uint64 epoch, bytes32 receiptsRoot, uint32 receiptCount, bytes32 dataHash) external;

    /// @notice Records the seed of a committed epoch (see the interface notes) and freezes its sampling rate and
    /// unattested-sample policy. Anyone may call, once, in any block after the commitment's block.
    function recordEpochSeed(uint64 epoch) external returns (bytes32 seed);

    /// @notice A verifier commits to its pass attestations for a seeded epoch (once per verifier and epoch).
    function commitPassAttestations(uint64 epoch, bytes32 attestationsRoot, uint32 count) external;

    /// @notice Submits a fail attestation signed by at least `quorum` distinct verifiers (signatures ordered by
    /// strictly ascending signer address), with the receipt's inclusion proof against the epoch's committed
    /// receipts root. The job must be in the epoch's sample set. Queues the provider's slash for the epoch (at
    /// most one per provider, role and epoch) and freezes its stake for the role. Anyone may call; the finder share
    /// goes to `attestation.finder`.
    /// @return slashId keccak256(abi.encode(epoch, provider, role))
    function submitFailAttestation(
        Attestation calldata attestation,
        ReceiptProof calldata receipt,
        bytes[] calldata signatures
    ) external returns (bytes32 slashId);

    /// @notice Executes a queued slash once its veto window has passed. Anyone may call.
    function executeSlash(bytes32 slashId) external;

    /// @notice Cancels a queued slash and unfreezes the stake. Only GUARDIAN_ROLE or GOVERNANCE_ROLE.
    function cancelSlash(bytes32 slashId) external;

    /// @notice EIP-712 digest a verifier signs for `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);

    /// @notice The standard-tree leaf of a receipt (see the interface notes).
    function receiptLeaf(
        bytes32 jobId,
        address provider,
        uint8 role,
        address requester,
        bytes32 specHash,
        bytes32 outputHash,
        uint256 workUnits,
        uint256 fee
    ) external pure returns (bytes32);

    /// @notice Whether `jobId` is in the sample set of an epoch with `seed` at the current sampling rate.
    function isSampled(bytes32 seed, bytes32 jobId) external view returns (bool);

    /// @notice Whether `jobId` is in the sample set of `epoch` (false when the epoch's seed is not recorded).
    function isSampledInEpoch(uint64 epoch, bytes32 jobId) external view returns (bool);

    /// @notice The sampling rate frozen when the epoch's seed was recorded (0 before).
    function epochSamplingRateWad(uint64 epoch) external view returns (uint256);

    /// @notice The unattested-sample policy frozen when the epoch's seed was recorded (0, i.e.
    /// UnattestedPolicy.REFUND, before). Settlement applies it to the epoch's sampled receipts without an on-chain
    /// verdict.
    function epochUnattestedPolicy(uint64 epoch) external view returns (uint8);

    function epochCommitment(uint64 epoch) external view returns (EpochCommitment memory);
    function epochSeed(uint64 epoch) external view returns (bytes32);
    /// @notice Block in which the epoch's seed was recorded (0 before).
    function epochSeedBlock(uint64 epoch) external view returns (uint256);
    function closingBlock(uint64 epoch) external view returns (uint256);
    function epochGenesisBlock() external view returns (uint256);
    function epochLength() external view returns (uint256);
    function passCommitment(uint64 epoch, address verifier) external view returns (PassCommitment memory);
    /// @notice Whether `provider` has a queued or executed slash in `epoch` (settlement forfeits the epoch).
    function failedInEpoch(uint64 epoch, address provider) external view returns (bool);
    /// @notice Whether `jobId` of `epoch` was used as evidence.
    function slashed(uint64 epoch, bytes32 jobId) external view returns (bool);
    function queuedSlash(bytes32 slashId) external view returns (QueuedSlash memory);
    function slashId(uint64 epoch, address provider, uint8 role) external pure returns (bytes32);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)
    function setVerifier(address verifier, bool enabled) external;
    function setQuorum(uint256 quorum) external;
    function setSamplingRate(uint256 samplingRateWad) external;
    function setSlashFraction(uint256 fractionWad) external;
    function setVetoWindow(uint256 window) external;
    function setCommitter(address committer) external;
    /// @notice Sets the unattested-sample policy (an {UnattestedPolicy} value: REFUND = 0 or FORFEIT = 1) for the
    /// epochs whose seed is recorded afterwards; epochs already seeded keep their `epochUnattestedPolicy`.
    function setUnattestedPolicy(uint8 policy) external;

    function isVerifier(address account) external view returns (bool);
    function verifierCount() external view returns (uint256);
    function quorum() external view returns (uint256);
    function samplingRateWad() external view returns (uint256);
    function slashFractionWad() external view returns (uint256);
    function vetoWindow() external view returns (uint256);
    function committer() external view returns (address);
    /// @notice The current unattested-sample policy, frozen into each epoch by `recordEpochSeed`.
    function unattestedPolicy() external view returns (uint8);
    function staking() external view returns (address);
}
