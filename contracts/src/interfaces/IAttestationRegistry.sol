// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IAttestationRegistry
/// @notice Proof-of-Useful-Work attestations. Holds the governed verifier set and quorum, the seed of every closed
/// epoch, the per-epoch commitments of pass attestations, and accepts fail attestations signed by a quorum of
/// verifiers, which slash the provider through the StakingManager and pay the finder (the submitting verifier).
///
/// Epochs are block ranges fixed at deployment: epoch n spans blocks
/// [epochGenesisBlock + n * epochLength, epochGenesisBlock + (n + 1) * epochLength - 1]; its closing block is the
/// last one. Its seed is the closing block's hash, recorded by anyone through `recordEpochSeed` while the hash is
/// still available to the EVM (BLOCKHASH: 256 blocks). Recording the seed also freezes the epoch's sampling rate
/// (`epochSamplingRateWad`, the `samplingRateWad` in force at that moment). A job of epoch e is sampled iff
/// uint256(keccak256(abi.encode(epochSeed(e), jobId))) % 1e18 < epochSamplingRateWad(e) (see `isSampledInEpoch`): the
/// sample set of an epoch never changes once its seed is recorded, whatever governance does later.
///
/// Only verifiers may submit fail attestations; the submitter is the finder (see `submitFailAttestation`).
///
/// Attestations are EIP-712 typed data under the domain ("CipherOcto AttestationRegistry", "1", chainId, this):
/// Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,
///             bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash)
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
    }

    /// @notice One verifier's commitment to the pass attestations it produced for an epoch.
    struct PassCommitment {
        bytes32 attestationsRoot; // Merkle root (standard tree) over the verifier's pass attestation digests
        uint32 count;
        uint48 committedAt;
    }

    error AttestationNotVerifier(address account);
    error AttestationEpochNotClosed(uint64 epoch, uint256 closingBlock);
    error AttestationSeedUnavailable(uint64 epoch, uint256 closingBlock);
    error AttestationSeedAlreadyRecorded(uint64 epoch);
    error AttestationSeedNotRecorded(uint64 epoch);
    error AttestationAlreadyCommitted(uint64 epoch, address verifier);
    error AttestationNotAFailure();
    error AttestationOutputsMatch();
    error AttestationJobNotSampled(uint64 epoch, bytes32 jobId);
    error AttestationAlreadySlashed(uint64 epoch, bytes32 jobId);
    error AttestationQuorumNotReached(uint256 validSigners, uint256 quorum);
    error AttestationSignersNotSorted();
    error AttestationInvalidSignature(uint256 index);
    error AttestationInvalidParameter();

    event EpochSeedRecorded(uint64 indexed epoch, uint256 closingBlock, bytes32 seed, uint256 samplingRateWad);
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
    event VerifierSet(address indexed verifier, bool enabled);
    event QuorumSet(uint256 quorum);
    event SamplingRateSet(uint256 samplingRateWad);
    event SlashFractionSet(uint256 fractionWad);

    /// @notice Records the seed (closing block hash) of `epoch` and freezes the epoch's sampling rate at the current
    /// `samplingRateWad`. Anyone may call, once, after the closing block and while its hash is available.
    function recordEpochSeed(uint64 epoch) external returns (bytes32 seed);

    /// @notice A verifier commits to its pass attestations for a closed epoch (once per verifier and epoch).
    function commitPassAttestations(uint64 epoch, bytes32 attestationsRoot, uint32 count) external;

    /// @notice Submits a fail attestation signed by at least `quorum` distinct verifiers (signatures ordered by
    /// strictly ascending signer address). The job must be in the epoch's sample set at the epoch's frozen sampling
    /// rate (`isSampledInEpoch`). Slashes the provider by `slashFractionWad` through the StakingManager; the caller is
    /// the finder and receives the finder share.
    ///
    /// Only a verifier may call (`AttestationNotVerifier`, checked first); it need not be one of the signers. Reason:
    /// the submitter is the finder and receives the finder share of the slash; if anyone could submit, the cheating
    /// provider could front-run the verifier with the quorum-signed attestation and recover the finder share of its
    /// own slash.
    function submitFailAttestation(Attestation calldata attestation, bytes[] calldata signatures) external;

    /// @notice EIP-712 digest a verifier signs for `attestation`.
    function attestationDigest(Attestation calldata attestation) external view returns (bytes32);

    /// @notice Whether `jobId` is in the sample set of an epoch with `seed` at the current sampling rate. For an
    /// epoch whose seed is recorded, the binding answer is `isSampledInEpoch` (the rate may have changed since).
    function isSampled(bytes32 seed, bytes32 jobId) external view returns (bool);

    /// @notice Whether `jobId` is in the sample set of `epoch`:
    /// uint256(keccak256(abi.encode(epochSeed(epoch), jobId))) % 1e18 < epochSamplingRateWad(epoch). False when the
    /// epoch's seed is not recorded.
    function isSampledInEpoch(uint64 epoch, bytes32 jobId) external view returns (bool);

    /// @notice The sampling rate of `epoch`: the `samplingRateWad` in force when its seed was recorded (0 before). The
    /// sample set of an epoch never changes afterwards, whatever governance does later.
    function epochSamplingRateWad(uint64 epoch) external view returns (uint256);

    function epochSeed(uint64 epoch) external view returns (bytes32);
    function closingBlock(uint64 epoch) external view returns (uint256);
    function epochGenesisBlock() external view returns (uint256);
    function epochLength() external view returns (uint256);
    function passCommitment(uint64 epoch, address verifier) external view returns (PassCommitment memory);
    /// @notice Whether `provider` received an accepted fail attestation in `epoch` (settlement forfeits the epoch).
    function failedInEpoch(uint64 epoch, address provider) external view returns (bool);
    function slashed(uint64 epoch, bytes32 jobId) external view returns (bool);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)
    function setVerifier(address verifier, bool enabled) external;
    function setQuorum(uint256 quorum) external;
    function setSamplingRate(uint256 samplingRateWad) external;
    function setSlashFraction(uint256 fractionWad) external;

    function isVerifier(address account) external view returns (bool);
    function verifierCount() external view returns (uint256);
    function quorum() external view returns (uint256);
    function samplingRateWad() external view returns (uint256);
    function slashFractionWad() external view returns (uint256);
    function staking() external view returns (address);
}
