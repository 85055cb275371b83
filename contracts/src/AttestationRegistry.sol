// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IAttestationRegistry} from "./interfaces/IAttestationRegistry.sol";
import {IStakingManager} from "./interfaces/IStakingManager.sol";

/// @title AttestationRegistry
/// @notice Proof-of-Useful-Work attestations: epoch seeds, sampling, pass-attestation commitments and quorum-signed
/// fail attestations that slash providers through the StakingManager (see {IAttestationRegistry}).
///
/// Defaults set by the constructor (all governed afterwards through GOVERNANCE_ROLE, i.e. the timelock):
/// `quorum` = 1, `samplingRateWad` = 0.05e18 (5 %), `slashFractionWad` = 0.1e18 (10 % of the provider's stake for the
/// role per caught job). The verifier set starts empty. Epoch timing (`epochGenesisBlock`, `epochLength`) is
/// immutable.
///
/// Quorum is only required to be at least 1: it may exceed `verifierCount` (for instance while governance swaps out
/// a compromised verifier), in which case no fail attestation can be accepted until enough verifiers are enabled.
///
/// The sampling rate is frozen per epoch: `recordEpochSeed` stores the current `samplingRateWad` as
/// `epochSamplingRateWad[epoch]`, and `submitFailAttestation` checks sampling against that frozen rate, so a later
/// change of the rate never changes the sample set of an epoch whose seed is recorded. `isSampled` (current rate) is
/// kept for previews of epochs not yet seeded.
///
/// Only verifiers may submit fail attestations: the submitter is the finder and receives the finder share of the
/// slash, so an open submission would let the cheating provider front-run the verifier with the quorum-signed
/// attestation and recover the finder share of its own slash.
contract AttestationRegistry is IAttestationRegistry, AccessControl, EIP712 {
    /// @notice Role allowed to change parameters and the verifier set (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice EIP-712 type hash of {IAttestationRegistry-Attestation}.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,"
        "bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash)"
    );

    uint256 private constant WAD = 1e18;

    /// @inheritdoc IAttestationRegistry
    address public immutable staking;
    /// @inheritdoc IAttestationRegistry
    uint256 public immutable epochGenesisBlock;
    /// @inheritdoc IAttestationRegistry
    uint256 public immutable epochLength;

    /// @inheritdoc IAttestationRegistry
    uint256 public verifierCount;
    /// @inheritdoc IAttestationRegistry
    uint256 public quorum;
    /// @inheritdoc IAttestationRegistry
    uint256 public samplingRateWad;
    /// @inheritdoc IAttestationRegistry
    uint256 public slashFractionWad;

    /// @inheritdoc IAttestationRegistry
    mapping(address account => bool) public isVerifier;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => bytes32) public epochSeed;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => uint256) public epochSamplingRateWad;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => mapping(address provider => bool)) public failedInEpoch;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => mapping(bytes32 jobId => bool)) public slashed;

    mapping(uint64 epoch => mapping(address verifier => PassCommitment)) private _passCommitments;

    /// @param staking_ The StakingManager; this registry must be its slasher.
    /// @param epochGenesisBlock_ First block of epoch 0 (at most 2^64 - 1).
    /// @param epochLength_ Blocks per epoch (1 .. 2^64 - 1); the bounds make `closingBlock` overflow-free.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock after deployment).
    constructor(address staking_, uint256 epochGenesisBlock_, uint256 epochLength_, address admin)
        EIP712("CipherOcto AttestationRegistry", "1")
    {
        if (
            staking_ == address(0) || admin == address(0) || epochLength_ == 0 || epochLength_ > type(uint64).max
                || epochGenesisBlock_ > type(uint64).max
        ) revert AttestationInvalidParameter();
        staking = staking_;
        epochGenesisBlock = epochGenesisBlock_;
        epochLength = epochLength_;

        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);

        quorum = 1;
        samplingRateWad = 0.05e18;
        slashFractionWad = 0.1e18;
        emit QuorumSet(1);
        emit SamplingRateSet(0.05e18);
        emit SlashFractionSet(0.1e18);
    }

    // ------------------------------------------------------------------ epochs

    /// @inheritdoc IAttestationRegistry
    function recordEpochSeed(uint64 epoch) external returns (bytes32 seed) {
        if (epochSeed[epoch] != bytes32(0)) revert AttestationSeedAlreadyRecorded(epoch);
        uint256 closing = closingBlock(epoch);
        if (block.number <= closing) revert AttestationEpochNotClosed(epoch, closing);
        seed = blockhash(closing); // 0 once the closing block is more than 256 blocks old
        if (seed == bytes32(0)) revert AttestationSeedUnavailable(epoch, closing);
        epochSeed[epoch] = seed;
        uint256 rate = samplingRateWad;
        epochSamplingRateWad[epoch] = rate;
        emit EpochSeedRecorded(epoch, closing, seed, rate);
    }

    /// @inheritdoc IAttestationRegistry
    function closingBlock(uint64 epoch) public view returns (uint256) {
        // Cannot overflow: epochGenesisBlock and epochLength are < 2^64 (constructor), (epoch + 1) <= 2^64.
        // Cannot underflow: epochLength >= 1.
        return epochGenesisBlock + (uint256(epoch) + 1) * epochLength - 1;
    }

    /// @inheritdoc IAttestationRegistry
    function isSampled(bytes32 seed, bytes32 jobId) public view returns (bool) {
        return _isSampled(seed, jobId, samplingRateWad);
    }

    /// @inheritdoc IAttestationRegistry
    function isSampledInEpoch(uint64 epoch, bytes32 jobId) external view returns (bool) {
        bytes32 seed = epochSeed[epoch];
        return seed != bytes32(0) && _isSampled(seed, jobId, epochSamplingRateWad[epoch]);
    }

    /// @dev The sampling rule: uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < rateWad.
    function _isSampled(bytes32 seed, bytes32 jobId, uint256 rateWad) private pure returns (bool) {
        return uint256(keccak256(abi.encode(seed, jobId))) % WAD < rateWad;
    }

    // ------------------------------------------------------------------ attestations

    /// @inheritdoc IAttestationRegistry
    function commitPassAttestations(uint64 epoch, bytes32 attestationsRoot, uint32 count) external {
        if (!isVerifier[msg.sender]) revert AttestationNotVerifier(msg.sender);
        if (epochSeed[epoch] == bytes32(0)) revert AttestationSeedNotRecorded(epoch);
        PassCommitment storage c = _passCommitments[epoch][msg.sender];
        if (c.committedAt != 0) revert AttestationAlreadyCommitted(epoch, msg.sender);
        // block.timestamp fits in 48 bits for ~8.9 million years; it is never 0 on a live chain, so
        // committedAt != 0 marks a commitment.
        _passCommitments[epoch][msg.sender] =
            PassCommitment({attestationsRoot: attestationsRoot, count: count, committedAt: uint48(block.timestamp)});
        emit PassAttestationsCommitted(epoch, msg.sender, attestationsRoot, count);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Checks, in order: the caller is a verifier (so that the finder share cannot be recaptured by the cheating
    /// provider front-running the verifier), the attestation is a failure with differing outputs, the epoch seed is
    /// recorded, the job is sampled at the epoch's frozen rate, the job was not slashed yet, at least `quorum`
    /// signatures, then each signature (65 bytes, low-s, signer strictly greater than the previous one, signer a
    /// current verifier). The slash uses the current `slashFractionWad`; the StakingManager enforces its own maximum
    /// and the role's validity.
    function submitFailAttestation(Attestation calldata attestation, bytes[] calldata signatures) external {
        if (!isVerifier[msg.sender]) revert AttestationNotVerifier(msg.sender);
        if (attestation.passed) revert AttestationNotAFailure();
        if (attestation.claimedOutputHash == attestation.recomputedOutputHash) revert AttestationOutputsMatch();
        uint64 epoch = attestation.epoch;
        bytes32 seed = epochSeed[epoch];
        if (seed == bytes32(0)) revert AttestationSeedNotRecorded(epoch);
        if (!_isSampled(seed, attestation.jobId, epochSamplingRateWad[epoch])) {
            revert AttestationJobNotSampled(epoch, attestation.jobId);
        }
        if (slashed[epoch][attestation.jobId]) revert AttestationAlreadySlashed(epoch, attestation.jobId);

        uint256 n = signatures.length;
        if (n < quorum) revert AttestationQuorumNotReached(n, quorum);
        bytes32 digest = attestationDigest(attestation);
        address previous = address(0);
        for (uint256 i = 0; i < n; ++i) {
            (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signatures[i]);
            if (err != ECDSA.RecoverError.NoError) revert AttestationInvalidSignature(i);
            // Strict ordering makes signers distinct; it is checked before membership so that a repeated
            // signature reports the ordering error.
            if (signer <= previous) revert AttestationSignersNotSorted();
            if (!isVerifier[signer]) revert AttestationInvalidSignature(i);
            previous = signer;
        }

        slashed[epoch][attestation.jobId] = true;
        failedInEpoch[epoch][attestation.provider] = true;
        IStakingManager(staking).slash(
            attestation.provider, attestation.role, slashFractionWad, attestation.evidenceHash, msg.sender
        );
        emit FailAttestationAccepted(
            epoch,
            attestation.jobId,
            attestation.provider,
            attestation.role,
            attestation.claimedOutputHash,
            attestation.recomputedOutputHash,
            attestation.evidenceHash,
            msg.sender,
            n
        );
    }

    /// @inheritdoc IAttestationRegistry
    function attestationDigest(Attestation calldata attestation) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    ATTESTATION_TYPEHASH,
                    attestation.epoch,
                    attestation.jobId,
                    attestation.provider,
                    attestation.role,
                    attestation.specHash,
                    attestation.claimedOutputHash,
                    attestation.recomputedOutputHash,
                    attestation.passed,
                    attestation.evidenceHash
                )
            )
        );
    }

    /// @notice The EIP-712 domain separator of this registry.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IAttestationRegistry
    function passCommitment(uint64 epoch, address verifier) external view returns (PassCommitment memory) {
        return _passCommitments[epoch][verifier];
    }

    // ------------------------------------------------------------------ parameters

    /// @inheritdoc IAttestationRegistry
    /// @dev Idempotent: `verifierCount` changes only when the membership changes; the event is emitted in any case.
    function setVerifier(address verifier, bool enabled) external onlyRole(GOVERNANCE_ROLE) {
        if (verifier == address(0)) revert AttestationInvalidParameter();
        if (isVerifier[verifier] != enabled) {
            isVerifier[verifier] = enabled;
            if (enabled) {
                ++verifierCount;
            } else {
                --verifierCount;
            }
        }
        emit VerifierSet(verifier, enabled);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev `quorum_` >= 1; it may exceed `verifierCount` (see the contract notes).
    function setQuorum(uint256 quorum_) external onlyRole(GOVERNANCE_ROLE) {
        if (quorum_ == 0) revert AttestationInvalidParameter();
        quorum = quorum_;
        emit QuorumSet(quorum_);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev `samplingRateWad_` <= 1e18 (1e18 samples every job). Applies to the epochs whose seed is recorded
    /// afterwards; epochs already seeded keep their frozen `epochSamplingRateWad`.
    function setSamplingRate(uint256 samplingRateWad_) external onlyRole(GOVERNANCE_ROLE) {
        if (samplingRateWad_ > WAD) revert AttestationInvalidParameter();
        samplingRateWad = samplingRateWad_;
        emit SamplingRateSet(samplingRateWad_);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev `fractionWad` <= 1e18; the StakingManager additionally caps it at its `maxSlashFractionWad` when slashing.
    function setSlashFraction(uint256 fractionWad) external onlyRole(GOVERNANCE_ROLE) {
        if (fractionWad > WAD) revert AttestationInvalidParameter();
        slashFractionWad = fractionWad;
        emit SlashFractionSet(fractionWad);
    }
}
