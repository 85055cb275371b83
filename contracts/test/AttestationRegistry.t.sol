// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {AttestationRegistry} from "../src/AttestationRegistry.sol";
import {OctoToken} from "../src/OctoToken.sol";
import {RoleToken} from "../src/RoleToken.sol";
import {StakingManager} from "../src/StakingManager.sol";
import {IAttestationRegistry} from "../src/interfaces/IAttestationRegistry.sol";
import {IStakingManager} from "../src/interfaces/IStakingManager.sol";
import {Roles} from "../src/libraries/Roles.sol";

import {AttestationSigner} from "./utils/AttestationSigner.sol";
import {SlashRecorder} from "./utils/SlashRecorder.sol";

/// @notice Shared fixture: a registry over a recording staking double, three verifiers (quorum 2), helpers to
/// record seeds, find sampled jobs and build/sign/submit fail attestations. Fail attestations are submitted by
/// `finder`, the third verifier (PK3), which is not among the default signers (PK1 + PK2): the submitter must be a
/// verifier but need not sign.
abstract contract AttestationRegistryFixture is AttestationSigner {
    uint256 internal constant GENESIS = 100;
    uint256 internal constant LENGTH = 10;
    uint256 internal constant WAD = 1e18;

    bytes32 internal constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    AttestationRegistry internal registry;
    SlashRecorder internal recorder;

    address internal admin;
    address internal provider;
    /// @dev The submitting verifier (vm.addr(PK3)): it receives the finder share.
    address internal finder;
    address internal stranger;

    uint256 internal constant PK1 = 0xA11CE;
    uint256 internal constant PK2 = 0xB0B;
    uint256 internal constant PK3 = 0xC4A5E;
    uint256 internal constant PK_OUTSIDER = 0xBAD;

    function setUp() public virtual {
        admin = makeAddr("admin");
        provider = makeAddr("provider");
        finder = vm.addr(PK3);
        vm.label(finder, "finder (verifier PK3)");
        stranger = makeAddr("stranger");

        recorder = new SlashRecorder();
        registry = new AttestationRegistry(address(recorder), GENESIS, LENGTH, admin);

        vm.startPrank(admin);
        registry.setVerifier(vm.addr(PK1), true);
        registry.setVerifier(vm.addr(PK2), true);
        registry.setVerifier(vm.addr(PK3), true);
        registry.setQuorum(2);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Rolls past the closing block of `epoch` if needed, sets its hash and records the seed.
    function _recordSeed(uint64 epoch, bytes32 seed) internal {
        uint256 closing = registry.closingBlock(epoch);
        if (block.number <= closing) vm.roll(closing + 1);
        vm.setBlockhash(closing, seed);
        registry.recordEpochSeed(epoch);
    }

    function _sampledByFormula(bytes32 seed, bytes32 jobId, uint256 rate) internal pure returns (bool) {
        return uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < rate;
    }

    /// @dev First jobId = keccak256(salt, i) in the sample set of `seed` at the registry's current rate.
    function _sampledJob(bytes32 seed, uint256 salt) internal view returns (bytes32 jobId) {
        uint256 rate = registry.samplingRateWad();
        require(rate > 0, "rate 0");
        for (uint256 i = 0;; ++i) {
            jobId = keccak256(abi.encode(salt, i));
            if (_sampledByFormula(seed, jobId, rate)) return jobId;
        }
    }

    /// @dev First jobId = keccak256(salt, i) NOT in the sample set of `seed` at the registry's current rate.
    function _unsampledJob(bytes32 seed, uint256 salt) internal view returns (bytes32 jobId) {
        uint256 rate = registry.samplingRateWad();
        for (uint256 i = 0;; ++i) {
            jobId = keccak256(abi.encode(salt, i));
            if (!_sampledByFormula(seed, jobId, rate)) return jobId;
        }
    }

    /// @dev Submits as `finder` (a verifier).
    function _submit(IAttestationRegistry.Attestation memory a, bytes[] memory sigs) internal {
        vm.prank(finder);
        registry.submitFailAttestation(a, sigs);
    }

    function _failAttestation(uint64 epoch, bytes32 jobId)
        internal
        view
        returns (IAttestationRegistry.Attestation memory a)
    {
        a = IAttestationRegistry.Attestation({
            epoch: epoch,
            jobId: jobId,
            provider: provider,
            role: Roles.COMPUTE,
            specHash: keccak256("spec"),
            claimedOutputHash: keccak256("claimed"),
            recomputedOutputHash: keccak256("recomputed"),
            passed: false,
            evidenceHash: keccak256(abi.encode("evidence", epoch, jobId))
        });
    }

    function _keys2(uint256 a, uint256 b) internal pure returns (uint256[] memory k) {
        k = new uint256[](2);
        k[0] = a;
        k[1] = b;
    }

    function _keys3(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory k) {
        k = new uint256[](3);
        k[0] = a;
        k[1] = b;
        k[2] = c;
    }

    function _registryDigest(IAttestationRegistry.Attestation memory a) internal view returns (bytes32) {
        return _digest(a, block.chainid, address(registry));
    }

    /// @dev PK1 + PK2, sorted: a valid 2-of-3 quorum over `a`.
    function _quorumSigsFor(IAttestationRegistry.Attestation memory a) internal view returns (bytes[] memory) {
        return _signSorted(_keys2(PK1, PK2), _registryDigest(a));
    }

    /// @dev Records the seed of `epoch` and returns a sampled fail attestation with a valid 2-of-3 quorum.
    function _readyAttestation(uint64 epoch, bytes32 seed, uint256 salt)
        internal
        returns (IAttestationRegistry.Attestation memory a, bytes[] memory sigs)
    {
        _recordSeed(epoch, seed);
        a = _failAttestation(epoch, _sampledJob(seed, salt));
        sigs = _quorumSigsFor(a);
    }
}

contract AttestationRegistryTest is AttestationRegistryFixture {
    // ------------------------------------------------------------------ constructor

    function test_constructor_setsImmutablesDefaultsAndRoles() public {
        AttestationRegistry r = new AttestationRegistry(address(recorder), 7, 50, admin);
        vm.assertEq(r.staking(), address(recorder));
        vm.assertEq(r.epochGenesisBlock(), 7);
        vm.assertEq(r.epochLength(), 50);
        vm.assertEq(r.quorum(), 1);
        vm.assertEq(r.samplingRateWad(), 0.05e18);
        vm.assertEq(r.slashFractionWad(), 0.1e18);
        vm.assertEq(r.verifierCount(), 0);
        vm.assertTrue(r.hasRole(r.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertTrue(r.hasRole(GOVERNANCE_ROLE, admin));
        vm.assertEq(r.GOVERNANCE_ROLE(), GOVERNANCE_ROLE);
        vm.assertEq(r.ATTESTATION_TYPEHASH(), ATTESTATION_TYPEHASH_SPEC);
        vm.assertFalse(r.hasRole(GOVERNANCE_ROLE, address(this)));
    }

    function test_constructor_emitsDefaultParameters() public {
        vm.expectEmit(false, false, false, true);
        emit IAttestationRegistry.QuorumSet(1);
        vm.expectEmit(false, false, false, true);
        emit IAttestationRegistry.SamplingRateSet(0.05e18);
        vm.expectEmit(false, false, false, true);
        emit IAttestationRegistry.SlashFractionSet(0.1e18);
        new AttestationRegistry(address(recorder), 0, 1, admin);
    }

    function test_constructor_revertsWith_AttestationInvalidParameter_whenStakingZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        new AttestationRegistry(address(0), GENESIS, LENGTH, admin);
    }

    function test_constructor_revertsWith_AttestationInvalidParameter_whenAdminZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        new AttestationRegistry(address(recorder), GENESIS, LENGTH, address(0));
    }

    function test_constructor_revertsWith_AttestationInvalidParameter_whenEpochLengthZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        new AttestationRegistry(address(recorder), GENESIS, 0, admin);
    }

    function test_constructor_revertsWith_AttestationInvalidParameter_whenEpochLengthAbove64Bits() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        new AttestationRegistry(address(recorder), GENESIS, uint256(type(uint64).max) + 1, admin);
    }

    function test_constructor_revertsWith_AttestationInvalidParameter_whenGenesisAbove64Bits() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        new AttestationRegistry(address(recorder), uint256(type(uint64).max) + 1, LENGTH, admin);
    }

    // ------------------------------------------------------------------ EIP-712 domain

    function test_eip712Domain_isCipherOctoAttestationRegistryV1() public view {
        (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId_,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        ) = IERC5267(address(registry)).eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f);
        vm.assertEq(name, "CipherOcto AttestationRegistry");
        vm.assertEq(version, "1");
        vm.assertEq(chainId_, block.chainid);
        vm.assertEq(verifyingContract, address(registry));
        vm.assertEq(salt, bytes32(0));
        vm.assertEq(extensions.length, 0);
    }

    function test_domainSeparator_matchesSpec() public view {
        vm.assertEq(registry.domainSeparator(), _domainSeparator(block.chainid, address(registry)));
    }

    function test_domainSeparator_followsChainIdChange() public {
        vm.chainId(31_337_000);
        vm.assertEq(registry.domainSeparator(), _domainSeparator(31_337_000, address(registry)));
    }

    function test_supportsInterface_accessControl() public view {
        vm.assertTrue(registry.supportsInterface(type(IAccessControl).interfaceId));
        vm.assertFalse(registry.supportsInterface(0xdeadbeef));
    }

    // ------------------------------------------------------------------ closingBlock

    function test_closingBlock_isLastBlockOfEpoch() public view {
        vm.assertEq(registry.closingBlock(0), 109);
        vm.assertEq(registry.closingBlock(1), 119);
        vm.assertEq(registry.closingBlock(41), 100 + 42 * 10 - 1);
    }

    function test_closingBlock_maxValuesDoNotOverflow() public {
        AttestationRegistry r =
            new AttestationRegistry(address(recorder), type(uint64).max, type(uint64).max, admin);
        uint256 expected = uint256(type(uint64).max) + (uint256(type(uint64).max) + 1) * type(uint64).max - 1;
        vm.assertEq(r.closingBlock(type(uint64).max), expected);
    }

    function testFuzz_closingBlock_matchesFormula(uint64 genesis, uint64 length, uint64 epoch) public {
        length = uint64(bound(length, 1, type(uint64).max));
        AttestationRegistry r = new AttestationRegistry(address(recorder), genesis, length, admin);
        uint256 closing = r.closingBlock(epoch);
        vm.assertEq(closing, uint256(genesis) + (uint256(epoch) + 1) * length - 1);
        // Epochs tile the chain: epoch e + 1 starts right after epoch e closes.
        if (epoch > 0) vm.assertEq(r.closingBlock(epoch - 1) + length, closing);
    }

    // ------------------------------------------------------------------ recordEpochSeed

    function test_recordEpochSeed_recordsClosingBlockHash() public {
        bytes32 seed = keccak256("seed-0");
        vm.roll(110);
        vm.setBlockhash(109, seed);
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.EpochSeedRecorded(0, 109, seed, 0.05e18);
        vm.prank(stranger);
        bytes32 got = registry.recordEpochSeed(0);
        vm.assertEq(got, seed);
        vm.assertEq(registry.epochSeed(0), seed);
        vm.assertEq(registry.epochSamplingRateWad(0), 0.05e18);
        vm.assertEq(registry.epochSeed(1), bytes32(0));
        vm.assertEq(registry.epochSamplingRateWad(1), 0);
    }

    function test_recordEpochSeed_freezesRateInForcePerEpoch() public {
        vm.prank(admin);
        registry.setSamplingRate(0.3e18);
        vm.roll(registry.closingBlock(0) + 1);
        vm.setBlockhash(registry.closingBlock(0), keccak256("s0"));
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.EpochSeedRecorded(0, registry.closingBlock(0), keccak256("s0"), 0.3e18);
        registry.recordEpochSeed(0);

        vm.prank(admin);
        registry.setSamplingRate(0.7e18);
        vm.roll(registry.closingBlock(1) + 1);
        vm.setBlockhash(registry.closingBlock(1), keccak256("s1"));
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.EpochSeedRecorded(1, registry.closingBlock(1), keccak256("s1"), 0.7e18);
        registry.recordEpochSeed(1);

        vm.assertEq(registry.epochSamplingRateWad(0), 0.3e18);
        vm.assertEq(registry.epochSamplingRateWad(1), 0.7e18);
        vm.assertEq(registry.samplingRateWad(), 0.7e18);
    }

    function testFuzz_recordEpochSeed_rateUnaffectedByLaterChanges(uint256 rateAtSeed, uint256 rateAfter) public {
        rateAtSeed = bound(rateAtSeed, 0, WAD);
        rateAfter = bound(rateAfter, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rateAtSeed);
        _recordSeed(0, keccak256("s"));
        vm.prank(admin);
        registry.setSamplingRate(rateAfter);
        vm.assertEq(registry.epochSamplingRateWad(0), rateAtSeed);
        vm.assertEq(registry.samplingRateWad(), rateAfter);
    }

    function test_recordEpochSeed_worksAt256BlocksAfterClosing() public {
        bytes32 seed = keccak256("late");
        vm.roll(109 + 256);
        vm.setBlockhash(109, seed);
        vm.assertEq(registry.recordEpochSeed(0), seed);
    }

    function test_recordEpochSeed_laterEpochBeforeEarlier() public {
        _recordSeed(3, keccak256("s3"));
        vm.assertEq(registry.epochSeed(3), keccak256("s3"));
        vm.assertEq(registry.epochSeed(2), bytes32(0));
        // Epoch 2 closed earlier and its hash is still available.
        vm.setBlockhash(registry.closingBlock(2), keccak256("s2"));
        registry.recordEpochSeed(2);
        vm.assertEq(registry.epochSeed(2), keccak256("s2"));
    }

    function test_recordEpochSeed_revertsWith_AttestationEpochNotClosed_whenAtClosingBlock() public {
        vm.roll(109);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotClosed.selector, 0, 109));
        registry.recordEpochSeed(0);
    }

    function test_recordEpochSeed_revertsWith_AttestationEpochNotClosed_whenBeforeGenesis() public {
        vm.roll(5);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotClosed.selector, 2, 129));
        registry.recordEpochSeed(2);
    }

    function test_recordEpochSeed_revertsWith_AttestationSeedUnavailable_whenOlderThan256Blocks() public {
        vm.roll(109 + 257);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedUnavailable.selector, 0, 109));
        registry.recordEpochSeed(0);
    }

    function test_recordEpochSeed_revertsWith_AttestationSeedUnavailable_whenBlockhashZero() public {
        vm.roll(110);
        vm.setBlockhash(109, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedUnavailable.selector, 0, 109));
        registry.recordEpochSeed(0);
    }

    function test_recordEpochSeed_revertsWith_AttestationSeedAlreadyRecorded_whenRecordedTwice() public {
        _recordSeed(0, keccak256("s"));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedAlreadyRecorded.selector, 0));
        registry.recordEpochSeed(0);
        vm.assertEq(registry.epochSeed(0), keccak256("s"));
    }

    function testFuzz_recordEpochSeed_availabilityWindow(uint64 epoch, uint256 delay, bytes32 seed) public {
        epoch = uint64(bound(epoch, 0, 1_000_000));
        delay = bound(delay, 1, 600);
        vm.assume(seed != bytes32(0));
        uint256 closing = registry.closingBlock(epoch);
        vm.roll(closing + delay);
        if (delay <= 256) {
            vm.setBlockhash(closing, seed);
            vm.assertEq(registry.recordEpochSeed(epoch), seed);
            vm.assertEq(registry.epochSeed(epoch), seed);
        } else {
            vm.expectRevert(
                abi.encodeWithSelector(IAttestationRegistry.AttestationSeedUnavailable.selector, epoch, closing)
            );
            registry.recordEpochSeed(epoch);
        }
    }

    // ------------------------------------------------------------------ isSampled

    function testFuzz_isSampled_matchesFormula(bytes32 seed, bytes32 jobId, uint256 rate) public {
        rate = bound(rate, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rate);
        vm.assertEq(registry.isSampled(seed, jobId), uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < rate);
    }

    function testFuzz_isSampled_rateZeroSamplesNothing(bytes32 seed, bytes32 jobId) public {
        vm.prank(admin);
        registry.setSamplingRate(0);
        vm.assertFalse(registry.isSampled(seed, jobId));
    }

    function testFuzz_isSampled_rateOneSamplesEverything(bytes32 seed, bytes32 jobId) public {
        vm.prank(admin);
        registry.setSamplingRate(WAD);
        vm.assertTrue(registry.isSampled(seed, jobId));
    }

    function test_isSampled_defaultRateSamplesAboutFivePercent() public view {
        bytes32 seed = keccak256("seed");
        uint256 hits;
        for (uint256 i = 0; i < 2000; ++i) {
            if (registry.isSampled(seed, bytes32(i))) ++hits;
        }
        // Binomial(2000, 0.05): mean 100, sd ~9.7. Deterministic here; the bounds are > 4 sd wide.
        vm.assertGe(hits, 60);
        vm.assertLe(hits, 140);
    }

    // ------------------------------------------------------------------ isSampledInEpoch

    function testFuzz_isSampledInEpoch_matchesFormula(bytes32 seed, bytes32 jobId, uint256 rate) public {
        vm.assume(seed != bytes32(0));
        rate = bound(rate, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rate);
        _recordSeed(0, seed);
        vm.assertEq(
            registry.isSampledInEpoch(0, jobId),
            uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < registry.epochSamplingRateWad(0)
        );
        vm.assertEq(registry.isSampledInEpoch(0, jobId), _sampledByFormula(seed, jobId, rate));
    }

    /// @dev Raising or lowering the rate after the seed is recorded changes `isSampled` (current rate) but not
    /// `isSampledInEpoch`.
    function testFuzz_isSampledInEpoch_ignoresRateChangeAfterSeed(
        bytes32 seed,
        bytes32 jobId,
        uint256 rateAtSeed,
        uint256 rateAfter
    ) public {
        vm.assume(seed != bytes32(0));
        rateAtSeed = bound(rateAtSeed, 0, WAD);
        rateAfter = bound(rateAfter, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rateAtSeed);
        _recordSeed(0, seed);
        bool before = registry.isSampledInEpoch(0, jobId);
        vm.assertEq(before, _sampledByFormula(seed, jobId, rateAtSeed));
        vm.prank(admin);
        registry.setSamplingRate(rateAfter);
        vm.assertEq(registry.isSampledInEpoch(0, jobId), before);
        vm.assertEq(registry.isSampled(seed, jobId), _sampledByFormula(seed, jobId, rateAfter));
    }

    function test_isSampledInEpoch_falseWithoutSeed() public {
        vm.prank(admin);
        registry.setSamplingRate(WAD);
        vm.assertFalse(registry.isSampledInEpoch(0, keccak256("job")));
        vm.assertTrue(registry.isSampled(keccak256("s"), keccak256("job")));
        _recordSeed(0, keccak256("s"));
        vm.assertTrue(registry.isSampledInEpoch(0, keccak256("job")));
        vm.assertFalse(registry.isSampledInEpoch(1, keccak256("job")));
    }

    function test_isSampledInEpoch_raisedRateDoesNotAddJobs() public {
        bytes32 seed = keccak256("s");
        _recordSeed(0, seed);
        bytes32 jobId = _unsampledJob(seed, 1);
        vm.prank(admin);
        registry.setSamplingRate(WAD);
        vm.assertTrue(registry.isSampled(seed, jobId));
        vm.assertFalse(registry.isSampledInEpoch(0, jobId));
    }

    function test_isSampledInEpoch_loweredRateDoesNotRemoveJobs() public {
        bytes32 seed = keccak256("s");
        _recordSeed(0, seed);
        bytes32 jobId = _sampledJob(seed, 1);
        vm.prank(admin);
        registry.setSamplingRate(0);
        vm.assertFalse(registry.isSampled(seed, jobId));
        vm.assertTrue(registry.isSampledInEpoch(0, jobId));
    }

    // ------------------------------------------------------------------ commitPassAttestations

    function test_commitPassAttestations_storesCommitment() public {
        _recordSeed(0, keccak256("s"));
        vm.warp(1_700_000_000);
        address v = vm.addr(PK1);
        vm.expectEmit(true, true, false, true, address(registry));
        emit IAttestationRegistry.PassAttestationsCommitted(0, v, keccak256("root"), 42);
        vm.prank(v);
        registry.commitPassAttestations(0, keccak256("root"), 42);
        IAttestationRegistry.PassCommitment memory c = registry.passCommitment(0, v);
        vm.assertEq(c.attestationsRoot, keccak256("root"));
        vm.assertEq(uint256(c.count), 42);
        vm.assertEq(uint256(c.committedAt), 1_700_000_000);
        // Other verifiers and epochs are untouched.
        vm.assertEq(uint256(registry.passCommitment(0, vm.addr(PK2)).committedAt), 0);
        vm.assertEq(uint256(registry.passCommitment(1, v).committedAt), 0);
    }

    function test_commitPassAttestations_eachVerifierOncePerEpoch() public {
        _recordSeed(0, keccak256("s0"));
        _recordSeed(1, keccak256("s1"));
        vm.prank(vm.addr(PK1));
        registry.commitPassAttestations(0, keccak256("a"), 1);
        vm.prank(vm.addr(PK2));
        registry.commitPassAttestations(0, keccak256("b"), 2);
        vm.prank(vm.addr(PK1));
        registry.commitPassAttestations(1, keccak256("c"), 3);
        vm.assertEq(registry.passCommitment(0, vm.addr(PK2)).attestationsRoot, keccak256("b"));
        vm.assertEq(registry.passCommitment(1, vm.addr(PK1)).attestationsRoot, keccak256("c"));
    }

    function test_commitPassAttestations_allowsEmptyCommitment() public {
        _recordSeed(0, keccak256("s"));
        vm.prank(vm.addr(PK3));
        registry.commitPassAttestations(0, bytes32(0), 0);
        vm.assertEq(uint256(registry.passCommitment(0, vm.addr(PK3)).committedAt), block.timestamp);
    }

    function test_commitPassAttestations_revertsWith_AttestationNotVerifier_whenCallerNotVerifier() public {
        _recordSeed(0, keccak256("s"));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, stranger));
        vm.prank(stranger);
        registry.commitPassAttestations(0, keccak256("root"), 1);
    }

    function test_commitPassAttestations_revertsWith_AttestationNotVerifier_whenVerifierDisabled() public {
        _recordSeed(0, keccak256("s"));
        address v = vm.addr(PK1);
        vm.prank(admin);
        registry.setVerifier(v, false);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, v));
        vm.prank(v);
        registry.commitPassAttestations(0, keccak256("root"), 1);
    }

    function test_commitPassAttestations_revertsWith_AttestationSeedNotRecorded_whenEpochOpen() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedNotRecorded.selector, 0));
        vm.prank(vm.addr(PK1));
        registry.commitPassAttestations(0, keccak256("root"), 1);
    }

    function test_commitPassAttestations_revertsWith_AttestationAlreadyCommitted_whenCommittedTwice() public {
        _recordSeed(0, keccak256("s"));
        address v = vm.addr(PK1);
        vm.startPrank(v);
        registry.commitPassAttestations(0, keccak256("root"), 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadyCommitted.selector, 0, v));
        registry.commitPassAttestations(0, keccak256("other"), 2);
        vm.stopPrank();
        vm.assertEq(registry.passCommitment(0, v).attestationsRoot, keccak256("root"));
    }

    // ------------------------------------------------------------------ attestationDigest

    function testFuzz_attestationDigest_matchesEip712Spec(IAttestationRegistry.Attestation memory a) public view {
        vm.assertEq(registry.attestationDigest(a), _digest(a, block.chainid, address(registry)));
    }

    function testFuzz_attestationDigest_bindsEveryField(IAttestationRegistry.Attestation memory a, uint8 which)
        public
        view
    {
        IAttestationRegistry.Attestation memory b = _copy(a);
        which = uint8(bound(which, 0, 8));
        if (which == 0) b.epoch = a.epoch ^ 1;
        else if (which == 1) b.jobId = a.jobId ^ bytes32(uint256(1));
        else if (which == 2) b.provider = address(uint160(a.provider) ^ 1);
        else if (which == 3) b.role = a.role ^ 1;
        else if (which == 4) b.specHash = a.specHash ^ bytes32(uint256(1));
        else if (which == 5) b.claimedOutputHash = a.claimedOutputHash ^ bytes32(uint256(1));
        else if (which == 6) b.recomputedOutputHash = a.recomputedOutputHash ^ bytes32(uint256(1));
        else if (which == 7) b.passed = !a.passed;
        else b.evidenceHash = a.evidenceHash ^ bytes32(uint256(1));
        vm.assertNotEq(registry.attestationDigest(a), registry.attestationDigest(b));
    }

    function test_attestationDigest_followsChainIdChange() public {
        IAttestationRegistry.Attestation memory a = _failAttestation(0, keccak256("job"));
        bytes32 before = registry.attestationDigest(a);
        vm.chainId(999);
        vm.assertEq(registry.attestationDigest(a), _digest(a, 999, address(registry)));
        vm.assertNotEq(registry.attestationDigest(a), before);
    }

    function _copy(IAttestationRegistry.Attestation memory a)
        internal
        pure
        returns (IAttestationRegistry.Attestation memory)
    {
        return IAttestationRegistry.Attestation(
            a.epoch,
            a.jobId,
            a.provider,
            a.role,
            a.specHash,
            a.claimedOutputHash,
            a.recomputedOutputHash,
            a.passed,
            a.evidenceHash
        );
    }

    // ------------------------------------------------------------------ submitFailAttestation: success

    function test_submitFailAttestation_slashesThroughStaking() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);

        vm.expectCall(
            address(recorder),
            abi.encodeCall(SlashRecorder.slash, (provider, Roles.COMPUTE, 0.1e18, a.evidenceHash, finder))
        );
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.FailAttestationAccepted(
            0,
            a.jobId,
            provider,
            Roles.COMPUTE,
            a.claimedOutputHash,
            a.recomputedOutputHash,
            a.evidenceHash,
            finder,
            2
        );
        _submit(a, sigs);

        vm.assertTrue(registry.slashed(0, a.jobId));
        vm.assertTrue(registry.failedInEpoch(0, provider));
        vm.assertFalse(registry.failedInEpoch(1, provider));
        vm.assertFalse(registry.failedInEpoch(0, stranger));
        vm.assertEq(recorder.callCount(), 1);
        SlashRecorder.SlashCall memory c = recorder.callAt(0);
        vm.assertEq(c.caller, address(registry));
        vm.assertEq(c.provider, provider);
        vm.assertEq(uint256(c.role), uint256(Roles.COMPUTE));
        vm.assertEq(c.fractionWad, 0.1e18);
        vm.assertEq(c.evidenceHash, a.evidenceHash);
        vm.assertEq(c.finder, finder);
    }

    function test_submitFailAttestation_acceptsMoreSignersThanQuorum() public {
        _recordSeed(0, keccak256("s"));
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(keccak256("s"), 1));
        bytes[] memory sigs = _signSorted(_keys3(PK1, PK2, PK3), _registryDigest(a));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.FailAttestationAccepted(
            0,
            a.jobId,
            provider,
            Roles.COMPUTE,
            a.claimedOutputHash,
            a.recomputedOutputHash,
            a.evidenceHash,
            finder,
            3
        );
        _submit(a, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    function test_submitFailAttestation_usesCurrentSlashFraction() public {
        vm.prank(admin);
        registry.setSlashFraction(0.37e18);
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        _submit(a, sigs);
        vm.assertEq(recorder.callAt(0).fractionWad, 0.37e18);
    }

    function test_submitFailAttestation_slashesAgainForAnotherJobOfSameProvider() public {
        bytes32 seed = keccak256("s");
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, seed, 1);
        _submit(a, sigs);
        IAttestationRegistry.Attestation memory b = _failAttestation(0, _sampledJob(seed, 2));
        vm.assertNotEq(a.jobId, b.jobId);
        _submit(b, _quorumSigsFor(b));
        vm.assertEq(recorder.callCount(), 2);
        vm.assertTrue(registry.slashed(0, b.jobId));
        vm.assertTrue(registry.failedInEpoch(0, provider));
    }

    function test_submitFailAttestation_sameJobIdInAnotherEpochIsIndependent() public {
        // Sampling everything so one jobId is sampled in both epochs.
        vm.prank(admin);
        registry.setSamplingRate(WAD);
        _recordSeed(0, keccak256("s0"));
        _recordSeed(1, keccak256("s1"));
        IAttestationRegistry.Attestation memory a = _failAttestation(0, keccak256("job"));
        _submit(a, _quorumSigsFor(a));
        IAttestationRegistry.Attestation memory b = _failAttestation(1, keccak256("job"));
        _submit(b, _quorumSigsFor(b));
        vm.assertTrue(registry.slashed(0, keccak256("job")));
        vm.assertTrue(registry.slashed(1, keccak256("job")));
        vm.assertTrue(registry.failedInEpoch(1, provider));
    }

    function test_submitFailAttestation_acceptsSampledJob_whenRateLoweredAfterSeed() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        // No job is sampled at the new rate, but epoch 0 keeps the 5% frozen when its seed was recorded.
        vm.prank(admin);
        registry.setSamplingRate(0);
        vm.assertFalse(registry.isSampled(keccak256("s"), a.jobId));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.FailAttestationAccepted(
            0,
            a.jobId,
            provider,
            Roles.COMPUTE,
            a.claimedOutputHash,
            a.recomputedOutputHash,
            a.evidenceHash,
            finder,
            2
        );
        _submit(a, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
        vm.assertEq(recorder.callCount(), 1);
    }

    /// @dev Whatever the rate at seed time and after, acceptance follows the rate frozen with the seed.
    function testFuzz_submitFailAttestation_usesRateFrozenWithSeed(
        bytes32 seed,
        bytes32 jobId,
        uint256 rateAtSeed,
        uint256 rateAfter
    ) public {
        vm.assume(seed != bytes32(0));
        rateAtSeed = bound(rateAtSeed, 0, WAD);
        rateAfter = bound(rateAfter, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rateAtSeed);
        _recordSeed(0, seed);
        vm.prank(admin);
        registry.setSamplingRate(rateAfter);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, jobId);
        bytes[] memory sigs = _quorumSigsFor(a);
        if (_sampledByFormula(seed, jobId, rateAtSeed)) {
            _submit(a, sigs);
            vm.assertTrue(registry.slashed(0, jobId));
            vm.assertEq(recorder.callCount(), 1);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, jobId));
            _submit(a, sigs);
            vm.assertEq(recorder.callCount(), 0);
        }
    }

    function test_submitFailAttestation_quorumOneAcceptsSingleVerifier() public {
        vm.prank(admin);
        registry.setQuorum(1);
        _recordSeed(0, keccak256("s"));
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(keccak256("s"), 1));
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK3, _registryDigest(a));
        _submit(a, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    // ------------------------------------------------------------------ submitFailAttestation: reverts

    function test_submitFailAttestation_revertsWith_AttestationNotAFailure_whenPassed() public {
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        a.passed = true;
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotAFailure.selector));
        _submit(a, sigs);
        vm.assertEq(recorder.callCount(), 0);
    }

    function test_submitFailAttestation_revertsWith_AttestationOutputsMatch_whenHashesEqual() public {
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        a.recomputedOutputHash = a.claimedOutputHash;
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationOutputsMatch.selector));
        _submit(a, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
    }

    function test_submitFailAttestation_revertsWith_AttestationSeedNotRecorded_whenNoSeed() public {
        IAttestationRegistry.Attestation memory a = _failAttestation(0, keccak256("job"));
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.roll(500);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedNotRecorded.selector, 0));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationJobNotSampled_whenOutsideSample() public {
        bytes32 seed = keccak256("s");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _unsampledJob(seed, 1));
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, a.jobId)
        );
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationJobNotSampled_whenRateRaisedAfterSeed() public {
        bytes32 seed = keccak256("s");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _unsampledJob(seed, 1));
        bytes[] memory sigs = _quorumSigsFor(a);
        // Every job is sampled at the new rate, but epoch 0 keeps the 5% frozen when its seed was recorded.
        vm.prank(admin);
        registry.setSamplingRate(WAD);
        vm.assertTrue(registry.isSampled(seed, a.jobId));
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, a.jobId)
        );
        _submit(a, sigs);
        vm.assertEq(recorder.callCount(), 0);
    }

    function test_submitFailAttestation_revertsWith_AttestationNotVerifier_whenCallerIsNotAVerifier() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, stranger));
        vm.prank(stranger);
        registry.submitFailAttestation(a, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
        vm.assertFalse(registry.failedInEpoch(0, provider));
        vm.assertEq(recorder.callCount(), 0);
    }

    /// @dev The cheating provider cannot front-run the verifier with the quorum-signed attestation to recover the
    /// finder share of its own slash; the verifier's submission then goes through and pays the verifier.
    function test_submitFailAttestation_revertsWith_AttestationNotVerifier_whenCallerIsTheProvider() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, provider));
        vm.prank(provider);
        registry.submitFailAttestation(a, sigs);
        _submit(a, sigs);
        vm.assertEq(recorder.callCount(), 1);
        vm.assertEq(recorder.callAt(0).finder, finder);
    }

    function test_submitFailAttestation_revertsWith_AttestationNotVerifier_whenSubmitterDisabled() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        vm.prank(admin);
        registry.setVerifier(finder, false);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, finder));
        _submit(a, sigs);
        vm.assertEq(recorder.callCount(), 0);
    }

    /// @dev The caller check comes first: a non-verifier gets AttestationNotVerifier even for an attestation that
    /// fails every other check (passed, equal outputs, no seed, no signatures).
    function test_submitFailAttestation_revertsWith_AttestationNotVerifier_beforeAnyOtherCheck() public {
        IAttestationRegistry.Attestation memory a = _failAttestation(5, keccak256("job"));
        a.passed = true;
        a.recomputedOutputHash = a.claimedOutputHash;
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, stranger));
        vm.prank(stranger);
        registry.submitFailAttestation(a, new bytes[](0));
    }

    function testFuzz_submitFailAttestation_revertsWith_AttestationNotVerifier_forAnyNonVerifier(address caller)
        public
    {
        vm.assume(!registry.isVerifier(caller));
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, caller));
        vm.prank(caller);
        registry.submitFailAttestation(a, sigs);
        vm.assertEq(recorder.callCount(), 0);
    }

    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenResubmitted() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        _submit(a, sigs);
        // A different evidence hash or signer set does not make it a new slash.
        a.evidenceHash = keccak256("other evidence");
        bytes[] memory sigs2 = _signSorted(_keys2(PK2, PK3), _registryDigest(a));
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, a.jobId)
        );
        _submit(a, sigs2);
        vm.assertEq(recorder.callCount(), 1);
    }

    function test_submitFailAttestation_revertsWith_AttestationQuorumNotReached_whenTooFewSignatures() public {
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK1, _registryDigest(a));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, 1, 2));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationQuorumNotReached_whenNoSignatures() public {
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, 0, 1));
        _submit(a, new bytes[](0));
    }

    function test_submitFailAttestation_revertsWith_AttestationQuorumNotReached_whenQuorumAboveVerifierCount()
        public
    {
        vm.prank(admin);
        registry.setQuorum(4);
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        bytes[] memory sigs = _signSorted(_keys3(PK1, PK2, PK3), _registryDigest(a));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, 3, 4));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationSignersNotSorted_whenDescending() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSignersNotSorted.selector));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationSignersNotSorted_whenSignerRepeated() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        sigs[1] = sigs[0];
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSignersNotSorted.selector));
        _submit(a, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenSignerNotVerifier() public {
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        uint256[] memory keys = _sortKeysByAddress(_keys2(PK1, PK_OUTSIDER));
        uint256 outsiderIndex = keys[0] == PK_OUTSIDER ? 0 : 1;
        bytes[] memory sigs = _signSorted(keys, _registryDigest(a));
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, outsiderIndex)
        );
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenVerifierDisabled() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        uint256[] memory keys = _sortKeysByAddress(_keys2(PK1, PK2));
        vm.prank(admin);
        registry.setVerifier(vm.addr(keys[1]), false);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 1));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenSignatureLength64() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PK1, _registryDigest(a));
        // EIP-2098 compact form: not accepted (only 65-byte r || s || v).
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        sigs[0] = abi.encodePacked(r, vs);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenHighS() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        uint256[] memory keys = _sortKeysByAddress(_keys2(PK1, PK2));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[1], _registryDigest(a));
        // The malleable twin (r, N - s, flipped v) recovers the same signer but is rejected.
        sigs[1] = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 1));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenBadV() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        (, bytes32 r, bytes32 s) = vm.sign(PK1, _registryDigest(a));
        sigs[0] = abi.encodePacked(r, s, uint8(29));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenSignedOtherAttestation()
        public
    {
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        // Verifiers signed evidence X; the submitter swaps in evidence Y: the signatures no longer recover to them.
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK1, _registryDigest(a));
        a.evidenceHash = keccak256("forged evidence");
        vm.prank(admin);
        registry.setQuorum(1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWhen_stakingReverts() public {
        (IAttestationRegistry.Attestation memory a, bytes[] memory sigs) = _readyAttestation(0, keccak256("s"), 1);
        recorder.setShouldRevert(true);
        vm.expectRevert(abi.encodeWithSelector(SlashRecorder.SlashRecorderRevert.selector));
        _submit(a, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
        vm.assertFalse(registry.failedInEpoch(0, provider));
        // Once the staking side works, the same attestation goes through.
        recorder.setShouldRevert(false);
        _submit(a, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    // ------------------------------------------------------------------ submitFailAttestation: fuzz

    /// @dev Random verifier keys (1..8), random quorum and random signing subset: accepted iff the subset
    /// reaches the quorum.
    function testFuzz_submitFailAttestation_acceptedIffQuorum(uint256 keySeed, uint256 n, uint256 mask, uint256 q)
        public
    {
        n = bound(n, 1, 8);
        q = bound(q, 1, n);
        SlashRecorder rec = new SlashRecorder();
        AttestationRegistry r = new AttestationRegistry(address(rec), GENESIS, LENGTH, admin);
        uint256[] memory all = new uint256[](n);
        uint256 selectedCount;
        for (uint256 i = 0; i < n; ++i) {
            all[i] = _key(uint256(keccak256(abi.encode(keySeed, i))));
            if ((mask >> i) & 1 == 1) ++selectedCount;
        }
        uint256[] memory selected = new uint256[](selectedCount);
        uint256 k;
        vm.startPrank(admin);
        for (uint256 i = 0; i < n; ++i) {
            r.setVerifier(vm.addr(all[i]), true);
            if ((mask >> i) & 1 == 1) selected[k++] = all[i];
        }
        r.setQuorum(q);
        r.setSamplingRate(WAD);
        vm.stopPrank();
        vm.assertEq(r.verifierCount(), n);

        vm.roll(GENESIS + LENGTH);
        vm.setBlockhash(GENESIS + LENGTH - 1, keccak256(abi.encode(keySeed)));
        r.recordEpochSeed(0);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, bytes32(keySeed));
        bytes[] memory sigs = _signSorted(selected, _digest(a, block.chainid, address(r)));
        // Any verifier of `r` may submit, whether or not it signed.
        address submitter = vm.addr(all[n - 1]);

        if (selectedCount < q) {
            vm.expectRevert(
                abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, selectedCount, q)
            );
            vm.prank(submitter);
            r.submitFailAttestation(a, sigs);
            vm.assertFalse(r.slashed(0, a.jobId));
            vm.assertEq(rec.callCount(), 0);
        } else {
            vm.expectEmit(true, true, true, true, address(r));
            emit IAttestationRegistry.FailAttestationAccepted(
                0,
                a.jobId,
                provider,
                Roles.COMPUTE,
                a.claimedOutputHash,
                a.recomputedOutputHash,
                a.evidenceHash,
                submitter,
                selectedCount
            );
            vm.prank(submitter);
            r.submitFailAttestation(a, sigs);
            vm.assertTrue(r.slashed(0, a.jobId));
            vm.assertTrue(r.failedInEpoch(0, provider));
            vm.assertEq(rec.callCount(), 1);
            vm.assertEq(rec.callAt(0).finder, submitter);
        }
    }

    /// @dev A random non-verifier key mixed into a valid quorum is reported at its sorted position.
    function testFuzz_submitFailAttestation_rejectsNonVerifierAtItsIndex(uint256 outsiderSeed) public {
        uint256 outsider = _key(outsiderSeed);
        address o = vm.addr(outsider);
        vm.assume(o != vm.addr(PK1) && o != vm.addr(PK2) && o != vm.addr(PK3));
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        uint256[] memory keys = _sortKeysByAddress(_keys3(PK1, PK2, outsider));
        uint256 idx;
        while (keys[idx] != outsider) ++idx;
        bytes[] memory sigs = _signSorted(keys, _registryDigest(a));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, idx));
        _submit(a, sigs);
    }

    /// @dev Signatures under another chainId are rejected.
    function testFuzz_submitFailAttestation_rejectsOtherChainId(uint256 otherChainId, uint256 salt) public {
        vm.assume(otherChainId != block.chainid);
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), salt);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK1, _digest(a, otherChainId, address(registry)));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
        // The same verifier over the right domain is accepted.
        sigs[0] = _sign(PK1, _registryDigest(a));
        _submit(a, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    /// @dev Signatures for another verifying contract (e.g. a second deployment) are rejected.
    function testFuzz_submitFailAttestation_rejectsOtherVerifyingContract(address other, uint256 salt) public {
        vm.assume(other != address(registry));
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), salt);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK2, _digest(a, block.chainid, other));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
    }

    /// @dev After a chain split (chainId change) signatures made for the old chain no longer verify.
    function testFuzz_submitFailAttestation_rejectsOldChainAfterFork(uint64 newChainId) public {
        vm.assume(newChainId != block.chainid && newChainId != 0);
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK1, _registryDigest(a));
        vm.chainId(newChainId);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
    }

    /// @dev Arbitrary bytes as the only signature never pass (quorum 1).
    function testFuzz_submitFailAttestation_rejectsGarbageSignature(bytes memory garbage) public {
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a,) = _readyAttestation(0, keccak256("s"), 1);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = garbage;
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, sigs);
    }

    /// @dev Only sampled jobs can be slashed, whatever the seed.
    function testFuzz_submitFailAttestation_requiresSample(bytes32 seed, bytes32 jobId, uint256 rate) public {
        vm.assume(seed != bytes32(0));
        rate = bound(rate, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rate);
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, jobId);
        bytes[] memory sigs = _quorumSigsFor(a);
        if (_sampledByFormula(seed, jobId, rate)) {
            _submit(a, sigs);
            vm.assertTrue(registry.slashed(0, jobId));
        } else {
            vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, jobId));
            _submit(a, sigs);
        }
    }

    // ------------------------------------------------------------------ setVerifier

    function test_setVerifier_enablesAndDisables() public {
        address v = makeAddr("v4");
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.VerifierSet(v, true);
        vm.prank(admin);
        registry.setVerifier(v, true);
        vm.assertTrue(registry.isVerifier(v));
        vm.assertEq(registry.verifierCount(), 4);

        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.VerifierSet(v, false);
        vm.prank(admin);
        registry.setVerifier(v, false);
        vm.assertFalse(registry.isVerifier(v));
        vm.assertEq(registry.verifierCount(), 3);
    }

    function test_setVerifier_isIdempotent() public {
        address v = vm.addr(PK1);
        vm.startPrank(admin);
        registry.setVerifier(v, true);
        vm.assertEq(registry.verifierCount(), 3);
        registry.setVerifier(stranger, false);
        vm.assertEq(registry.verifierCount(), 3);
        registry.setVerifier(v, false);
        registry.setVerifier(v, false);
        vm.stopPrank();
        vm.assertEq(registry.verifierCount(), 2);
        vm.assertFalse(registry.isVerifier(v));
    }

    function test_setVerifier_revertsWith_AttestationInvalidParameter_whenZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        vm.prank(admin);
        registry.setVerifier(address(0), true);
    }

    function test_setVerifier_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, GOVERNANCE_ROLE)
        );
        vm.prank(stranger);
        registry.setVerifier(stranger, true);
    }

    function testFuzz_setVerifier_countMatchesMembership(uint256 ops) public {
        address[4] memory pool = [vm.addr(PK1), vm.addr(PK2), vm.addr(PK3), vm.addr(PK_OUTSIDER)];
        vm.startPrank(admin);
        for (uint256 i = 0; i < 16; ++i) {
            uint256 op = (ops >> (i * 3)) & 7;
            registry.setVerifier(pool[op & 3], op >> 2 == 1);
        }
        vm.stopPrank();
        uint256 count;
        for (uint256 i = 0; i < 4; ++i) {
            if (registry.isVerifier(pool[i])) ++count;
        }
        vm.assertEq(registry.verifierCount(), count);
    }

    // ------------------------------------------------------------------ setQuorum

    function test_setQuorum_setsAndEmits() public {
        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.QuorumSet(3);
        vm.prank(admin);
        registry.setQuorum(3);
        vm.assertEq(registry.quorum(), 3);
    }

    function test_setQuorum_mayExceedVerifierCount() public {
        vm.prank(admin);
        registry.setQuorum(10);
        vm.assertEq(registry.quorum(), 10);
    }

    function test_setQuorum_revertsWith_AttestationInvalidParameter_whenZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        vm.prank(admin);
        registry.setQuorum(0);
    }

    function test_setQuorum_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, GOVERNANCE_ROLE)
        );
        vm.prank(stranger);
        registry.setQuorum(1);
    }

    // ------------------------------------------------------------------ setSamplingRate

    function testFuzz_setSamplingRate_acceptsUpToOneWad(uint256 rate) public {
        rate = bound(rate, 0, WAD);
        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.SamplingRateSet(rate);
        vm.prank(admin);
        registry.setSamplingRate(rate);
        vm.assertEq(registry.samplingRateWad(), rate);
    }

    function testFuzz_setSamplingRate_revertsWith_AttestationInvalidParameter_whenAboveOneWad(uint256 rate) public {
        rate = bound(rate, WAD + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        vm.prank(admin);
        registry.setSamplingRate(rate);
    }

    function test_setSamplingRate_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, GOVERNANCE_ROLE)
        );
        vm.prank(stranger);
        registry.setSamplingRate(0.1e18);
    }

    // ------------------------------------------------------------------ setSlashFraction

    function testFuzz_setSlashFraction_acceptsUpToOneWad(uint256 fraction) public {
        fraction = bound(fraction, 0, WAD);
        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.SlashFractionSet(fraction);
        vm.prank(admin);
        registry.setSlashFraction(fraction);
        vm.assertEq(registry.slashFractionWad(), fraction);
    }

    function testFuzz_setSlashFraction_revertsWith_AttestationInvalidParameter_whenAboveOneWad(uint256 fraction)
        public
    {
        fraction = bound(fraction, WAD + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        vm.prank(admin);
        registry.setSlashFraction(fraction);
    }

    function test_setSlashFraction_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, GOVERNANCE_ROLE)
        );
        vm.prank(stranger);
        registry.setSlashFraction(0.2e18);
    }
}

/// @notice End-to-end with the real StakingManager, OctoToken and RoleTokens: a 2-of-3 verifier quorum slashes a
/// staked provider (bonded and unbonding stake), the finder is paid, the treasury gets its share, the rest burns.
contract AttestationRegistryIntegrationTest is AttestationRegistryFixture {
    StakingManager internal stakingManager;
    OctoToken internal octo;
    RoleToken[8] internal roleTokens;
    address internal treasury;

    uint256 internal constant OCTO_STAKE = 5_000e18;
    uint256 internal constant ROLE_STAKE = 500e18;
    uint256 internal constant OCTO_UNBOND = 2_000e18;
    uint256 internal constant ROLE_UNBOND = 200e18;

    function setUp() public override {
        admin = makeAddr("admin");
        provider = makeAddr("provider");
        finder = vm.addr(PK3);
        vm.label(finder, "finder (verifier PK3)");
        stranger = makeAddr("stranger");
        treasury = makeAddr("treasury");

        octo = new OctoToken(admin, 1_000_000_000e18, address(this), 10_000_000e18);
        address[8] memory tokenAddrs;
        for (uint8 i = 0; i < Roles.COUNT; ++i) {
            roleTokens[i] = new RoleToken(
                string.concat("CipherOcto ", Roles.suffix(i)),
                string.concat("OCTO-", Roles.suffix(i)),
                i,
                type(uint96).max,
                admin,
                address(this),
                1_000_000e18
            );
            tokenAddrs[i] = address(roleTokens[i]);
        }
        stakingManager = new StakingManager(address(octo), tokenAddrs, admin);
        registry = new AttestationRegistry(address(stakingManager), GENESIS, LENGTH, admin);

        vm.startPrank(admin);
        stakingManager.setSlasher(address(registry));
        stakingManager.setTreasury(treasury);
        registry.setVerifier(vm.addr(PK1), true);
        registry.setVerifier(vm.addr(PK2), true);
        registry.setVerifier(vm.addr(PK3), true);
        registry.setQuorum(2);
        vm.stopPrank();

        // The provider stakes for COMPUTE and moves part of it into unbonding (still slashable).
        octo.transfer(provider, OCTO_STAKE);
        roleTokens[Roles.COMPUTE].transfer(provider, ROLE_STAKE);
        vm.startPrank(provider);
        stakingManager.registerProvider(Roles.COMPUTE);
        octo.approve(address(stakingManager), OCTO_STAKE);
        roleTokens[Roles.COMPUTE].approve(address(stakingManager), ROLE_STAKE);
        stakingManager.stake(Roles.COMPUTE, OCTO_STAKE, ROLE_STAKE);
        stakingManager.requestUnbond(Roles.COMPUTE, OCTO_UNBOND, ROLE_UNBOND);
        vm.stopPrank();
    }

    function test_submitFailAttestation_slashesRealStakeAndPaysFinder() public {
        IERC20 roleA = IERC20(address(roleTokens[Roles.COMPUTE]));
        uint256 octoSupply = octo.totalSupply();
        uint256 roleSupply = roleA.totalSupply();
        uint256 octoHeld = octo.balanceOf(address(stakingManager));
        uint256 roleHeld = roleA.balanceOf(address(stakingManager));

        bytes32 seed = keccak256("integration seed");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(seed, 7));
        // 2 of 3: PK1 and PK3 sign, sorted by address.
        bytes[] memory sigs = _signSorted(_keys2(PK3, PK1), _registryDigest(a));

        // 10% of bonded (3,000 / 300) and unbonding (2,000 / 200) stake.
        uint256 octoSlashed = (OCTO_STAKE - OCTO_UNBOND) / 10 + OCTO_UNBOND / 10; // 500 OCTO
        uint256 roleSlashed = (ROLE_STAKE - ROLE_UNBOND) / 10 + ROLE_UNBOND / 10; // 50 OCTO-A
        vm.expectEmit(true, true, true, true, address(stakingManager));
        emit IStakingManager.Slashed(provider, Roles.COMPUTE, a.evidenceHash, 0.1e18, octoSlashed, roleSlashed, finder);
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.FailAttestationAccepted(
            0,
            a.jobId,
            provider,
            Roles.COMPUTE,
            a.claimedOutputHash,
            a.recomputedOutputHash,
            a.evidenceHash,
            finder,
            2
        );
        _submit(a, sigs);

        // Provider books: bonded and unbonding both lose 10%.
        IStakingManager.ProviderStake memory ps = stakingManager.providerStake(provider, Roles.COMPUTE);
        IStakingManager.Unbonding memory u = stakingManager.unbonding(provider, Roles.COMPUTE);
        vm.assertEq(uint256(ps.octo), 2_700e18);
        vm.assertEq(uint256(ps.roleAmount), 270e18);
        vm.assertEq(uint256(u.octo), 1_800e18);
        vm.assertEq(uint256(u.roleAmount), 180e18);

        // Split 50% burn / 30% treasury / 20% finder, per token.
        vm.assertEq(octo.balanceOf(finder), 100e18);
        vm.assertEq(roleA.balanceOf(finder), 10e18);
        vm.assertEq(octo.balanceOf(treasury), 150e18);
        vm.assertEq(roleA.balanceOf(treasury), 15e18);
        vm.assertEq(octoSupply - octo.totalSupply(), 250e18);
        vm.assertEq(roleSupply - roleA.totalSupply(), 25e18);

        // Totals add up: what left the staking contract is exactly burned + treasury + finder.
        uint256 octoOut = octoHeld - octo.balanceOf(address(stakingManager));
        uint256 roleOut = roleHeld - roleA.balanceOf(address(stakingManager));
        vm.assertEq(octoOut, octoSlashed);
        vm.assertEq(roleOut, roleSlashed);
        vm.assertEq(
            octoOut, (octoSupply - octo.totalSupply()) + octo.balanceOf(treasury) + octo.balanceOf(finder)
        );
        vm.assertEq(roleOut, (roleSupply - roleA.totalSupply()) + roleA.balanceOf(treasury) + roleA.balanceOf(finder));
        // The staking contract still holds exactly the provider's remaining books.
        vm.assertEq(octo.balanceOf(address(stakingManager)), uint256(ps.octo) + u.octo);
        vm.assertEq(roleA.balanceOf(address(stakingManager)), uint256(ps.roleAmount) + u.roleAmount);

        vm.assertTrue(registry.slashed(0, a.jobId));
        vm.assertTrue(registry.failedInEpoch(0, provider));
    }

    function test_submitFailAttestation_secondJobSlashesRemainingStake() public {
        bytes32 seed = keccak256("integration seed");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(seed, 1));
        _submit(a, _quorumSigsFor(a));
        IAttestationRegistry.Attestation memory b = _failAttestation(0, _sampledJob(seed, 2));
        _submit(b, _quorumSigsFor(b));
        // 3,000 -> 2,700 -> 2,430 bonded OCTO.
        vm.assertEq(uint256(stakingManager.providerStake(provider, Roles.COMPUTE).octo), 2_430e18);
        // The submitting verifier got 20% of 500 + 20% of 450 OCTO and 20% of 50 + 20% of 45 OCTO-A.
        vm.assertEq(octo.balanceOf(finder), 100e18 + 90e18);
        vm.assertEq(roleTokens[Roles.COMPUTE].balanceOf(finder), 10e18 + 9e18);
        vm.assertEq(octo.balanceOf(address(this)), 10_000_000e18 - OCTO_STAKE);
    }

    /// @dev The provider holds the quorum-signed attestation but cannot submit it: it recovers no finder share and
    /// bears the full slash; the verifier that submits is paid.
    function test_submitFailAttestation_providerCannotRecaptureFinderShare() public {
        bytes32 seed = keccak256("integration seed");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(seed, 1));
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, provider));
        vm.prank(provider);
        registry.submitFailAttestation(a, sigs);

        _submit(a, sigs);
        vm.assertEq(octo.balanceOf(provider), 0);
        vm.assertEq(roleTokens[Roles.COMPUTE].balanceOf(provider), 0);
        vm.assertEq(octo.balanceOf(finder), 100e18);
        vm.assertEq(roleTokens[Roles.COMPUTE].balanceOf(finder), 10e18);
        vm.assertEq(octo.balanceOf(treasury), 150e18);
    }

    function test_submitFailAttestation_revertsWith_StakingSlashFractionTooHigh_whenAboveStakingCap() public {
        vm.prank(admin);
        registry.setSlashFraction(0.6e18);
        bytes32 seed = keccak256("integration seed");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(seed, 1));
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingSlashFractionTooHigh.selector, 0.6e18, 0.5e18)
        );
        _submit(a, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
        vm.assertFalse(registry.failedInEpoch(0, provider));
    }

    function test_submitFailAttestation_revertsWith_StakingUnauthorizedSlasher_whenRegistryNotSlasher() public {
        vm.prank(admin);
        stakingManager.setSlasher(stranger);
        bytes32 seed = keccak256("integration seed");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(seed, 1));
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, address(registry))
        );
        _submit(a, sigs);
    }

    function test_submitFailAttestation_revertsWith_StakingNotRegistered_whenProviderNeverStaked() public {
        bytes32 seed = keccak256("integration seed");
        _recordSeed(0, seed);
        IAttestationRegistry.Attestation memory a = _failAttestation(0, _sampledJob(seed, 1));
        a.provider = stranger;
        bytes[] memory sigs = _quorumSigsFor(a);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingNotRegistered.selector, stranger, Roles.COMPUTE)
        );
        _submit(a, sigs);
    }
}
