// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {AttestationRegistry} from "../src/AttestationRegistry.sol";
import {OctoToken} from "../src/OctoToken.sol";
import {StakingManager} from "../src/StakingManager.sol";
import {IAttestationRegistry} from "../src/interfaces/IAttestationRegistry.sol";
import {IStakingManager} from "../src/interfaces/IStakingManager.sol";
import {Roles} from "../src/libraries/Roles.sol";
import {UnattestedPolicy} from "../src/libraries/UnattestedPolicy.sol";

import {AttestationSigner} from "./utils/AttestationSigner.sol";
import {ReceiptTree} from "./utils/ReceiptTree.sol";
import {SlashRecorder} from "./utils/SlashRecorder.sol";
import {TestTokens} from "./utils/TestTokens.sol";
import {VM_ADDRESS} from "./utils/Test.sol";

/// @dev forge cheatcodes not declared in test/utils/Test.sol.
interface VmExtra {
    function prevrandao(bytes32 newPrevrandao) external;
    function getBlockNumber() external view returns (uint256 height);
}

/// @notice Shared fixture: a registry over a recording staking double, three verifiers (quorum 2), a committer and a
/// guardian; helpers to build receipt trees, commit epochs, record seeds and build/sign/submit fail attestations.
/// The sampling rate is 100 % unless a test lowers it (so every committed job is sampled and the tests do not
/// depend on the seed). The finder is bound in the attestation; submissions come from `submitter`, an arbitrary
/// account that is neither a verifier nor the finder.
abstract contract AttestationRegistryFixture is AttestationSigner {
    VmExtra internal constant VMX = VmExtra(VM_ADDRESS);

    uint256 internal constant GENESIS = 100;
    uint256 internal constant LENGTH = 10;
    uint256 internal constant WAD = 1e18;
    uint8 internal constant ROLE = Roles.COMPUTE;
    uint8 internal constant OTHER_ROLE = Roles.STORAGE;
    /// @dev Receipts of `provider` for ROLE in each default epoch tree (indices 0..JOBS-1).
    uint256 internal constant JOBS = 4;

    bytes32 internal constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");
    bytes32 internal constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    AttestationRegistry internal registry;
    SlashRecorder internal recorder;

    address internal admin;
    address internal committer;
    address internal guardian;
    address internal provider;
    address internal provider2;
    address internal requester;
    address internal finder;
    address internal submitter;
    address internal stranger;

    uint256 internal constant PK1 = 0xA11CE;
    uint256 internal constant PK2 = 0xB0B;
    uint256 internal constant PK3 = 0xC4A5E;
    uint256 internal constant PK_OUTSIDER = 0xBAD;

    function setUp() public virtual {
        _actors();
        recorder = new SlashRecorder();
        registry = new AttestationRegistry(address(recorder), GENESIS, LENGTH, admin);
        _configure();
    }

    function _actors() internal {
        vm.warp(1_700_000_000);
        admin = makeAddr("admin");
        committer = makeAddr("committer");
        guardian = makeAddr("guardian");
        provider = makeAddr("provider");
        provider2 = makeAddr("provider2");
        requester = makeAddr("requester");
        finder = makeAddr("finder");
        submitter = makeAddr("submitter");
        stranger = makeAddr("stranger");
    }

    function _configure() internal {
        vm.startPrank(admin);
        registry.setVerifier(vm.addr(PK1), true);
        registry.setVerifier(vm.addr(PK2), true);
        registry.setVerifier(vm.addr(PK3), true);
        registry.setQuorum(2);
        registry.setCommitter(committer);
        registry.setSamplingRate(WAD);
        registry.grantRole(GUARDIAN_ROLE, guardian);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ receipts and epochs

    function _receipt(uint64 epoch, uint256 i, address provider_, uint8 role_)
        internal
        view
        returns (ReceiptTree.Receipt memory)
    {
        return ReceiptTree.Receipt({
            jobId: keccak256(abi.encode("job", epoch, i, provider_, role_)),
            provider: provider_,
            role: role_,
            requester: requester,
            specHash: keccak256(abi.encode("spec", i)),
            outputHash: keccak256(abi.encode("claimed output", i)),
            workUnits: 100 + i,
            fee: 1e18 + i
        });
    }

    /// @dev Default tree of an epoch: JOBS receipts of `provider` for ROLE, one of `provider` for OTHER_ROLE, one of
    /// `provider2` for ROLE.
    function _receipts(uint64 epoch) internal view returns (ReceiptTree.Receipt[] memory rs) {
        rs = new ReceiptTree.Receipt[](JOBS + 2);
        for (uint256 i = 0; i < JOBS; ++i) {
            rs[i] = _receipt(epoch, i, provider, ROLE);
        }
        rs[JOBS] = _receipt(epoch, JOBS, provider, OTHER_ROLE);
        rs[JOBS + 1] = _receipt(epoch, JOBS + 1, provider2, ROLE);
    }

    function _blockNumber() internal view returns (uint256) {
        return VMX.getBlockNumber();
    }

    function _rollPastClosing(uint64 epoch) internal {
        uint256 closing = registry.closingBlock(epoch);
        if (_blockNumber() <= closing) vm.roll(closing + 1);
    }

    function _dataHash(uint64 epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode("data", epoch));
    }

    /// @dev Commits `rs` for `epoch` (rolling past its closing block if needed); returns the tree.
    function _commit(uint64 epoch, ReceiptTree.Receipt[] memory rs) internal returns (bytes32[] memory tree) {
        tree = ReceiptTree.buildFromReceipts(rs);
        _rollPastClosing(epoch);
        vm.prank(committer);
        // forge-lint: disable-next-line(unsafe-typecast)
        registry.commitEpoch(epoch, ReceiptTree.root(tree), uint32(rs.length), _dataHash(epoch));
    }

    /// @dev Rolls one block and records the seed of `epoch`.
    function _seed(uint64 epoch) internal returns (bytes32) {
        vm.roll(_blockNumber() + 1);
        return registry.recordEpochSeed(epoch);
    }

    function _commitAndSeed(uint64 epoch, ReceiptTree.Receipt[] memory rs) internal returns (bytes32[] memory tree) {
        tree = _commit(epoch, rs);
        _seed(epoch);
    }

    // ------------------------------------------------------------------ attestations

    function _attestation(uint64 epoch, ReceiptTree.Receipt memory r)
        internal
        view
        returns (IAttestationRegistry.Attestation memory)
    {
        return IAttestationRegistry.Attestation({
            epoch: epoch,
            jobId: r.jobId,
            provider: r.provider,
            role: r.role,
            specHash: r.specHash,
            claimedOutputHash: r.outputHash,
            recomputedOutputHash: keccak256(abi.encode("recomputed", r.jobId)),
            passed: false,
            evidenceHash: keccak256(abi.encode("evidence", epoch, r.jobId)),
            finder: finder
        });
    }

    function _proof(bytes32[] memory tree, ReceiptTree.Receipt memory r)
        internal
        pure
        returns (IAttestationRegistry.ReceiptProof memory)
    {
        return IAttestationRegistry.ReceiptProof({
            requester: r.requester,
            workUnits: r.workUnits,
            fee: r.fee,
            proof: ReceiptTree.proofOf(tree, ReceiptTree.leafHash(r))
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
    function _sigs(IAttestationRegistry.Attestation memory a) internal view returns (bytes[] memory) {
        return _signSorted(_keys2(PK1, PK2), _registryDigest(a));
    }

    function _submitAs(
        address sender,
        IAttestationRegistry.Attestation memory a,
        IAttestationRegistry.ReceiptProof memory rp,
        bytes[] memory sigs
    ) internal returns (bytes32) {
        vm.prank(sender);
        return registry.submitFailAttestation(a, rp, sigs);
    }

    function _submit(
        IAttestationRegistry.Attestation memory a,
        IAttestationRegistry.ReceiptProof memory rp,
        bytes[] memory sigs
    ) internal returns (bytes32) {
        return _submitAs(submitter, a, rp, sigs);
    }

    /// @dev Commits and seeds the default tree of `epoch`; returns a signed fail attestation for receipt `i`.
    function _ready(uint64 epoch, uint256 i)
        internal
        returns (
            IAttestationRegistry.Attestation memory a,
            IAttestationRegistry.ReceiptProof memory rp,
            bytes[] memory sigs
        )
    {
        ReceiptTree.Receipt[] memory rs = _receipts(epoch);
        bytes32[] memory tree = _commitAndSeed(epoch, rs);
        a = _attestation(epoch, rs[i]);
        rp = _proof(tree, rs[i]);
        sigs = _sigs(a);
    }

    /// @dev A signed attestation for receipt `i` of the default tree of an epoch already committed and seeded.
    function _next(uint64 epoch, uint256 i)
        internal
        view
        returns (
            IAttestationRegistry.Attestation memory a,
            IAttestationRegistry.ReceiptProof memory rp,
            bytes[] memory sigs
        )
    {
        ReceiptTree.Receipt[] memory rs = _receipts(epoch);
        bytes32[] memory tree = ReceiptTree.buildFromReceipts(rs);
        a = _attestation(epoch, rs[i]);
        rp = _proof(tree, rs[i]);
        sigs = _sigs(a);
    }

    function _sampledByFormula(bytes32 seed, bytes32 jobId, uint256 rate) internal pure returns (bool) {
        return uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < rate;
    }

    function _expectedSlashId(uint64 epoch, address provider_, uint8 role_) internal pure returns (bytes32) {
        return keccak256(abi.encode(epoch, provider_, role_));
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
        vm.assertEq(r.vetoWindow(), 4 days);
        vm.assertEq(r.committer(), address(0));
        vm.assertEq(r.verifierCount(), 0);
        vm.assertEq(uint256(r.unattestedPolicy()), UnattestedPolicy.REFUND);
        vm.assertTrue(r.hasRole(r.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertTrue(r.hasRole(GOVERNANCE_ROLE, admin));
        vm.assertFalse(r.hasRole(GUARDIAN_ROLE, admin));
        vm.assertEq(r.GOVERNANCE_ROLE(), GOVERNANCE_ROLE);
        vm.assertEq(r.GUARDIAN_ROLE(), GUARDIAN_ROLE);
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
        vm.expectEmit(false, false, false, true);
        emit IAttestationRegistry.VetoWindowSet(4 days);
        vm.expectEmit(false, false, false, true);
        emit IAttestationRegistry.UnattestedPolicySet(0);
        new AttestationRegistry(address(recorder), 0, 1, admin);
    }

    function test_constructor_defaultsUnattestedPolicyToRefund() public {
        AttestationRegistry r = new AttestationRegistry(address(recorder), GENESIS, LENGTH, admin);
        vm.assertEq(uint256(r.unattestedPolicy()), 0);
        vm.assertEq(uint256(UnattestedPolicy.REFUND), 0);
        vm.assertEq(uint256(UnattestedPolicy.FORFEIT), 1);
        vm.assertEq(uint256(UnattestedPolicy.COUNT), 2);
        // The fixture's registry (other parameters changed by governance) keeps the default too.
        vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.REFUND);
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

    function test_eip712Domain_isCipherOctoAttestationRegistryV2() public view {
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
        vm.assertEq(version, "2");
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
        if (epoch > 0) vm.assertEq(r.closingBlock(epoch - 1) + length, closing);
    }

    // ------------------------------------------------------------------ commitEpoch

    function test_commitEpoch_storesCommitmentAndEmits() public {
        vm.roll(110);
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.EpochCommitted(0, keccak256("root"), 7, keccak256("data"));
        vm.prank(committer);
        registry.commitEpoch(0, keccak256("root"), 7, keccak256("data"));
        IAttestationRegistry.EpochCommitment memory c = registry.epochCommitment(0);
        vm.assertEq(c.receiptsRoot, keccak256("root"));
        vm.assertEq(c.dataHash, keccak256("data"));
        vm.assertEq(uint256(c.receiptCount), 7);
        vm.assertEq(uint256(c.committedBlock), 110);
        // Committing does not seed.
        vm.assertEq(registry.epochSeed(0), bytes32(0));
        vm.assertEq(registry.epochSeedBlock(0), 0);
        vm.assertEq(uint256(registry.epochCommitment(1).committedBlock), 0);
    }

    function test_commitEpoch_acceptsEmptyEpoch() public {
        vm.roll(5_000);
        vm.prank(committer);
        registry.commitEpoch(3, bytes32(0), 0, bytes32(0));
        vm.assertEq(uint256(registry.epochCommitment(3).committedBlock), 5_000);
        vm.assertEq(uint256(registry.epochCommitment(3).receiptCount), 0);
    }

    function test_commitEpoch_laterEpochBeforeEarlier() public {
        vm.roll(200);
        vm.startPrank(committer);
        registry.commitEpoch(5, keccak256("r5"), 1, bytes32(0));
        registry.commitEpoch(2, keccak256("r2"), 2, bytes32(0));
        vm.stopPrank();
        vm.assertEq(registry.epochCommitment(5).receiptsRoot, keccak256("r5"));
        vm.assertEq(registry.epochCommitment(2).receiptsRoot, keccak256("r2"));
    }

    function test_commitEpoch_revertsWith_AttestationNotCommitter_whenCallerNotCommitter() public {
        vm.roll(110);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotCommitter.selector, stranger));
        vm.prank(stranger);
        registry.commitEpoch(0, keccak256("root"), 1, bytes32(0));
        // Neither governance nor a verifier may commit.
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotCommitter.selector, admin));
        vm.prank(admin);
        registry.commitEpoch(0, keccak256("root"), 1, bytes32(0));
    }

    function test_commitEpoch_revertsWith_AttestationNotCommitter_whenCommitterUnset() public {
        AttestationRegistry r = new AttestationRegistry(address(recorder), GENESIS, LENGTH, admin);
        vm.roll(110);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotCommitter.selector, committer));
        vm.prank(committer);
        r.commitEpoch(0, keccak256("root"), 1, bytes32(0));
    }

    function test_commitEpoch_revertsWith_AttestationEpochNotClosed_whenAtClosingBlock() public {
        vm.roll(109);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotClosed.selector, 0, 109));
        vm.prank(committer);
        registry.commitEpoch(0, keccak256("root"), 1, bytes32(0));
    }

    function test_commitEpoch_revertsWith_AttestationEpochNotClosed_whenBeforeGenesis() public {
        vm.roll(1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotClosed.selector, 2, 129));
        vm.prank(committer);
        registry.commitEpoch(2, keccak256("root"), 1, bytes32(0));
    }

    function test_commitEpoch_revertsWith_AttestationEpochAlreadyCommitted_whenCommittedTwice() public {
        vm.roll(110);
        vm.startPrank(committer);
        registry.commitEpoch(0, keccak256("root"), 1, bytes32(0));
        vm.roll(111);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochAlreadyCommitted.selector, 0));
        registry.commitEpoch(0, keccak256("other"), 2, bytes32(0));
        vm.stopPrank();
        vm.assertEq(registry.epochCommitment(0).receiptsRoot, keccak256("root"));
    }

    /// @dev Grinding attempt: the committer waits to see the seed, then commits a tree favourable to it. The seed
    /// only exists after a commitment, and the commitment cannot be replaced afterwards.
    function test_commitEpoch_revertsWith_AttestationEpochAlreadyCommitted_whenSeedAlreadyKnown() public {
        _commitAndSeed(0, _receipts(0));
        bytes32 seedBefore = registry.epochSeed(0);
        vm.roll(_blockNumber() + 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochAlreadyCommitted.selector, 0));
        vm.prank(committer);
        registry.commitEpoch(0, keccak256("tree chosen after the seed"), 1, bytes32(0));
        vm.assertEq(registry.epochSeed(0), seedBefore);
    }

    // ------------------------------------------------------------------ recordEpochSeed

    function test_recordEpochSeed_derivesSeedFromCallBlock() public {
        bytes32[] memory tree = _commit(0, _receipts(0));
        uint256 n = _blockNumber() + 3;
        vm.roll(n);
        VMX.prevrandao(bytes32(uint256(0x5eed)));
        vm.setBlockhash(n - 1, keccak256("parent"));
        bytes32 expected = keccak256(abi.encode(uint256(0x5eed), keccak256("parent"), uint64(0), ReceiptTree.root(tree)));

        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.EpochSeedRecorded(0, n, expected, WAD);
        vm.prank(stranger); // anyone may record
        bytes32 seed = registry.recordEpochSeed(0);

        vm.assertEq(seed, expected);
        vm.assertEq(registry.epochSeed(0), expected);
        vm.assertEq(registry.epochSeedBlock(0), n);
        vm.assertEq(registry.epochSamplingRateWad(0), WAD);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.REFUND);
        vm.assertEq(registry.epochSeed(1), bytes32(0));
    }

    /// @dev Grinding attempt: the seed is not fixed by anything known at commitment time; another prevrandao in
    /// the recording block gives another seed.
    function test_recordEpochSeed_changesWithPrevrandao() public {
        AttestationRegistry other = new AttestationRegistry(address(recorder), GENESIS, LENGTH, admin);
        vm.prank(admin);
        other.setCommitter(committer);
        vm.roll(110);
        vm.startPrank(committer);
        registry.commitEpoch(0, keccak256("root"), 1, bytes32(0));
        other.commitEpoch(0, keccak256("root"), 1, bytes32(0));
        vm.stopPrank();
        vm.roll(111);
        vm.setBlockhash(110, keccak256("parent"));
        VMX.prevrandao(bytes32(uint256(1)));
        bytes32 seedA = registry.recordEpochSeed(0);
        VMX.prevrandao(bytes32(uint256(2)));
        bytes32 seedB = other.recordEpochSeed(0);
        vm.assertNotEq(seedA, seedB);
        vm.assertEq(seedA, keccak256(abi.encode(uint256(1), keccak256("parent"), uint64(0), keccak256("root"))));
        vm.assertEq(seedB, keccak256(abi.encode(uint256(2), keccak256("parent"), uint64(0), keccak256("root"))));
    }

    /// @dev Missing-seed attempt: nobody records the seed for 10,000 blocks (v1 lost it after 256). The seed can
    /// still be recorded and the job slashed: there is no immunity by delay.
    function test_recordEpochSeed_worksTenThousandBlocksAfterClosing() public {
        ReceiptTree.Receipt[] memory rs = _receipts(0);
        bytes32[] memory tree = _commit(0, rs);
        vm.roll(registry.closingBlock(0) + 10_000);
        bytes32 seed = registry.recordEpochSeed(0);
        vm.assertNotEq(seed, bytes32(0));
        vm.assertEq(registry.epochSeedBlock(0), registry.closingBlock(0) + 10_000);
        IAttestationRegistry.Attestation memory a = _attestation(0, rs[0]);
        bytes32 id = _submit(a, _proof(tree, rs[0]), _sigs(a));
        vm.assertEq(uint256(registry.queuedSlash(id).status), uint256(IAttestationRegistry.SlashStatus.Queued));
    }

    function test_recordEpochSeed_freezesRateInForcePerEpoch() public {
        vm.prank(admin);
        registry.setSamplingRate(0.2e18);
        _commitAndSeed(0, _receipts(0));
        vm.prank(admin);
        registry.setSamplingRate(0.7e18);
        _commitAndSeed(1, _receipts(1));
        vm.prank(admin);
        registry.setSamplingRate(0);
        vm.assertEq(registry.epochSamplingRateWad(0), 0.2e18);
        vm.assertEq(registry.epochSamplingRateWad(1), 0.7e18);
        vm.assertEq(registry.epochSamplingRateWad(2), 0);
    }

    function testFuzz_recordEpochSeed_rateUnaffectedByLaterChanges(uint256 rateAtSeed, uint256 rateAfter) public {
        rateAtSeed = bound(rateAtSeed, 0, WAD);
        rateAfter = bound(rateAfter, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rateAtSeed);
        _commitAndSeed(0, _receipts(0));
        vm.prank(admin);
        registry.setSamplingRate(rateAfter);
        vm.assertEq(registry.epochSamplingRateWad(0), rateAtSeed);
    }

    function test_recordEpochSeed_freezesUnattestedPolicyInForcePerEpoch() public {
        _commitAndSeed(0, _receipts(0));
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        _commitAndSeed(1, _receipts(1));
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.REFUND);
        _commitAndSeed(2, _receipts(2));
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.REFUND);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(1)), UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(2)), UnattestedPolicy.REFUND);
    }

    /// @dev The frozen policy shares a storage slot with the commitment's receiptCount and committedBlock: freezing
    /// it (at the field maxima) leaves the commitment intact, and committing leaves the policy at 0.
    function test_recordEpochSeed_freezingPolicyKeepsCommitment() public {
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        uint256 n = uint256(type(uint64).max) - 1;
        vm.roll(n);
        vm.prank(committer);
        registry.commitEpoch(0, keccak256("root"), type(uint32).max, keccak256("data"));
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), 0);
        vm.roll(n + 1);
        registry.recordEpochSeed(0);
        IAttestationRegistry.EpochCommitment memory c = registry.epochCommitment(0);
        vm.assertEq(c.receiptsRoot, keccak256("root"));
        vm.assertEq(c.dataHash, keccak256("data"));
        vm.assertEq(uint256(c.receiptCount), type(uint32).max);
        vm.assertEq(uint256(c.committedBlock), n);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.FORFEIT);
    }

    function testFuzz_recordEpochSeed_policyUnaffectedByLaterChanges(uint8 policyAtSeed, uint8 policyAfter) public {
        // forge-lint: disable-next-line(unsafe-typecast)
        policyAtSeed = uint8(bound(policyAtSeed, 0, UnattestedPolicy.COUNT - 1)); // < COUNT
        // forge-lint: disable-next-line(unsafe-typecast)
        policyAfter = uint8(bound(policyAfter, 0, UnattestedPolicy.COUNT - 1)); // < COUNT
        vm.prank(admin);
        registry.setUnattestedPolicy(policyAtSeed);
        _commitAndSeed(0, _receipts(0));
        vm.prank(admin);
        registry.setUnattestedPolicy(policyAfter);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), policyAtSeed);
        vm.assertEq(uint256(registry.unattestedPolicy()), policyAfter);
    }

    /// @dev Grinding attempt: record the seed before the receipts are committed.
    function test_recordEpochSeed_revertsWith_AttestationEpochNotCommitted_whenNotCommitted() public {
        vm.roll(registry.closingBlock(0) + 50);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotCommitted.selector, 0));
        registry.recordEpochSeed(0);
    }

    function test_recordEpochSeed_revertsWith_AttestationEpochNotCommitted_whenEpochOpen() public {
        vm.roll(105);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotCommitted.selector, 0));
        registry.recordEpochSeed(0);
    }

    /// @dev Grinding attempt: the committer records the seed in the commitment's own block (it would know the
    /// seed inputs while choosing the tree).
    function test_recordEpochSeed_revertsWith_AttestationSeedTooEarly_whenInCommitmentBlock() public {
        _commit(0, _receipts(0));
        uint256 committedBlock = _blockNumber();
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationSeedTooEarly.selector, 0, committedBlock)
        );
        vm.prank(committer);
        registry.recordEpochSeed(0);
        vm.assertEq(registry.epochSeedBlock(0), 0);
    }

    function test_recordEpochSeed_revertsWith_AttestationSeedAlreadyRecorded_whenRecordedTwice() public {
        _commitAndSeed(0, _receipts(0));
        bytes32 seed = registry.epochSeed(0);
        vm.roll(_blockNumber() + 1);
        VMX.prevrandao(bytes32(uint256(0xbeef)));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedAlreadyRecorded.selector, 0));
        registry.recordEpochSeed(0);
        vm.assertEq(registry.epochSeed(0), seed);
    }

    // ------------------------------------------------------------------ epochUnattestedPolicy

    /// @dev An epoch without a recorded seed reads 0 (REFUND), as `epochSamplingRateWad` reads 0: never the current
    /// policy, so settlement cannot apply a value that the seed did not freeze.
    function test_epochUnattestedPolicy_isRefundWithoutSeed() public {
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.REFUND);
        vm.assertEq(registry.epochSamplingRateWad(0), 0);
        _commit(0, _receipts(0));
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.REFUND);
        vm.assertEq(registry.epochSamplingRateWad(0), 0);
        _seed(0);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(1)), UnattestedPolicy.REFUND);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(type(uint64).max)), UnattestedPolicy.REFUND);
    }

    /// @dev Withholding attempt: the provider's sampled job gets no on-chain verdict (no fail attestation, no pass
    /// commitment), for instance because it withheld the job spec. With the default policy the epoch settles that
    /// receipt as REFUND: the requester is not charged and the provider earns nothing for it.
    function test_epochUnattestedPolicy_refundsSampledReceiptWithoutVerdict_byDefault() public {
        ReceiptTree.Receipt[] memory rs = _receipts(0);
        _commitAndSeed(0, rs);
        vm.assertTrue(registry.isSampledInEpoch(0, rs[0].jobId));
        vm.assertFalse(registry.slashed(0, rs[0].jobId));
        vm.assertFalse(registry.failedInEpoch(0, provider));
        vm.assertEq(uint256(registry.passCommitment(0, vm.addr(PK1)).committedAt), 0);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(0)), UnattestedPolicy.REFUND);
    }

    // ------------------------------------------------------------------ isSampled / isSampledInEpoch

    function testFuzz_isSampled_matchesFormula(bytes32 seed, bytes32 jobId, uint256 rate) public {
        rate = bound(rate, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rate);
        vm.assertEq(registry.isSampled(seed, jobId), _sampledByFormula(seed, jobId, rate));
    }

    function test_isSampled_defaultRateSamplesAboutFivePercent() public {
        vm.prank(admin);
        registry.setSamplingRate(0.05e18);
        bytes32 seed = keccak256("seed");
        uint256 hits;
        for (uint256 i = 0; i < 2000; ++i) {
            if (registry.isSampled(seed, bytes32(i))) ++hits;
        }
        // Binomial(2000, 0.05): mean 100, sd ~9.7; the bounds are > 4 sd wide.
        vm.assertGe(hits, 60);
        vm.assertLe(hits, 140);
    }

    function testFuzz_isSampledInEpoch_followsFrozenRate(bytes32 jobId, uint256 rateAtSeed, uint256 rateAfter)
        public
    {
        rateAtSeed = bound(rateAtSeed, 0, WAD);
        rateAfter = bound(rateAfter, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rateAtSeed);
        _commitAndSeed(0, _receipts(0));
        bytes32 seed = registry.epochSeed(0);
        vm.assertEq(registry.isSampledInEpoch(0, jobId), _sampledByFormula(seed, jobId, rateAtSeed));
        vm.prank(admin);
        registry.setSamplingRate(rateAfter);
        vm.assertEq(registry.isSampledInEpoch(0, jobId), _sampledByFormula(seed, jobId, rateAtSeed));
        vm.assertEq(registry.isSampled(seed, jobId), _sampledByFormula(seed, jobId, rateAfter));
    }

    function test_isSampledInEpoch_falseWithoutSeed() public {
        vm.assertFalse(registry.isSampledInEpoch(0, keccak256("job")));
        _commit(0, _receipts(0));
        vm.assertFalse(registry.isSampledInEpoch(0, keccak256("job")));
        _seed(0);
        vm.assertTrue(registry.isSampledInEpoch(0, keccak256("job")));
        vm.assertFalse(registry.isSampledInEpoch(1, keccak256("job")));
    }

    // ------------------------------------------------------------------ commitPassAttestations

    function test_commitPassAttestations_storesCommitment() public {
        _commitAndSeed(0, _receipts(0));
        address v = vm.addr(PK1);
        vm.expectEmit(true, true, false, true, address(registry));
        emit IAttestationRegistry.PassAttestationsCommitted(0, v, keccak256("root"), 42);
        vm.prank(v);
        registry.commitPassAttestations(0, keccak256("root"), 42);
        IAttestationRegistry.PassCommitment memory c = registry.passCommitment(0, v);
        vm.assertEq(c.attestationsRoot, keccak256("root"));
        vm.assertEq(uint256(c.count), 42);
        vm.assertEq(uint256(c.committedAt), _now());
        vm.assertEq(uint256(registry.passCommitment(0, vm.addr(PK2)).committedAt), 0);
        vm.assertEq(uint256(registry.passCommitment(1, v).committedAt), 0);
    }

    function test_commitPassAttestations_allowsEmptyCommitment() public {
        _commitAndSeed(0, _receipts(0));
        vm.prank(vm.addr(PK3));
        registry.commitPassAttestations(0, bytes32(0), 0);
        vm.assertEq(uint256(registry.passCommitment(0, vm.addr(PK3)).committedAt), _now());
    }

    function test_commitPassAttestations_revertsWith_AttestationNotVerifier_whenCallerNotVerifier() public {
        _commitAndSeed(0, _receipts(0));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, stranger));
        vm.prank(stranger);
        registry.commitPassAttestations(0, keccak256("root"), 1);
    }

    function test_commitPassAttestations_revertsWith_AttestationNotVerifier_whenVerifierDisabled() public {
        _commitAndSeed(0, _receipts(0));
        address v = vm.addr(PK1);
        vm.prank(admin);
        registry.setVerifier(v, false);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotVerifier.selector, v));
        vm.prank(v);
        registry.commitPassAttestations(0, keccak256("root"), 1);
    }

    function test_commitPassAttestations_revertsWith_AttestationSeedNotRecorded_whenOnlyCommitted() public {
        _commit(0, _receipts(0));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedNotRecorded.selector, 0));
        vm.prank(vm.addr(PK1));
        registry.commitPassAttestations(0, keccak256("root"), 1);
    }

    function test_commitPassAttestations_revertsWith_AttestationAlreadyCommitted_whenCommittedTwice() public {
        _commitAndSeed(0, _receipts(0));
        address v = vm.addr(PK1);
        vm.startPrank(v);
        registry.commitPassAttestations(0, keccak256("root"), 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadyCommitted.selector, 0, v));
        registry.commitPassAttestations(0, keccak256("other"), 2);
        vm.stopPrank();
        vm.assertEq(registry.passCommitment(0, v).attestationsRoot, keccak256("root"));
    }

    // ------------------------------------------------------------------ attestationDigest, receiptLeaf, slashId

    function testFuzz_attestationDigest_matchesEip712Spec(IAttestationRegistry.Attestation memory a) public view {
        vm.assertEq(registry.attestationDigest(a), _digest(a, block.chainid, address(registry)));
    }

    function testFuzz_attestationDigest_bindsEveryField(IAttestationRegistry.Attestation memory a, uint8 which)
        public
        view
    {
        IAttestationRegistry.Attestation memory b = IAttestationRegistry.Attestation(
            a.epoch,
            a.jobId,
            a.provider,
            a.role,
            a.specHash,
            a.claimedOutputHash,
            a.recomputedOutputHash,
            a.passed,
            a.evidenceHash,
            a.finder
        );
        which = uint8(bound(which, 0, 9));
        if (which == 0) b.epoch = a.epoch ^ 1;
        else if (which == 1) b.jobId = a.jobId ^ bytes32(uint256(1));
        else if (which == 2) b.provider = address(uint160(a.provider) ^ 1);
        else if (which == 3) b.role = a.role ^ 1;
        else if (which == 4) b.specHash = a.specHash ^ bytes32(uint256(1));
        else if (which == 5) b.claimedOutputHash = a.claimedOutputHash ^ bytes32(uint256(1));
        else if (which == 6) b.recomputedOutputHash = a.recomputedOutputHash ^ bytes32(uint256(1));
        else if (which == 7) b.passed = !a.passed;
        else if (which == 8) b.evidenceHash = a.evidenceHash ^ bytes32(uint256(1));
        else b.finder = address(uint160(a.finder) ^ 1);
        vm.assertNotEq(registry.attestationDigest(a), registry.attestationDigest(b));
    }

    function test_attestationDigest_followsChainIdChange() public {
        IAttestationRegistry.Attestation memory a = _attestation(0, _receipt(0, 0, provider, ROLE));
        bytes32 before = registry.attestationDigest(a);
        vm.chainId(999);
        vm.assertEq(registry.attestationDigest(a), _digest(a, 999, address(registry)));
        vm.assertNotEq(registry.attestationDigest(a), before);
    }

    function testFuzz_receiptLeaf_matchesStandardTreeLeaf(ReceiptTree.Receipt memory r) public view {
        vm.assertEq(
            registry.receiptLeaf(r.jobId, r.provider, r.role, r.requester, r.specHash, r.outputHash, r.workUnits, r.fee),
            ReceiptTree.leafHash(r)
        );
    }

    function testFuzz_slashId_matchesFormula(uint64 epoch, address provider_, uint8 role_) public view {
        vm.assertEq(registry.slashId(epoch, provider_, role_), _expectedSlashId(epoch, provider_, role_));
    }

    function test_queuedSlash_isEmptyForUnknownId() public view {
        IAttestationRegistry.QueuedSlash memory s = registry.queuedSlash(keccak256("unknown"));
        vm.assertEq(uint256(s.status), uint256(IAttestationRegistry.SlashStatus.None));
        vm.assertEq(s.provider, address(0));
        vm.assertEq(uint256(s.executableAt), 0);
    }

    // ------------------------------------------------------------------ submitFailAttestation: success

    function test_submitFailAttestation_queuesSlashAndFreezesStake() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 1);
        bytes32 id = _expectedSlashId(0, provider, ROLE);
        uint256 executableAt = _now() + 4 days;

        vm.expectCall(address(recorder), abi.encodeCall(SlashRecorder.setFrozen, (provider, ROLE, true)));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.FailAttestationAccepted(
            0, a.jobId, provider, ROLE, a.claimedOutputHash, a.recomputedOutputHash, a.evidenceHash, finder, 2
        );
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.SlashQueued(id, 0, provider, ROLE, executableAt);
        bytes32 returned = _submit(a, rp, sigs);

        vm.assertEq(returned, id);
        IAttestationRegistry.QueuedSlash memory s = registry.queuedSlash(id);
        vm.assertEq(s.provider, provider);
        vm.assertEq(uint256(s.role), uint256(ROLE));
        vm.assertEq(uint256(s.epoch), 0);
        vm.assertEq(uint256(s.executableAt), executableAt);
        vm.assertEq(uint256(s.status), uint256(IAttestationRegistry.SlashStatus.Queued));
        vm.assertEq(s.finder, finder);
        vm.assertEq(uint256(s.fractionWad), 0.1e18);
        vm.assertEq(s.jobId, a.jobId);
        vm.assertEq(s.evidenceHash, a.evidenceHash);

        vm.assertTrue(registry.slashed(0, a.jobId));
        vm.assertTrue(registry.failedInEpoch(0, provider));
        vm.assertFalse(registry.failedInEpoch(1, provider));
        vm.assertFalse(registry.failedInEpoch(0, provider2));
        vm.assertTrue(recorder.frozen(provider, ROLE));
        vm.assertEq(recorder.freezeCallCount(), 1);
        vm.assertEq(recorder.freezeCallAt(0).caller, address(registry));
        // Nothing is slashed before the veto window.
        vm.assertEq(recorder.callCount(), 0);
    }

    function test_submitFailAttestation_acceptsMoreSignersThanQuorum() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = _signSorted(_keys3(PK1, PK2, PK3), _registryDigest(a));
        vm.expectEmit(true, true, true, true, address(registry));
        emit IAttestationRegistry.FailAttestationAccepted(
            0, a.jobId, provider, ROLE, a.claimedOutputHash, a.recomputedOutputHash, a.evidenceHash, finder, 3
        );
        _submit(a, rp, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    function test_submitFailAttestation_quorumOneAcceptsSingleVerifier() public {
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK3, _registryDigest(a));
        _submit(a, rp, sigs);
        vm.assertTrue(registry.failedInEpoch(0, provider));
    }

    function test_submitFailAttestation_recordsCurrentSlashFractionAndVetoWindow() public {
        vm.startPrank(admin);
        registry.setSlashFraction(0.37e18);
        registry.setVetoWindow(1 hours);
        vm.stopPrank();
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.assertEq(uint256(registry.queuedSlash(id).fractionWad), 0.37e18);
        vm.assertEq(uint256(registry.queuedSlash(id).executableAt), _now() + 1 hours);
    }

    function test_submitFailAttestation_otherRoleAndOtherProviderAreIndependent() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id0 = _submit(a, rp, sigs);
        (a, rp, sigs) = _next(0, JOBS); // provider, OTHER_ROLE
        bytes32 id1 = _submit(a, rp, sigs);
        (a, rp, sigs) = _next(0, JOBS + 1); // provider2, ROLE
        bytes32 id2 = _submit(a, rp, sigs);
        vm.assertEq(id1, _expectedSlashId(0, provider, OTHER_ROLE));
        vm.assertEq(id2, _expectedSlashId(0, provider2, ROLE));
        vm.assertTrue(id0 != id1 && id1 != id2 && id0 != id2);
        vm.assertTrue(recorder.frozen(provider, OTHER_ROLE));
        vm.assertTrue(recorder.frozen(provider2, ROLE));
        vm.assertTrue(registry.failedInEpoch(0, provider2));
    }

    function test_submitFailAttestation_sameProviderInAnotherEpochIsIndependent() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        _submit(a, rp, sigs);
        (a, rp, sigs) = _ready(1, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.assertEq(id, _expectedSlashId(1, provider, ROLE));
        vm.assertTrue(registry.failedInEpoch(1, provider));
    }

    /// @dev At the default 5 % rate, a committed job is slashable iff the recorded seed samples it.
    function test_submitFailAttestation_acceptsOnlySampledJobs_atFivePercent() public {
        vm.prank(admin);
        registry.setSamplingRate(0.05e18);
        ReceiptTree.Receipt[] memory rs = new ReceiptTree.Receipt[](100);
        for (uint256 i = 0; i < rs.length; ++i) {
            rs[i] = _receipt(0, i, address(uint160(0x1000 + i)), ROLE);
        }
        bytes32[] memory tree = _commitAndSeed(0, rs);
        bytes32 seed = registry.epochSeed(0);
        uint256 accepted;
        uint256 rejected;
        for (uint256 i = 0; i < rs.length && (accepted < 2 || rejected < 2); ++i) {
            IAttestationRegistry.Attestation memory a = _attestation(0, rs[i]);
            IAttestationRegistry.ReceiptProof memory rp = _proof(tree, rs[i]);
            bytes[] memory sigs = _sigs(a);
            if (_sampledByFormula(seed, rs[i].jobId, 0.05e18)) {
                _submit(a, rp, sigs);
                vm.assertTrue(registry.slashed(0, rs[i].jobId));
                ++accepted;
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, rs[i].jobId)
                );
                _submit(a, rp, sigs);
                ++rejected;
            }
        }
        vm.assertGe(accepted, 1, "some job sampled");
        vm.assertGe(rejected, 1, "some job not sampled");
    }

    function test_submitFailAttestation_acceptsSampledJob_whenRateLoweredAfterSeed() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        vm.prank(admin);
        registry.setSamplingRate(0);
        _submit(a, rp, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    // ------------------------------------------------------------------ submitFailAttestation: reverts

    function test_submitFailAttestation_revertsWith_AttestationNotAFailure_whenPassed() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.passed = true;
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotAFailure.selector));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationOutputsMatch_whenHashesEqual() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.recomputedOutputHash = a.claimedOutputHash;
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationOutputsMatch.selector));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationZeroFinder_whenFinderZero() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.finder = address(0);
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationZeroFinder.selector));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationSeedNotRecorded_whenNotCommitted() public {
        ReceiptTree.Receipt[] memory rs = _receipts(0);
        bytes32[] memory tree = ReceiptTree.buildFromReceipts(rs);
        vm.roll(200);
        IAttestationRegistry.Attestation memory a = _attestation(0, rs[0]);
        IAttestationRegistry.ReceiptProof memory rp = _proof(tree, rs[0]);
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedNotRecorded.selector, 0));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationSeedNotRecorded_whenOnlyCommitted() public {
        ReceiptTree.Receipt[] memory rs = _receipts(0);
        bytes32[] memory tree = _commit(0, rs);
        IAttestationRegistry.Attestation memory a = _attestation(0, rs[0]);
        IAttestationRegistry.ReceiptProof memory rp = _proof(tree, rs[0]);
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedNotRecorded.selector, 0));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationJobNotSampled_whenOutsideSample() public {
        vm.prank(admin);
        registry.setSamplingRate(0);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, a.jobId));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationJobNotSampled_whenRateRaisedAfterSeed() public {
        vm.prank(admin);
        registry.setSamplingRate(0);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        vm.prank(admin);
        registry.setSamplingRate(WAD);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, a.jobId));
        _submit(a, rp, sigs);
    }

    /// @dev Unbounded-slashing attempt: the quorum invents a free-form jobId (not in the committed receipts).
    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenJobIdNotCommitted() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.jobId = keccak256("free-form job id");
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 0, a.jobId)
        );
        _submit(a, rp, sigs);
        vm.assertFalse(registry.failedInEpoch(0, provider));
    }

    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenEmptyProof() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        rp.proof = new bytes32[](0);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 0, a.jobId)
        );
        _submit(a, rp, sigs);
    }

    /// @dev The quorum attributes a committed job to another provider.
    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenProviderSwapped() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.provider = provider2;
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 0, a.jobId)
        );
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenRoleSwapped() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.role = OTHER_ROLE;
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 0, a.jobId)
        );
        _submit(a, rp, sigs);
    }

    /// @dev The claimed output must be the one the provider committed in its receipt.
    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenClaimedOutputNotReceipts()
        public
    {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        a.claimedOutputHash = keccak256("not what the provider returned");
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 0, a.jobId)
        );
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenReceiptFieldAltered() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        rp.fee += 1;
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 0, a.jobId)
        );
        _submit(a, rp, sigs);
    }

    /// @dev A receipt of epoch 0 cannot be replayed as evidence in epoch 1.
    function test_submitFailAttestation_revertsWith_AttestationReceiptNotCommitted_whenReceiptFromOtherEpoch()
        public
    {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        _commitAndSeed(1, _receipts(1));
        a.epoch = 1;
        bytes[] memory sigs = _sigs(a);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationReceiptNotCommitted.selector, 1, a.jobId)
        );
        _submit(a, rp, sigs);
    }

    /// @dev Unbounded-slashing attempt: the quorum grinds a second sampled job of the same provider, role and
    /// epoch to slash it again.
    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenProviderAlreadySlashedInEpoch()
        public
    {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        for (uint256 i = 1; i < JOBS; ++i) {
            (a, rp, sigs) = _next(0, i);
            vm.expectRevert(
                abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider, ROLE)
            );
            _submit(a, rp, sigs);
            vm.assertFalse(registry.slashed(0, a.jobId));
        }
        vm.assertEq(recorder.freezeCallCount(), 1);
        vm.assertEq(uint256(registry.queuedSlash(id).status), uint256(IAttestationRegistry.SlashStatus.Queued));
    }

    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenSameEvidenceSubmittedTwice() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        _submit(a, rp, sigs);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider, ROLE)
        );
        _submitAs(stranger, a, rp, sigs);
        vm.assertEq(recorder.freezeCallCount(), 1);
    }

    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenSlashExecuted() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        (a, rp, sigs) = _next(0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider, ROLE)
        );
        _submit(a, rp, sigs);
    }

    /// @dev A guardian's cancellation is final for (epoch, provider, role): the quorum cannot re-queue it with
    /// another job, nor with the same evidence.
    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenSlashCancelled() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.prank(guardian);
        registry.cancelSlash(id);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider, ROLE)
        );
        _submit(a, rp, sigs);
        (a, rp, sigs) = _next(0, 2);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider, ROLE)
        );
        _submit(a, rp, sigs);
        vm.assertFalse(recorder.frozen(provider, ROLE));
    }

    /// @dev A jobId already used as evidence cannot be reused for another (provider, role) leaf with the same id.
    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenJobIdAlreadyUsed() public {
        ReceiptTree.Receipt[] memory rs = new ReceiptTree.Receipt[](2);
        rs[0] = _receipt(0, 0, provider, ROLE);
        rs[1] = _receipt(0, 0, provider2, ROLE);
        rs[1].jobId = rs[0].jobId; // a settlement bug committed one jobId twice
        bytes32[] memory tree = _commitAndSeed(0, rs);
        IAttestationRegistry.Attestation memory a = _attestation(0, rs[0]);
        _submit(a, _proof(tree, rs[0]), _sigs(a));
        IAttestationRegistry.Attestation memory b = _attestation(0, rs[1]);
        IAttestationRegistry.ReceiptProof memory rp = _proof(tree, rs[1]);
        bytes[] memory sigs = _sigs(b);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider2, ROLE)
        );
        _submit(b, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationQuorumNotReached_whenTooFewSignatures() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK1, _registryDigest(a));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, 1, 2));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationQuorumNotReached_whenNoSignatures() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, 0, 2));
        _submit(a, rp, new bytes[](0));
    }

    function test_submitFailAttestation_revertsWith_AttestationQuorumNotReached_whenQuorumAboveVerifierCount()
        public
    {
        vm.prank(admin);
        registry.setQuorum(4);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = _signSorted(_keys3(PK1, PK2, PK3), _registryDigest(a));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, 3, 4));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationSignersNotSorted_whenDescending() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        (sigs[0], sigs[1]) = (sigs[1], sigs[0]);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSignersNotSorted.selector));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationSignersNotSorted_whenSignerRepeated() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        sigs[1] = sigs[0];
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSignersNotSorted.selector));
        _submit(a, rp, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenSignerNotVerifier() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        uint256[] memory keys = _sortKeysByAddress(_keys2(PK1, PK_OUTSIDER));
        uint256 outsiderIndex = keys[0] == PK_OUTSIDER ? 0 : 1;
        bytes[] memory sigs = _signSorted(keys, _registryDigest(a));
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, outsiderIndex)
        );
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenVerifierDisabled() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        uint256[] memory keys = _sortKeysByAddress(_keys2(PK1, PK2));
        vm.prank(admin);
        registry.setVerifier(vm.addr(keys[1]), false);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 1));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenSignatureLength64() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(PK1, _registryDigest(a));
        bytes32 vs = bytes32(uint256(s) | (uint256(v - 27) << 255));
        sigs[0] = abi.encodePacked(r, vs);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenHighS() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        uint256[] memory keys = _sortKeysByAddress(_keys2(PK1, PK2));
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[1], _registryDigest(a));
        sigs[1] = abi.encodePacked(r, bytes32(SECP256K1_N - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 1));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenBadV() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        (, bytes32 r, bytes32 s) = vm.sign(PK1, _registryDigest(a));
        sigs[0] = abi.encodePacked(r, s, uint8(29));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, rp, sigs);
    }

    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenEvidenceSwapped() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        a.evidenceHash = keccak256("forged evidence");
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, rp, sigs);
    }

    /// @dev Front-running attempt: a copier of the pending transaction replaces the finder with itself; the
    /// verifiers' signatures no longer recover.
    function test_submitFailAttestation_revertsWith_AttestationInvalidSignature_whenFrontRunnerChangesFinder() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        a.finder = stranger;
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submitAs(stranger, a, rp, sigs);
        vm.assertFalse(registry.failedInEpoch(0, provider));
    }

    function test_submitFailAttestation_revertsWhen_stakingReverts() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        recorder.setShouldRevert(true);
        vm.expectRevert(abi.encodeWithSelector(SlashRecorder.SlashRecorderRevert.selector));
        _submit(a, rp, sigs);
        vm.assertFalse(registry.slashed(0, a.jobId));
        vm.assertFalse(registry.failedInEpoch(0, provider));
        recorder.setShouldRevert(false);
        _submit(a, rp, sigs);
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
        uint256[] memory all = new uint256[](n);
        uint256 selectedCount;
        for (uint256 i = 0; i < n; ++i) {
            all[i] = _key(uint256(keccak256(abi.encode(keySeed, i))));
            if ((mask >> i) & 1 == 1) ++selectedCount;
        }
        uint256[] memory selected = new uint256[](selectedCount);
        uint256 k;
        vm.startPrank(admin);
        registry.setVerifier(vm.addr(PK1), false);
        registry.setVerifier(vm.addr(PK2), false);
        registry.setVerifier(vm.addr(PK3), false);
        for (uint256 i = 0; i < n; ++i) {
            registry.setVerifier(vm.addr(all[i]), true);
            if ((mask >> i) & 1 == 1) selected[k++] = all[i];
        }
        registry.setQuorum(q);
        vm.stopPrank();
        vm.assertEq(registry.verifierCount(), n);

        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = _signSorted(selected, _registryDigest(a));
        if (selectedCount < q) {
            vm.expectRevert(
                abi.encodeWithSelector(IAttestationRegistry.AttestationQuorumNotReached.selector, selectedCount, q)
            );
            _submit(a, rp, sigs);
            vm.assertFalse(registry.slashed(0, a.jobId));
        } else {
            vm.expectEmit(true, true, true, true, address(registry));
            emit IAttestationRegistry.FailAttestationAccepted(
                0,
                a.jobId,
                provider,
                ROLE,
                a.claimedOutputHash,
                a.recomputedOutputHash,
                a.evidenceHash,
                finder,
                selectedCount
            );
            _submit(a, rp, sigs);
            vm.assertTrue(registry.slashed(0, a.jobId));
        }
    }

    function testFuzz_submitFailAttestation_rejectsNonVerifierAtItsIndex(uint256 outsiderSeed) public {
        uint256 outsider = _key(outsiderSeed);
        address o = vm.addr(outsider);
        vm.assume(o != vm.addr(PK1) && o != vm.addr(PK2) && o != vm.addr(PK3));
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        uint256[] memory keys = _sortKeysByAddress(_keys3(PK1, PK2, outsider));
        uint256 idx;
        while (keys[idx] != outsider) ++idx;
        bytes[] memory sigs = _signSorted(keys, _registryDigest(a));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, idx));
        _submit(a, rp, sigs);
    }

    function testFuzz_submitFailAttestation_rejectsOtherChainId(uint256 otherChainId) public {
        vm.assume(otherChainId != block.chainid);
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK1, _digest(a, otherChainId, address(registry)));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, rp, sigs);
        sigs[0] = _sign(PK1, _registryDigest(a));
        _submit(a, rp, sigs);
        vm.assertTrue(registry.slashed(0, a.jobId));
    }

    function testFuzz_submitFailAttestation_rejectsOtherVerifyingContract(address other) public {
        vm.assume(other != address(registry));
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(PK2, _digest(a, block.chainid, other));
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, rp, sigs);
    }

    function testFuzz_submitFailAttestation_rejectsGarbageSignature(bytes memory garbage) public {
        vm.prank(admin);
        registry.setQuorum(1);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp,) = _ready(0, 0);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = garbage;
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidSignature.selector, 0));
        _submit(a, rp, sigs);
    }

    /// @dev Only sampled jobs can be slashed, whatever the rate and prevrandao.
    function testFuzz_submitFailAttestation_requiresSample(bytes32 randao, uint256 rate) public {
        rate = bound(rate, 0, WAD);
        vm.prank(admin);
        registry.setSamplingRate(rate);
        ReceiptTree.Receipt[] memory rs = _receipts(0);
        bytes32[] memory tree = _commit(0, rs);
        vm.roll(_blockNumber() + 1);
        VMX.prevrandao(randao);
        bytes32 seed = registry.recordEpochSeed(0);
        IAttestationRegistry.Attestation memory a = _attestation(0, rs[0]);
        IAttestationRegistry.ReceiptProof memory rp = _proof(tree, rs[0]);
        bytes[] memory sigs = _sigs(a);
        if (_sampledByFormula(seed, a.jobId, rate)) {
            _submit(a, rp, sigs);
            vm.assertTrue(registry.slashed(0, a.jobId));
        } else {
            vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationJobNotSampled.selector, 0, a.jobId));
            _submit(a, rp, sigs);
        }
    }

    // ------------------------------------------------------------------ executeSlash

    function _queued() internal returns (bytes32 id, IAttestationRegistry.Attestation memory a) {
        IAttestationRegistry.ReceiptProof memory rp;
        bytes[] memory sigs;
        (a, rp, sigs) = _ready(0, 0);
        id = _submit(a, rp, sigs);
    }

    function test_executeSlash_slashesAfterVetoWindowAndUnfreezes() public {
        (bytes32 id, IAttestationRegistry.Attestation memory a) = _queued();
        vm.warp(_now() + 4 days); // exactly executableAt
        vm.expectCall(
            address(recorder), abi.encodeCall(SlashRecorder.slash, (provider, ROLE, 0.1e18, a.evidenceHash, finder))
        );
        vm.expectCall(address(recorder), abi.encodeCall(SlashRecorder.setFrozen, (provider, ROLE, false)));
        vm.expectEmit(true, true, false, true, address(registry));
        emit IAttestationRegistry.SlashExecuted(id, provider, ROLE);
        vm.prank(stranger); // anyone may execute
        registry.executeSlash(id);

        vm.assertEq(uint256(registry.queuedSlash(id).status), uint256(IAttestationRegistry.SlashStatus.Executed));
        vm.assertEq(recorder.callCount(), 1);
        SlashRecorder.SlashCall memory c = recorder.callAt(0);
        vm.assertEq(c.caller, address(registry));
        vm.assertEq(c.finder, finder);
        vm.assertEq(c.fractionWad, 0.1e18);
        vm.assertFalse(recorder.frozen(provider, ROLE));
        vm.assertTrue(registry.failedInEpoch(0, provider));
    }

    function test_executeSlash_usesFractionRecordedAtQueueing() public {
        (bytes32 id,) = _queued();
        vm.prank(admin);
        registry.setSlashFraction(0.5e18);
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        vm.assertEq(recorder.callAt(0).fractionWad, 0.1e18);
    }

    /// @dev Lowering the staking cap below a queued fraction does not make the slash unexecutable.
    function test_executeSlash_capsFractionAtStakingMaximum() public {
        (bytes32 id,) = _queued();
        recorder.setMaxSlashFractionWad(0.04e18);
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        vm.assertEq(recorder.callAt(0).fractionWad, 0.04e18);
    }

    function test_executeSlash_inSameBlock_whenVetoWindowZero() public {
        vm.prank(admin);
        registry.setVetoWindow(0);
        (bytes32 id,) = _queued();
        registry.executeSlash(id);
        vm.assertEq(recorder.callCount(), 1);
    }

    /// @dev Two queued slashes of the same provider and role (two epochs): executing the first keeps the stake
    /// frozen until the second is done too.
    function test_executeSlash_keepsFrozenWhileAnotherSlashQueued() public {
        (bytes32 id0,) = _queued();
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(1, 0);
        bytes32 id1 = _submit(a, rp, sigs);
        vm.warp(_now() + 4 days);
        registry.executeSlash(id0);
        vm.assertTrue(recorder.frozen(provider, ROLE), "still frozen");
        registry.executeSlash(id1);
        vm.assertFalse(recorder.frozen(provider, ROLE), "unfrozen");
        vm.assertEq(recorder.callCount(), 2);
    }

    function test_executeSlash_revertsWith_AttestationVetoWindowOpen_whenBeforeWindow() public {
        (bytes32 id,) = _queued();
        uint256 executableAt = _now() + 4 days;
        vm.warp(executableAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationVetoWindowOpen.selector, id, executableAt)
        );
        registry.executeSlash(id);
        vm.assertEq(recorder.callCount(), 0);
        vm.assertTrue(recorder.frozen(provider, ROLE));
    }

    function test_executeSlash_revertsWith_AttestationSlashNotQueued_whenUnknown() public {
        bytes32 id = _expectedSlashId(0, provider, ROLE);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        registry.executeSlash(id);
    }

    function test_executeSlash_revertsWith_AttestationSlashNotQueued_whenCancelled() public {
        (bytes32 id,) = _queued();
        vm.prank(guardian);
        registry.cancelSlash(id);
        vm.warp(_now() + 4 days);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        registry.executeSlash(id);
        vm.assertEq(recorder.callCount(), 0);
    }

    function test_executeSlash_revertsWith_AttestationSlashNotQueued_whenExecutedTwice() public {
        (bytes32 id,) = _queued();
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        registry.executeSlash(id);
        vm.assertEq(recorder.callCount(), 1);
    }

    // ------------------------------------------------------------------ cancelSlash

    function test_cancelSlash_guardianRestoresProvider() public {
        (bytes32 id,) = _queued();
        vm.expectCall(address(recorder), abi.encodeCall(SlashRecorder.setFrozen, (provider, ROLE, false)));
        vm.expectEmit(true, true, false, true, address(registry));
        emit IAttestationRegistry.SlashCancelled(id, provider, ROLE, guardian);
        vm.prank(guardian);
        registry.cancelSlash(id);
        vm.assertEq(uint256(registry.queuedSlash(id).status), uint256(IAttestationRegistry.SlashStatus.Cancelled));
        vm.assertFalse(registry.failedInEpoch(0, provider));
        vm.assertFalse(recorder.frozen(provider, ROLE));
        vm.assertEq(recorder.callCount(), 0);
    }

    function test_cancelSlash_governanceMayCancel() public {
        (bytes32 id,) = _queued();
        vm.expectEmit(true, true, false, true, address(registry));
        emit IAttestationRegistry.SlashCancelled(id, provider, ROLE, admin);
        vm.prank(admin);
        registry.cancelSlash(id);
        vm.assertEq(uint256(registry.queuedSlash(id).status), uint256(IAttestationRegistry.SlashStatus.Cancelled));
    }

    function test_cancelSlash_worksAfterVetoWindowUntilExecuted() public {
        (bytes32 id,) = _queued();
        vm.warp(_now() + 10 days);
        vm.prank(guardian);
        registry.cancelSlash(id);
        vm.assertFalse(recorder.frozen(provider, ROLE));
    }

    /// @dev `failedInEpoch` is per provider: cancelling the slash of one role keeps the forfeiture caused by the
    /// other role's slash.
    function test_cancelSlash_keepsFailedInEpoch_whileOtherRoleSlashed() public {
        (bytes32 id,) = _queued();
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _next(0, JOBS);
        _submit(a, rp, sigs);
        vm.prank(guardian);
        registry.cancelSlash(id);
        vm.assertTrue(registry.failedInEpoch(0, provider));
        vm.assertTrue(recorder.frozen(provider, OTHER_ROLE));
        vm.assertFalse(recorder.frozen(provider, ROLE));
    }

    function test_cancelSlash_keepsFrozen_whileAnotherSlashQueued() public {
        (bytes32 id0,) = _queued();
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(1, 0);
        bytes32 id1 = _submit(a, rp, sigs);
        vm.prank(guardian);
        registry.cancelSlash(id1);
        vm.assertTrue(recorder.frozen(provider, ROLE));
        vm.assertFalse(registry.failedInEpoch(1, provider));
        vm.assertTrue(registry.failedInEpoch(0, provider));
        vm.prank(guardian);
        registry.cancelSlash(id0);
        vm.assertFalse(recorder.frozen(provider, ROLE));
    }

    function test_cancelSlash_revertsWith_AttestationNotGuardian_whenCallerNotGuardian() public {
        (bytes32 id,) = _queued();
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotGuardian.selector, stranger));
        vm.prank(stranger);
        registry.cancelSlash(id);
        // Neither the provider nor a verifier may cancel.
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotGuardian.selector, provider));
        vm.prank(provider);
        registry.cancelSlash(id);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationNotGuardian.selector, vm.addr(PK1))
        );
        vm.prank(vm.addr(PK1));
        registry.cancelSlash(id);
        vm.assertEq(uint256(registry.queuedSlash(id).status), uint256(IAttestationRegistry.SlashStatus.Queued));
        vm.assertTrue(recorder.frozen(provider, ROLE));
    }

    function test_cancelSlash_revertsWith_AttestationSlashNotQueued_whenUnknown() public {
        bytes32 id = keccak256("unknown");
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        vm.prank(guardian);
        registry.cancelSlash(id);
    }

    function test_cancelSlash_revertsWith_AttestationSlashNotQueued_whenExecuted() public {
        (bytes32 id,) = _queued();
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        vm.prank(guardian);
        registry.cancelSlash(id);
        vm.assertTrue(registry.failedInEpoch(0, provider));
    }

    function test_cancelSlash_revertsWith_AttestationSlashNotQueued_whenCancelledTwice() public {
        (bytes32 id,) = _queued();
        vm.startPrank(guardian);
        registry.cancelSlash(id);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        registry.cancelSlash(id);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ setVerifier

    function test_setVerifier_enablesAndDisables() public {
        address v = makeAddr("v");
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.VerifierSet(v, true);
        vm.prank(admin);
        registry.setVerifier(v, true);
        vm.assertTrue(registry.isVerifier(v));
        vm.assertEq(registry.verifierCount(), 4);
        vm.prank(admin);
        registry.setVerifier(v, false);
        vm.assertFalse(registry.isVerifier(v));
        vm.assertEq(registry.verifierCount(), 3);
    }

    function test_setVerifier_isIdempotent() public {
        vm.startPrank(admin);
        registry.setVerifier(vm.addr(PK1), true);
        vm.assertEq(registry.verifierCount(), 3);
        registry.setVerifier(stranger, false);
        vm.assertEq(registry.verifierCount(), 3);
        vm.stopPrank();
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

    // ------------------------------------------------------------------ setSamplingRate / setSlashFraction

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

    // ------------------------------------------------------------------ setVetoWindow

    function testFuzz_setVetoWindow_acceptsUpToThirtyDays(uint256 window) public {
        window = bound(window, 0, 30 days);
        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.VetoWindowSet(window);
        vm.prank(admin);
        registry.setVetoWindow(window);
        vm.assertEq(registry.vetoWindow(), window);
    }

    function test_setVetoWindow_doesNotMoveQueuedSlashes() public {
        (bytes32 id,) = _queued();
        uint256 executableAt = registry.queuedSlash(id).executableAt;
        vm.prank(admin);
        registry.setVetoWindow(30 days);
        vm.assertEq(uint256(registry.queuedSlash(id).executableAt), executableAt);
    }

    function testFuzz_setVetoWindow_revertsWith_AttestationInvalidParameter_whenAboveThirtyDays(uint256 window)
        public
    {
        window = bound(window, 30 days + 1, type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        vm.prank(admin);
        registry.setVetoWindow(window);
    }

    function test_setVetoWindow_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, GOVERNANCE_ROLE)
        );
        vm.prank(guardian);
        registry.setVetoWindow(1 days);
    }

    // ------------------------------------------------------------------ setCommitter

    function test_setCommitter_setsAndEmits() public {
        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.CommitterSet(stranger);
        vm.prank(admin);
        registry.setCommitter(stranger);
        vm.assertEq(registry.committer(), stranger);
        // The previous committer lost the right.
        vm.roll(110);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationNotCommitter.selector, committer));
        vm.prank(committer);
        registry.commitEpoch(0, bytes32(0), 0, bytes32(0));
    }

    function test_setCommitter_revertsWith_AttestationInvalidParameter_whenZero() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidParameter.selector));
        vm.prank(admin);
        registry.setCommitter(address(0));
    }

    function test_setCommitter_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, committer, GOVERNANCE_ROLE)
        );
        vm.prank(committer);
        registry.setCommitter(committer);
    }

    // ------------------------------------------------------------------ setUnattestedPolicy

    function test_setUnattestedPolicy_setsAndEmits() public {
        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.UnattestedPolicySet(UnattestedPolicy.FORFEIT);
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.FORFEIT);

        vm.expectEmit(false, false, false, true, address(registry));
        emit IAttestationRegistry.UnattestedPolicySet(UnattestedPolicy.REFUND);
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.REFUND);
        vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.REFUND);
    }

    /// @dev Retroactive-outcome attempt: governance seeds epoch N under REFUND, then switches to FORFEIT to keep
    /// the requesters' fees of N's unattested samples after the fact. N keeps REFUND; only epochs seeded afterwards get
    /// FORFEIT.
    function test_setUnattestedPolicy_doesNotChangeSeededEpoch() public {
        _commitAndSeed(4, _receipts(4));
        vm.assertEq(uint256(registry.epochUnattestedPolicy(4)), UnattestedPolicy.REFUND);
        _commit(5, _receipts(5)); // committed, not yet seeded

        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(4)), UnattestedPolicy.REFUND);
        // Recording the seed again (to re-freeze) is refused.
        vm.roll(_blockNumber() + 1);
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSeedAlreadyRecorded.selector, 4));
        registry.recordEpochSeed(4);

        _seed(5);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(5)), UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.epochUnattestedPolicy(4)), UnattestedPolicy.REFUND);
    }

    function test_setUnattestedPolicy_revertsWith_AttestationInvalidPolicy_whenTwo() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidPolicy.selector, 2));
        vm.prank(admin);
        registry.setUnattestedPolicy(2);
        vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.REFUND);
    }

    function test_setUnattestedPolicy_revertsWith_AttestationInvalidPolicy_when255() public {
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidPolicy.selector, 255));
        vm.prank(admin);
        registry.setUnattestedPolicy(type(uint8).max);
        vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.REFUND);
    }

    function test_setUnattestedPolicy_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, stranger, GOVERNANCE_ROLE)
        );
        vm.prank(stranger);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        // Neither the guardian nor the committer may change it.
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, guardian, GOVERNANCE_ROLE)
        );
        vm.prank(guardian);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, committer, GOVERNANCE_ROLE)
        );
        vm.prank(committer);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.REFUND);
    }

    /// @dev Any uint8: 0 and 1 are stored and announced; every other value reverts with its own value and leaves
    /// the current policy unchanged.
    function testFuzz_setUnattestedPolicy_storesValidAndRejectsInvalid(uint8 policy) public {
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        if (policy < UnattestedPolicy.COUNT) {
            vm.expectEmit(false, false, false, true, address(registry));
            emit IAttestationRegistry.UnattestedPolicySet(policy);
            vm.prank(admin);
            registry.setUnattestedPolicy(policy);
            vm.assertEq(uint256(registry.unattestedPolicy()), policy);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationInvalidPolicy.selector, policy));
            vm.prank(admin);
            registry.setUnattestedPolicy(policy);
            vm.assertEq(uint256(registry.unattestedPolicy()), UnattestedPolicy.FORFEIT);
        }
    }
}

/// @notice End-to-end with the real StakingManager and tokens: a 2-of-3 quorum queues a slash of a staked provider,
/// the stake is frozen during the veto window, then the slash is executed (or cancelled by the guardian).
contract AttestationRegistryIntegrationTest is AttestationRegistryFixture {
    StakingManager internal stakingManager;
    OctoToken internal octo;
    address[8] internal roleTokens;
    address internal treasury;

    uint256 internal constant OCTO_STAKE = 5_000e18;
    uint256 internal constant ROLE_STAKE = 500e18;
    uint256 internal constant OCTO_UNBOND = 2_000e18;
    uint256 internal constant ROLE_UNBOND = 200e18;

    function setUp() public override {
        _actors();
        treasury = makeAddr("treasury");
        octo = TestTokens.deployOcto(admin, address(this), 1_000_000_000e18);
        roleTokens = TestTokens.deployRoleTokens(admin, address(this), 1_000_000e18);
        stakingManager = new StakingManager(address(octo), roleTokens, admin);
        registry = new AttestationRegistry(address(stakingManager), GENESIS, LENGTH, admin);
        vm.startPrank(admin);
        stakingManager.setSlasher(address(registry));
        stakingManager.setTreasury(treasury);
        vm.stopPrank();
        _configure();

        // The provider stakes for ROLE and moves part of it into unbonding (still slashable).
        vm.assertTrue(octo.transfer(provider, OCTO_STAKE));
        vm.assertTrue(IERC20(roleTokens[ROLE]).transfer(provider, ROLE_STAKE));
        vm.startPrank(provider);
        stakingManager.registerProvider(ROLE);
        octo.approve(address(stakingManager), OCTO_STAKE);
        IERC20(roleTokens[ROLE]).approve(address(stakingManager), ROLE_STAKE);
        stakingManager.stake(ROLE, OCTO_STAKE, ROLE_STAKE);
        stakingManager.requestUnbond(ROLE, OCTO_UNBOND, ROLE_UNBOND);
        vm.stopPrank();
    }

    /// @dev Front-running attempt: someone other than the finder (here the provider itself, or a mempool copier)
    /// submits the quorum-signed attestation first; the finder share still goes to `attestation.finder`.
    function test_submitFailAttestation_paysBoundFinder_whenSubmittedByFrontRunner() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submitAs(provider, a, rp, sigs);
        vm.assertEq(registry.queuedSlash(id).finder, finder);
        vm.warp(_now() + 4 days);
        vm.prank(provider);
        registry.executeSlash(id);
        // 10 % of 5,000 OCTO / 500 role tokens (bonded + unbonding), 20 % of it to the finder.
        vm.assertEq(octo.balanceOf(finder), 100e18);
        vm.assertEq(IERC20(roleTokens[ROLE]).balanceOf(finder), 10e18);
        vm.assertEq(octo.balanceOf(provider), 0);
        vm.assertEq(IERC20(roleTokens[ROLE]).balanceOf(provider), 0);
    }

    /// @dev Execute after the window: exactly `fraction` of every bucket is slashed and the finder share goes to the
    /// bound finder; the stake is unfrozen.
    function test_executeSlash_slashesExactFractionAndPaysBoundFinder() public {
        IERC20 roleA = IERC20(roleTokens[ROLE]);
        uint256 octoSupply = octo.totalSupply();
        uint256 roleSupply = roleA.totalSupply();
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.assertTrue(stakingManager.frozen(provider, ROLE));
        // Queueing moves no tokens.
        vm.assertEq(octo.balanceOf(address(stakingManager)), OCTO_STAKE);

        vm.warp(_now() + 4 days);
        uint256 octoSlashed = (OCTO_STAKE - OCTO_UNBOND) / 10 + OCTO_UNBOND / 10; // 500 OCTO
        uint256 roleSlashed = (ROLE_STAKE - ROLE_UNBOND) / 10 + ROLE_UNBOND / 10; // 50
        vm.expectEmit(true, true, true, true, address(stakingManager));
        emit IStakingManager.Slashed(provider, ROLE, a.evidenceHash, 0.1e18, octoSlashed, roleSlashed, finder);
        vm.expectEmit(true, true, true, true, address(stakingManager));
        emit IStakingManager.StakeFrozen(provider, ROLE, false);
        vm.expectEmit(true, true, false, true, address(registry));
        emit IAttestationRegistry.SlashExecuted(id, provider, ROLE);
        registry.executeSlash(id);

        IStakingManager.ProviderStake memory ps = stakingManager.providerStake(provider, ROLE);
        IStakingManager.Unbonding memory u = stakingManager.unbonding(provider, ROLE);
        vm.assertEq(uint256(ps.octo), 2_700e18);
        vm.assertEq(uint256(ps.roleAmount), 270e18);
        vm.assertEq(uint256(u.octo), 1_800e18);
        vm.assertEq(uint256(u.roleAmount), 180e18);
        vm.assertEq(octo.balanceOf(finder), 100e18);
        vm.assertEq(roleA.balanceOf(finder), 10e18);
        vm.assertEq(octo.balanceOf(treasury), 150e18);
        vm.assertEq(roleA.balanceOf(treasury), 15e18);
        vm.assertEq(octoSupply - octo.totalSupply(), 250e18);
        vm.assertEq(roleSupply - roleA.totalSupply(), 25e18);
        vm.assertEq(octo.balanceOf(address(stakingManager)), uint256(ps.octo) + u.octo);
        vm.assertFalse(stakingManager.frozen(provider, ROLE));
        vm.assertTrue(registry.failedInEpoch(0, provider));

        // Unfrozen: the provider may unbond again.
        vm.prank(provider);
        stakingManager.requestUnbond(ROLE, 1e18, 0);
    }

    /// @dev Unbounded-slashing attempt end to end: one epoch costs the provider at most one slash fraction per role.
    function test_submitFailAttestation_revertsWith_AttestationAlreadySlashed_whenSecondJobAfterExecution() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        (a, rp, sigs) = _next(0, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationAlreadySlashed.selector, 0, provider, ROLE)
        );
        _submit(a, rp, sigs);
        vm.assertEq(uint256(stakingManager.providerStake(provider, ROLE).octo), 2_700e18);
    }

    /// @dev Escape attempt during the veto window: the provider tries to unbond or withdraw its frozen stake.
    function test_requestUnbond_revertsWith_StakingFrozen_duringVetoWindow() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        _submit(a, rp, sigs);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFrozen.selector, provider, ROLE));
        vm.prank(provider);
        stakingManager.requestUnbond(ROLE, 1e18, 0);
    }

    function test_withdraw_revertsWith_StakingFrozen_duringVetoWindow() public {
        // The unbonding bucket matures during the veto window.
        vm.prank(admin);
        registry.setVetoWindow(30 days);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        _submit(a, rp, sigs);
        vm.warp(_now() + 8 days);
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFrozen.selector, provider, ROLE));
        vm.prank(provider);
        stakingManager.withdraw(ROLE);
        vm.assertEq(octo.balanceOf(address(stakingManager)), OCTO_STAKE);
    }

    /// @dev Guardian veto: no tokens move, the stake is unfrozen, the epoch is not forfeited, and the slash can
    /// no longer be executed.
    function test_cancelSlash_restoresProviderWithoutMovingTokens() public {
        uint256 octoSupply = octo.totalSupply();
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.expectEmit(true, true, true, true, address(stakingManager));
        emit IStakingManager.StakeFrozen(provider, ROLE, false);
        vm.prank(guardian);
        registry.cancelSlash(id);

        vm.assertFalse(stakingManager.frozen(provider, ROLE));
        vm.assertFalse(registry.failedInEpoch(0, provider));
        vm.assertEq(octo.balanceOf(address(stakingManager)), OCTO_STAKE);
        vm.assertEq(octo.totalSupply(), octoSupply);
        vm.assertEq(octo.balanceOf(finder), 0);
        vm.assertEq(uint256(stakingManager.providerStake(provider, ROLE).octo), OCTO_STAKE - OCTO_UNBOND);

        vm.warp(_now() + 7 days); // past the veto window and the unbonding period
        vm.expectRevert(abi.encodeWithSelector(IAttestationRegistry.AttestationSlashNotQueued.selector, id));
        registry.executeSlash(id);
        // The provider can leave again.
        vm.prank(provider);
        stakingManager.withdraw(ROLE);
        vm.assertEq(octo.balanceOf(provider), OCTO_UNBOND);
    }

    function test_submitFailAttestation_revertsWith_StakingUnauthorizedSlasher_whenRegistryNotSlasher() public {
        vm.prank(admin);
        stakingManager.setSlasher(stranger);
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingManager.StakingUnauthorizedSlasher.selector, address(registry))
        );
        _submit(a, rp, sigs);
    }

    /// @dev The staking cap is lowered below the queued fraction: execution slashes at the cap instead of getting
    /// stuck.
    function test_executeSlash_slashesAtStakingCap_whenCapLoweredAfterQueueing() public {
        (IAttestationRegistry.Attestation memory a, IAttestationRegistry.ReceiptProof memory rp, bytes[] memory sigs) =
            _ready(0, 0);
        bytes32 id = _submit(a, rp, sigs);
        vm.prank(admin);
        stakingManager.setMaxSlashFraction(0.05e18);
        vm.warp(_now() + 4 days);
        registry.executeSlash(id);
        vm.assertEq(uint256(stakingManager.providerStake(provider, ROLE).octo), 2_850e18);
    }
}
