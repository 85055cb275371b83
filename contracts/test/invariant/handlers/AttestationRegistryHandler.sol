// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestationRegistry} from "../../../src/AttestationRegistry.sol";
import {IAttestationRegistry} from "../../../src/interfaces/IAttestationRegistry.sol";
import {Roles} from "../../../src/libraries/Roles.sol";

import {AttestationSigner} from "../../utils/AttestationSigner.sol";
import {SlashRecorder} from "../../utils/SlashRecorder.sol";

/// @notice Drives an AttestationRegistry (governed by this handler, slashing into a SlashRecorder) over a small
/// universe (3 epochs x 6 jobs x 3 providers, 3 verifier keys + 1 outsider key) so that collisions, replays and
/// governance changes happen often. Submissions come from one of the keys or from the attested provider itself (the
/// front-running cheater). Ghost state records what the registry accepted, plus the verifier set and sampling rate
/// as this handler (the only governor) set them, independently of the registry's own storage.
contract AttestationRegistryHandler is AttestationSigner {
    uint64 public constant EPOCHS = 3;
    uint256 public constant JOBS = 6;
    uint256 public constant PROVIDERS = 3;
    uint256 public constant KEYS = 4;

    uint256 public constant GENESIS = 20;
    uint256 public constant LENGTH = 10;

    AttestationRegistry public immutable registry;
    SlashRecorder public immutable recorder;

    uint256[KEYS] internal _keys;
    address[PROVIDERS] internal _providers;

    // ghost state
    mapping(uint64 epoch => mapping(bytes32 jobId => uint256)) public ghostAcceptedCount;
    mapping(uint64 epoch => mapping(address provider => bool)) public ghostFailed;
    mapping(uint64 epoch => bytes32) public ghostSeed;
    mapping(uint64 epoch => mapping(address verifier => bool)) public ghostCommitted;
    uint256 public ghostAcceptedTotal;
    mapping(address account => bool) public ghostIsVerifier;
    uint256 public ghostRate;
    mapping(uint64 epoch => uint256) public ghostEpochRate;
    /// @dev Accepted submissions whose caller was not a verifier, or whose job was not sampled at the rate in force
    /// when the epoch's seed was recorded. Both must stay 0.
    uint256 public ghostAcceptedFromNonVerifier;
    uint256 public ghostAcceptedUnsampled;
    address public ghostLastFinder;

    // call statistics (to see that the campaign reaches the interesting paths)
    uint256 public acceptedCalls;
    uint256 public rejectedSubmitCalls;
    uint256 public nonVerifierSubmitCalls;
    uint256 public recordedSeeds;

    constructor() {
        recorder = new SlashRecorder();
        registry = new AttestationRegistry(address(recorder), GENESIS, LENGTH, address(this));
        _keys = [uint256(0xA11CE), 0xB0B, 0xC4A5E, 0xBAD];
        _providers = [vm.addr(0x1001), vm.addr(0x1002), vm.addr(0x1003)];
        for (uint256 i = 0; i < 3; ++i) {
            registry.setVerifier(vm.addr(_keys[i]), true);
            ghostIsVerifier[vm.addr(_keys[i])] = true;
        }
        registry.setQuorum(2);
        registry.setSamplingRate(0.5e18);
        ghostRate = 0.5e18;
    }

    // ------------------------------------------------------------------ actions

    function recordSeed(uint256 epochSeed_, uint256 hashSeed) external {
        uint64 epoch = uint64(bound(epochSeed_, 0, EPOCHS - 1));
        uint256 closing = registry.closingBlock(epoch);
        if (block.number <= closing) vm.roll(closing + 1);
        bytes32 h = keccak256(abi.encode(hashSeed));
        if (block.number - closing <= 256) vm.setBlockhash(closing, h);
        try registry.recordEpochSeed(epoch) returns (bytes32 seed) {
            ghostSeed[epoch] = seed;
            ghostEpochRate[epoch] = ghostRate;
            ++recordedSeeds;
        } catch {}
    }

    /// @param signerBits Bits 0..2 pick the verifier keys that sign.
    /// @param variant 0..63: `variant % 16` in 1..3 makes the attestation malformed (passed, equal outputs, evidence
    /// swapped after signing); `variant / 16` = 2 breaks the signature order, 3 adds the outsider's signature.
    /// Value 0 (the fuzzer's favourite) is a well-formed submission.
    /// @param submitterSeed 0..3 submits from key 0..3 (3 is the outsider, keys may have been disabled), 4 from the
    /// attested provider.
    function submitFail(
        uint256 epochSeed_,
        uint256 jobSeed,
        uint256 providerSeed,
        uint8 signerBits,
        uint8 variant,
        uint8 submitterSeed
    ) external {
        uint64 epoch = uint64(bound(epochSeed_, 0, EPOCHS - 1));
        variant = uint8(bound(variant, 0, 63));
        uint256 flaw = variant % 16;
        IAttestationRegistry.Attestation memory a = IAttestationRegistry.Attestation({
            epoch: epoch,
            jobId: jobId(bound(jobSeed, 0, JOBS - 1)),
            provider: _providers[bound(providerSeed, 0, PROVIDERS - 1)],
            role: Roles.COMPUTE,
            specHash: keccak256("spec"),
            claimedOutputHash: keccak256("claimed"),
            recomputedOutputHash: keccak256("recomputed"),
            passed: flaw == 1,
            evidenceHash: bytes32(0)
        });
        a.evidenceHash = evidenceOf(epoch, a.jobId);
        if (flaw == 2) a.recomputedOutputHash = a.claimedOutputHash;

        bool outsider = variant / 16 == 3;
        uint256 n = outsider ? 1 : 0;
        for (uint256 i = 0; i < 3; ++i) {
            if ((signerBits >> i) & 1 == 1) ++n;
        }
        uint256[] memory chosen = new uint256[](n);
        uint256 k;
        for (uint256 i = 0; i < 3; ++i) {
            if ((signerBits >> i) & 1 == 1) chosen[k++] = _keys[i];
        }
        if (outsider) chosen[k] = _keys[3];
        bytes[] memory sigs = _signSorted(chosen, _digest(a, block.chainid, address(registry)));
        if (variant / 16 == 2 && n > 1) (sigs[0], sigs[n - 1]) = (sigs[n - 1], sigs[0]);
        // Signed, then the evidence is swapped: the signatures no longer match.
        if (flaw == 3) a.evidenceHash = keccak256(abi.encode(a.evidenceHash));

        uint256 s = bound(submitterSeed, 0, KEYS);
        address submitter = s < KEYS ? vm.addr(_keys[s]) : a.provider;
        if (!ghostIsVerifier[submitter]) ++nonVerifierSubmitCalls;
        vm.prank(submitter);
        try registry.submitFailAttestation(a, sigs) {
            ++ghostAcceptedCount[epoch][a.jobId];
            ++ghostAcceptedTotal;
            ghostFailed[epoch][a.provider] = true;
            ghostLastFinder = submitter;
            if (!ghostIsVerifier[submitter]) ++ghostAcceptedFromNonVerifier;
            if (uint256(keccak256(abi.encode(ghostSeed[epoch], a.jobId))) % 1e18 >= ghostEpochRate[epoch]) {
                ++ghostAcceptedUnsampled;
            }
            ++acceptedCalls;
        } catch {
            ++rejectedSubmitCalls;
        }
    }

    function commitPass(uint256 keySeed, uint256 epochSeed_, bytes32 root, uint32 count) external {
        uint64 epoch = uint64(bound(epochSeed_, 0, EPOCHS - 1));
        address v = vm.addr(_keys[bound(keySeed, 0, KEYS - 1)]);
        vm.prank(v);
        try registry.commitPassAttestations(epoch, root, count) {
            ghostCommitted[epoch][v] = true;
        } catch {}
    }

    /// @dev Enables three times in four so that quorums stay reachable most of the time.
    function setVerifier(uint256 keySeed, uint8 enableSeed) external {
        address v = vm.addr(_keys[bound(keySeed, 0, KEYS - 1)]);
        bool enabled = enableSeed % 4 != 0;
        registry.setVerifier(v, enabled);
        ghostIsVerifier[v] = enabled;
    }

    /// @dev Quorum 1..3 (of 3 verifier keys; 4 only with the outsider enabled would block every submission).
    function setQuorum(uint256 q) external {
        registry.setQuorum(bound(q, 1, 3));
    }

    /// @dev Rate 10%..100%: lower rates are covered by the unit tests and would starve the campaign. Epochs already
    /// seeded keep their frozen rate.
    function setSamplingRate(uint256 rate) external {
        rate = bound(rate, 0.1e18, 1e18);
        registry.setSamplingRate(rate);
        ghostRate = rate;
    }

    // ------------------------------------------------------------------ views for the invariants

    function jobId(uint256 i) public pure returns (bytes32) {
        return keccak256(abi.encode("job", i));
    }

    function evidenceOf(uint64 epoch, bytes32 jobId_) public pure returns (bytes32) {
        return keccak256(abi.encode("evidence", epoch, jobId_));
    }

    function providerAt(uint256 i) external view returns (address) {
        return _providers[i];
    }

    function keyAddressAt(uint256 i) external view returns (address) {
        return vm.addr(_keys[i]);
    }
}
