// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IAttestationRegistry} from "./interfaces/IAttestationRegistry.sol";
import {IStakingManager} from "./interfaces/IStakingManager.sol";
import {UnattestedPolicy} from "./libraries/UnattestedPolicy.sol";

/// @title AttestationRegistry
/// @notice Proof-of-Useful-Work attestations, protocol v2: epoch receipt commitments, epoch seeds drawn after the
/// commitment, sampling, pass-attestation commitments and quorum-signed fail attestations that queue a slash,
/// executed through the StakingManager after a veto window (see {IAttestationRegistry}).
///
/// Defaults set by the constructor (all governed afterwards through GOVERNANCE_ROLE, i.e. the timelock):
/// `quorum` = 1 (the deployer's production profile sets >= 2), `samplingRateWad` = 0.05e18 (5 %),
/// `slashFractionWad` = 0.1e18 (10 % of the provider's stake for the role per slash), `vetoWindow` = 4 days,
/// `unattestedPolicy` = UnattestedPolicy.REFUND (0).
/// The verifier set starts empty and no committer is set (so no epoch can be committed until governance sets it).
/// Epoch timing (`epochGenesisBlock`, `epochLength`) is immutable.
///
/// Quorum is only required to be at least 1: it may exceed `verifierCount` (for instance while governance swaps out
/// a compromised verifier), in which case no fail attestation can be accepted until enough verifiers are enabled.
///
/// Ordering guarantees (anti-grinding): the receipts of an epoch are committed (`commitEpoch`) before its seed can
/// exist, and the seed is derived from the block of the `recordEpochSeed` call, which must come strictly after the
/// commitment's block. Neither the committer nor a provider can therefore pick the sample set after seeing the
/// seed. The sampling rate is frozen with the seed, so a later rate change never changes an epoch's sample set;
/// the unattested-sample policy is frozen with it too, so a later policy change never changes how settlement treats
/// an already seeded epoch's sampled receipts that lack a verdict.
///
/// Slashing safety:
/// - The finder is part of the signed attestation, so anyone may submit it without being able to redirect the
///   finder share (a changed finder invalidates every signature).
/// - The job must be a leaf of the committed receipts root with the attestation's provider, role, spec hash and
///   claimed output hash, so the quorum cannot invent jobs; at most one slash is ever recorded per
///   (epoch, provider, role) (whatever its later status), and each (epoch, jobId) is evidence at most once.
/// - The provider's stake for the role is frozen in the StakingManager from queueing until the last queued slash of
///   that (provider, role) is executed or cancelled (the registry counts queued slashes per (provider, role), so
///   finishing one of two queued slashes does not unfreeze the stake).
/// - `failedInEpoch(epoch, provider)` is true while the provider has at least one queued or executed slash in the
///   epoch (counted over roles, so cancelling one role's slash does not clear another role's forfeiture).
contract AttestationRegistry is IAttestationRegistry, AccessControl, EIP712 {
    /// @dev Storage form of an epoch: the fields of {IAttestationRegistry-EpochCommitment} (same order, same slots)
    /// plus the unattested-sample policy frozen by `recordEpochSeed`, which fits in the third slot next to
    /// `receiptCount` and `committedBlock` (32 + 64 + 8 bits). `recordEpochSeed` already reads that slot, so freezing
    /// the policy costs no new slot. `unattestedPolicy` stays 0 (REFUND) until the seed is recorded.
    struct EpochRecord {
        bytes32 receiptsRoot;
        bytes32 dataHash;
        uint32 receiptCount;
        uint64 committedBlock; // 0: not committed
        uint8 unattestedPolicy;
    }

    /// @notice Role allowed to change parameters and the verifier set (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");
    /// @notice Role allowed to cancel a queued slash during its veto window (besides GOVERNANCE_ROLE).
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice EIP-712 type hash of {IAttestationRegistry-Attestation}.
    bytes32 public constant ATTESTATION_TYPEHASH = keccak256(
        "Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,"
        "bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash,address finder)"
    );

    /// @notice Default veto window.
    uint256 public constant DEFAULT_VETO_WINDOW = 4 days;
    /// @notice Upper bound accepted by {setVetoWindow}.
    uint256 public constant MAX_VETO_WINDOW = 30 days;

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
    uint256 public vetoWindow;
    /// @inheritdoc IAttestationRegistry
    address public committer;
    /// @inheritdoc IAttestationRegistry
    /// @dev Packed with `committer`. Always < UnattestedPolicy.COUNT (setUnattestedPolicy).
    uint8 public unattestedPolicy;

    /// @inheritdoc IAttestationRegistry
    mapping(address account => bool) public isVerifier;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => bytes32) public epochSeed;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => uint256) public epochSeedBlock;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => uint256) public epochSamplingRateWad;
    /// @inheritdoc IAttestationRegistry
    mapping(uint64 epoch => mapping(bytes32 jobId => bool)) public slashed;

    /// @dev An epoch's commitment and its frozen unattested-sample policy (see {EpochRecord}).
    mapping(uint64 epoch => EpochRecord) private _commitments;
    mapping(uint64 epoch => mapping(address verifier => PassCommitment)) private _passCommitments;
    mapping(bytes32 slashId => QueuedSlash) private _slashes;
    /// @dev Queued or executed slashes of a provider in an epoch, over all roles (<= 8: one per role).
    mapping(uint64 epoch => mapping(address provider => uint256)) private _slashesInEpoch;
    /// @dev Queued (not yet executed or cancelled) slashes of a provider and role, over all epochs.
    mapping(address provider => mapping(uint8 role => uint256)) private _queuedSlashes;

    /// @param staking_ The StakingManager; this registry must be its slasher.
    /// @param epochGenesisBlock_ First block of epoch 0 (at most 2^64 - 1).
    /// @param epochLength_ Blocks per epoch (1 .. 2^64 - 1); the bounds make `closingBlock` overflow-free.
    /// @param admin Receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock after deployment).
    constructor(address staking_, uint256 epochGenesisBlock_, uint256 epochLength_, address admin)
        EIP712("CipherOcto AttestationRegistry", "2")
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
        vetoWindow = DEFAULT_VETO_WINDOW;
        emit QuorumSet(1);
        emit SamplingRateSet(0.05e18);
        emit SlashFractionSet(0.1e18);
        emit VetoWindowSet(DEFAULT_VETO_WINDOW);
        // unattestedPolicy starts as REFUND (the zero value), announced like the other defaults.
        emit UnattestedPolicySet(UnattestedPolicy.REFUND);
    }

    // ------------------------------------------------------------------ epochs

    /// @inheritdoc IAttestationRegistry
    /// @dev Checks, in order: caller is the committer, the epoch has closed (block.number > closingBlock), the epoch
    /// is not committed yet. `receiptsRoot` may be zero (an epoch without receipts: nothing can be proven against
    /// it). `committedBlock` = block.number (never 0, since block.number > closingBlock >= 0).
    function commitEpoch(uint64 epoch, bytes32 receiptsRoot, uint32 receiptCount, bytes32 dataHash) external {
        if (msg.sender != committer) revert AttestationNotCommitter(msg.sender);
        uint256 closing = closingBlock(epoch);
        if (block.number <= closing) revert AttestationEpochNotClosed(epoch, closing);
        EpochRecord storage c = _commitments[epoch];
        if (c.committedBlock != 0) revert AttestationEpochAlreadyCommitted(epoch);
        c.receiptsRoot = receiptsRoot;
        c.dataHash = dataHash;
        c.receiptCount = receiptCount;
        c.committedBlock = SafeCast.toUint64(block.number);
        emit EpochCommitted(epoch, receiptsRoot, receiptCount, dataHash);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Checks, in order: the epoch is committed, block.number > committedBlock, the seed is not recorded yet.
    /// The first call wins: keepers should call in the block right after the commitment, because whoever calls
    /// first picks the block (among those after the commitment) whose prevrandao and parent hash make the seed.
    /// Freezes `samplingRateWad` into `epochSamplingRateWad[epoch]` and `unattestedPolicy` into the epoch's record.
    function recordEpochSeed(uint64 epoch) external returns (bytes32 seed) {
        EpochRecord storage c = _commitments[epoch];
        uint256 committedBlock = c.committedBlock;
        if (committedBlock == 0) revert AttestationEpochNotCommitted(epoch);
        if (block.number <= committedBlock) revert AttestationSeedTooEarly(epoch, committedBlock);
        if (epochSeedBlock[epoch] != 0) revert AttestationSeedAlreadyRecorded(epoch);
        // block.number > committedBlock >= 1, so block.number - 1 cannot underflow and is always within the
        // 256-block window of BLOCKHASH.
        seed = keccak256(abi.encode(block.prevrandao, blockhash(block.number - 1), epoch, c.receiptsRoot));
        epochSeed[epoch] = seed;
        epochSeedBlock[epoch] = block.number;
        uint256 rate = samplingRateWad;
        epochSamplingRateWad[epoch] = rate;
        c.unattestedPolicy = unattestedPolicy;
        emit EpochSeedRecorded(epoch, block.number, seed, rate);
    }

    /// @inheritdoc IAttestationRegistry
    function epochCommitment(uint64 epoch) external view returns (EpochCommitment memory) {
        EpochRecord storage c = _commitments[epoch];
        return EpochCommitment({
            receiptsRoot: c.receiptsRoot,
            dataHash: c.dataHash,
            receiptCount: c.receiptCount,
            committedBlock: c.committedBlock
        });
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Like `epochSamplingRateWad`, 0 for an epoch whose seed is not recorded (not committed, or committed but
    /// not seeded): 0 is UnattestedPolicy.REFUND.
    function epochUnattestedPolicy(uint64 epoch) external view returns (uint8) {
        return _commitments[epoch].unattestedPolicy;
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
        return epochSeedBlock[epoch] != 0 && _isSampled(epochSeed[epoch], jobId, epochSamplingRateWad[epoch]);
    }

    /// @dev The sampling rule: uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < rateWad.
    function _isSampled(bytes32 seed, bytes32 jobId, uint256 rateWad) private pure returns (bool) {
        return uint256(keccak256(abi.encode(seed, jobId))) % WAD < rateWad;
    }

    // ------------------------------------------------------------------ attestations

    /// @inheritdoc IAttestationRegistry
    function commitPassAttestations(uint64 epoch, bytes32 attestationsRoot, uint32 count) external {
        if (!isVerifier[msg.sender]) revert AttestationNotVerifier(msg.sender);
        if (epochSeedBlock[epoch] == 0) revert AttestationSeedNotRecorded(epoch);
        PassCommitment storage c = _passCommitments[epoch][msg.sender];
        if (c.committedAt != 0) revert AttestationAlreadyCommitted(epoch, msg.sender);
        // block.timestamp fits in 48 bits for ~8.9 million years; it is never 0 on a live chain, so
        // committedAt != 0 marks a commitment.
        _passCommitments[epoch][msg.sender] =
            PassCommitment({attestationsRoot: attestationsRoot, count: count, committedAt: uint48(block.timestamp)});
        emit PassAttestationsCommitted(epoch, msg.sender, attestationsRoot, count);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Checks, in order: the attestation is a failure (AttestationNotAFailure) with differing outputs
    /// (AttestationOutputsMatch) and a non-zero finder (AttestationZeroFinder); the epoch seed is recorded
    /// (AttestationSeedNotRecorded); the job is sampled at the epoch's frozen rate (AttestationJobNotSampled); the
    /// receipt leaf (claimedOutputHash as the receipt's outputHash) is in the committed receipts root
    /// (AttestationReceiptNotCommitted); no slash was ever recorded for (epoch, provider, role) and the jobId was
    /// not used as evidence in the epoch (AttestationAlreadySlashed); at least `quorum` signatures
    /// (AttestationQuorumNotReached); then each signature (65 bytes, low-s, signer strictly greater than the
    /// previous one, signer a current verifier). The slash records the current `slashFractionWad`.
    function submitFailAttestation(
        Attestation calldata attestation,
        ReceiptProof calldata receipt,
        bytes[] calldata signatures
    ) external returns (bytes32 id) {
        if (attestation.passed) revert AttestationNotAFailure();
        if (attestation.claimedOutputHash == attestation.recomputedOutputHash) revert AttestationOutputsMatch();
        if (attestation.finder == address(0)) revert AttestationZeroFinder();
        uint64 epoch = attestation.epoch;
        if (epochSeedBlock[epoch] == 0) revert AttestationSeedNotRecorded(epoch);
        bytes32 jobId = attestation.jobId;
        if (!_isSampled(epochSeed[epoch], jobId, epochSamplingRateWad[epoch])) {
            revert AttestationJobNotSampled(epoch, jobId);
        }
        bytes32 leaf = receiptLeaf(
            jobId,
            attestation.provider,
            attestation.role,
            receipt.requester,
            attestation.specHash,
            attestation.claimedOutputHash,
            receipt.workUnits,
            receipt.fee
        );
        if (!MerkleProof.verifyCalldata(receipt.proof, _commitments[epoch].receiptsRoot, leaf)) {
            revert AttestationReceiptNotCommitted(epoch, jobId);
        }
        id = slashId(epoch, attestation.provider, attestation.role);
        if (_slashes[id].status != SlashStatus.None || slashed[epoch][jobId]) {
            revert AttestationAlreadySlashed(epoch, attestation.provider, attestation.role);
        }

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

        _queue(id, attestation);
        emit FailAttestationAccepted(
            epoch,
            jobId,
            attestation.provider,
            attestation.role,
            attestation.claimedOutputHash,
            attestation.recomputedOutputHash,
            attestation.evidenceHash,
            attestation.finder,
            n
        );
        emit SlashQueued(id, epoch, attestation.provider, attestation.role, _slashes[id].executableAt);
    }

    /// @dev Effects of an accepted fail attestation: marks the job and the provider's epoch, stores the queued
    /// slash and freezes the provider's stake for the role.
    function _queue(bytes32 id, Attestation calldata a) private {
        slashed[a.epoch][a.jobId] = true;
        // At most one slash per (epoch, provider, role) and 8 roles: the counters stay tiny.
        ++_slashesInEpoch[a.epoch][a.provider];
        ++_queuedSlashes[a.provider][a.role];
        _slashes[id] = QueuedSlash({
            provider: a.provider,
            role: a.role,
            epoch: a.epoch,
            executableAt: SafeCast.toUint48(block.timestamp + vetoWindow),
            status: SlashStatus.Queued,
            finder: a.finder,
            // slashFractionWad <= 1e18 < 2^64 (setSlashFraction), so the cast does not truncate.
            // forge-lint: disable-next-line(unsafe-typecast)
            fractionWad: uint64(slashFractionWad),
            jobId: a.jobId,
            evidenceHash: a.evidenceHash
        });
        IStakingManager(staking).setFrozen(a.provider, a.role, true);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Checks: the slash is queued (AttestationSlashNotQueued), block.timestamp >= executableAt
    /// (AttestationVetoWindowOpen). The fraction is the one recorded at queueing, capped at the StakingManager's
    /// current `maxSlashFractionWad` so that lowering the cap cannot make a queued slash unexecutable. Unfreezes the
    /// stake unless another slash of the same provider and role is still queued.
    function executeSlash(bytes32 id) external {
        QueuedSlash storage s = _slashes[id];
        if (s.status != SlashStatus.Queued) revert AttestationSlashNotQueued(id);
        uint256 executableAt = s.executableAt;
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < executableAt) revert AttestationVetoWindowOpen(id, executableAt);
        s.status = SlashStatus.Executed;
        address provider = s.provider;
        uint8 role = s.role;
        bool lastQueued = --_queuedSlashes[provider][role] == 0;

        IStakingManager stakingManager = IStakingManager(staking);
        uint256 fraction = s.fractionWad;
        uint256 maxFraction = stakingManager.maxSlashFractionWad();
        if (fraction > maxFraction) fraction = maxFraction;
        stakingManager.slash(provider, role, fraction, s.evidenceHash, s.finder);
        if (lastQueued) stakingManager.setFrozen(provider, role, false);
        emit SlashExecuted(id, provider, role);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Checks: caller holds GUARDIAN_ROLE or GOVERNANCE_ROLE (AttestationNotGuardian), the slash is queued
    /// (AttestationSlashNotQueued). The (epoch, provider, role) stays used: no other slash can be queued for it, and
    /// the jobId stays spent. `failedInEpoch` becomes false unless another role's slash of the provider in the epoch
    /// is queued or executed; the stake is unfrozen unless another slash of the provider and role is queued.
    function cancelSlash(bytes32 id) external {
        if (!hasRole(GUARDIAN_ROLE, msg.sender) && !hasRole(GOVERNANCE_ROLE, msg.sender)) {
            revert AttestationNotGuardian(msg.sender);
        }
        QueuedSlash storage s = _slashes[id];
        if (s.status != SlashStatus.Queued) revert AttestationSlashNotQueued(id);
        s.status = SlashStatus.Cancelled;
        address provider = s.provider;
        uint8 role = s.role;
        // Both counters include this queued slash, so they are >= 1.
        --_slashesInEpoch[s.epoch][provider];
        bool lastQueued = --_queuedSlashes[provider][role] == 0;
        if (lastQueued) IStakingManager(staking).setFrozen(provider, role, false);
        emit SlashCancelled(id, provider, role, msg.sender);
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
                    attestation.evidenceHash,
                    attestation.finder
                )
            )
        );
    }

    /// @notice The EIP-712 domain separator of this registry.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @inheritdoc IAttestationRegistry
    function receiptLeaf(
        bytes32 jobId,
        address provider,
        uint8 role,
        address requester,
        bytes32 specHash,
        bytes32 outputHash,
        uint256 workUnits,
        uint256 fee
    ) public pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                keccak256(abi.encode(jobId, provider, role, requester, specHash, outputHash, workUnits, fee))
            )
        );
    }

    /// @inheritdoc IAttestationRegistry
    function slashId(uint64 epoch, address provider, uint8 role) public pure returns (bytes32) {
        return keccak256(abi.encode(epoch, provider, role));
    }

    /// @inheritdoc IAttestationRegistry
    function queuedSlash(bytes32 id) external view returns (QueuedSlash memory) {
        return _slashes[id];
    }

    /// @inheritdoc IAttestationRegistry
    function failedInEpoch(uint64 epoch, address provider) external view returns (bool) {
        return _slashesInEpoch[epoch][provider] != 0;
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
    /// @dev `fractionWad` <= 1e18. Applies to slashes queued afterwards; the StakingManager's `maxSlashFractionWad`
    /// caps it again when the slash is executed.
    function setSlashFraction(uint256 fractionWad) external onlyRole(GOVERNANCE_ROLE) {
        if (fractionWad > WAD) revert AttestationInvalidParameter();
        slashFractionWad = fractionWad;
        emit SlashFractionSet(fractionWad);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev `window` <= MAX_VETO_WINDOW (30 days); 0 is allowed (development chains). Applies to slashes queued
    /// afterwards.
    function setVetoWindow(uint256 window) external onlyRole(GOVERNANCE_ROLE) {
        if (window > MAX_VETO_WINDOW) revert AttestationInvalidParameter();
        vetoWindow = window;
        emit VetoWindowSet(window);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev Non-zero (the RewardDistributor).
    function setCommitter(address committer_) external onlyRole(GOVERNANCE_ROLE) {
        if (committer_ == address(0)) revert AttestationInvalidParameter();
        committer = committer_;
        emit CommitterSet(committer_);
    }

    /// @inheritdoc IAttestationRegistry
    /// @dev `policy` < UnattestedPolicy.COUNT (REFUND = 0, FORFEIT = 1), else AttestationInvalidPolicy(policy).
    /// Applies to the epochs whose seed is recorded afterwards; epochs already seeded keep their frozen
    /// `epochUnattestedPolicy`.
    function setUnattestedPolicy(uint8 policy) external onlyRole(GOVERNANCE_ROLE) {
        if (policy >= UnattestedPolicy.COUNT) revert AttestationInvalidPolicy(policy);
        unattestedPolicy = policy;
        emit UnattestedPolicySet(policy);
    }
}
