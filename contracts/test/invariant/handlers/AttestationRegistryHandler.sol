// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestationRegistry} from "../../../src/AttestationRegistry.sol";
import {IAttestationRegistry} from "../../../src/interfaces/IAttestationRegistry.sol";
import {Roles} from "../../../src/libraries/Roles.sol";
import {UnattestedPolicy} from "../../../src/libraries/UnattestedPolicy.sol";

import {AttestationSigner} from "../../utils/AttestationSigner.sol";
import {ReceiptTree} from "../../utils/ReceiptTree.sol";
import {SlashRecorder} from "../../utils/SlashRecorder.sol";
import {VM_ADDRESS} from "../../utils/Test.sol";

interface VmRandao {
    function prevrandao(bytes32 newPrevrandao) external;
    function getBlockNumber() external view returns (uint256 height);
}

/// @notice Drives an AttestationRegistry (this handler is its governor, committer and guardian; it slashes into a
/// SlashRecorder) over a small universe: 3 epochs, 3 providers x 2 roles x 2 jobs committed per epoch, 3 verifier
/// keys + 1 outsider key. Submissions are well-formed or attacks (free-form jobId, provider swapped, finder
/// changed after signing, passed / equal outputs, under-signed, unsorted, outsider-signed) from arbitrary senders;
/// slashes are executed (possibly before their window) and cancelled (by the guardian, governance or a stranger);
/// time and blocks move; governance changes the unattested-sample policy (valid and invalid values). Ghost state
/// records what the registry accepted, independently of its storage.
contract AttestationRegistryHandler is AttestationSigner {
    VmRandao internal constant VMR = VmRandao(VM_ADDRESS);

    uint64 public constant EPOCHS = 3;
    uint256 public constant PROVIDERS = 3;
    uint256 public constant ROLES = 2;
    uint256 public constant JOBS_PER = 2; // per (provider, role) and epoch
    uint256 public constant KEYS = 4;

    uint256 public constant GENESIS = 20;
    uint256 public constant LENGTH = 10;

    AttestationRegistry public immutable registry;
    SlashRecorder public immutable recorder;

    uint256[KEYS] internal _keys;
    address[PROVIDERS] internal _providers;
    address internal constant FINDER_A = address(0xF1D0);
    address internal constant FINDER_B = address(0xF1D1);
    address internal constant STRANGER = address(0x5757);

    // ---- ghost state
    mapping(uint64 epoch => bool) public ghostCommitted;
    mapping(uint64 epoch => uint256) public ghostCommittedBlock;
    mapping(uint64 epoch => uint256) public ghostSeedBlock;
    /// @notice The unattested-sample policy in force (as set through this handler) when each epoch was seeded.
    mapping(uint64 epoch => uint8) public ghostSeedPolicy;
    /// @notice The last policy governance set successfully.
    uint8 public ghostPolicy;
    /// @notice Accepted fail attestations per (epoch, provider, role).
    mapping(uint64 epoch => mapping(address provider => mapping(uint8 role => uint256))) public ghostAccepted;
    mapping(bytes32 slashId => uint256) public ghostQueuedAt;
    mapping(bytes32 slashId => uint256) public ghostWindow;
    mapping(bytes32 slashId => uint256) public ghostExecutedAt;
    mapping(bytes32 slashId => bool) public ghostExecuted;
    mapping(bytes32 slashId => bool) public ghostCancelled;
    bytes32[] public ids;
    uint256 public ghostExecutedTotal;
    /// @notice Violations, all must stay 0.
    uint256 public ghostAcceptedAttack; // an attack variant was accepted
    uint256 public ghostExecutedEarly; // executed before queuedAt + window
    uint256 public ghostCancelledByNonGuardian;
    uint256 public ghostSeedWithoutCommit;
    uint256 public ghostWrongFinderPaid;
    uint256 public ghostInvalidPolicyAccepted; // setUnattestedPolicy accepted a value >= UnattestedPolicy.COUNT

    // ---- call statistics
    uint256 public acceptedCalls;
    uint256 public executedCalls;
    uint256 public cancelledCalls;
    uint256 public seededCalls;

    constructor() {
        recorder = new SlashRecorder();
        registry = new AttestationRegistry(address(recorder), GENESIS, LENGTH, address(this));
        _keys = [uint256(0xA11CE), 0xB0B, 0xC4A5E, 0xBAD];
        _providers = [vm.addr(0x1001), vm.addr(0x1002), vm.addr(0x1003)];
        for (uint256 i = 0; i < 3; ++i) {
            registry.setVerifier(vm.addr(_keys[i]), true);
        }
        registry.setQuorum(2);
        registry.setSamplingRate(0.6e18);
        registry.setCommitter(address(this));
        registry.setVetoWindow(1 days);
        registry.grantRole(registry.GUARDIAN_ROLE(), address(this));
    }

    // ------------------------------------------------------------------ receipts

    function receiptOf(uint64 epoch, uint256 index) public view returns (ReceiptTree.Receipt memory r) {
        // index in [0, PROVIDERS * ROLES * JOBS_PER)
        uint256 p = index / (ROLES * JOBS_PER);
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 role = uint8((index / JOBS_PER) % ROLES); // < ROLES
        r = ReceiptTree.Receipt({
            jobId: keccak256(abi.encode("job", epoch, index)),
            provider: _providers[p],
            role: role,
            requester: address(0xEEEE),
            specHash: keccak256(abi.encode("spec", index)),
            outputHash: keccak256(abi.encode("out", epoch, index)),
            workUnits: index + 1,
            fee: 1e15 * (index + 1)
        });
    }

    function _tree(uint64 epoch) internal view returns (bytes32[] memory) {
        uint256 n = PROVIDERS * ROLES * JOBS_PER;
        ReceiptTree.Receipt[] memory rs = new ReceiptTree.Receipt[](n);
        for (uint256 i = 0; i < n; ++i) {
            rs[i] = receiptOf(epoch, i);
        }
        return ReceiptTree.buildFromReceipts(rs);
    }

    // ------------------------------------------------------------------ actions

    function commit(uint256 epochSeed_) external {
        uint64 epoch = uint64(bound(epochSeed_, 0, EPOCHS - 1));
        uint256 closing = registry.closingBlock(epoch);
        if (VMR.getBlockNumber() <= closing) vm.roll(closing + 1);
        bytes32[] memory tree = _tree(epoch);
        try registry.commitEpoch(epoch, ReceiptTree.root(tree), uint32(PROVIDERS * ROLES * JOBS_PER), bytes32(0)) {
            ghostCommitted[epoch] = true;
            ghostCommittedBlock[epoch] = VMR.getBlockNumber();
        } catch {}
    }

    function recordSeed(uint256 epochSeed_, bytes32 randao, uint8 blocks) external {
        uint64 epoch = uint64(bound(epochSeed_, 0, EPOCHS - 1));
        vm.roll(VMR.getBlockNumber() + (blocks % 3));
        VMR.prevrandao(randao);
        try registry.recordEpochSeed(epoch) {
            if (!ghostCommitted[epoch] || VMR.getBlockNumber() <= ghostCommittedBlock[epoch]) {
                ++ghostSeedWithoutCommit;
            }
            ghostSeedBlock[epoch] = VMR.getBlockNumber();
            ghostSeedPolicy[epoch] = ghostPolicy;
            ++seededCalls;
        } catch {}
    }

    /// @param variant 0..7 well-formed; 8 free-form jobId; 9 provider swapped; 10 finder changed after signing;
    /// 11 passed; 12 equal outputs; 13 outsider signs; 14 unsorted; 15 one signature only.
    function submitFail(
        uint256 epochSeed_,
        uint256 receiptSeed,
        uint8 variant,
        uint8 signerBits,
        uint256 senderSeed,
        bool finderB
    ) external {
        uint64 epoch = uint64(bound(epochSeed_, 0, EPOCHS - 1));
        variant = uint8(bound(variant, 0, 15));
        ReceiptTree.Receipt memory r = receiptOf(epoch, bound(receiptSeed, 0, PROVIDERS * ROLES * JOBS_PER - 1));
        bytes32[] memory tree = _tree(epoch);
        IAttestationRegistry.ReceiptProof memory rp = IAttestationRegistry.ReceiptProof({
            requester: r.requester,
            workUnits: r.workUnits,
            fee: r.fee,
            proof: ReceiptTree.proofOf(tree, ReceiptTree.leafHash(r))
        });
        IAttestationRegistry.Attestation memory a = IAttestationRegistry.Attestation({
            epoch: epoch,
            jobId: variant == 8 ? keccak256(abi.encode("free", receiptSeed)) : r.jobId,
            provider: variant == 9 ? _providers[(receiptSeed % PROVIDERS + 1) % PROVIDERS] : r.provider,
            role: r.role,
            specHash: r.specHash,
            claimedOutputHash: r.outputHash,
            recomputedOutputHash: variant == 12 ? r.outputHash : keccak256("recomputed"),
            passed: variant == 11,
            evidenceHash: keccak256(abi.encode("evidence", epoch, r.jobId, variant)),
            finder: finderB ? FINDER_B : FINDER_A
        });
        if (variant == 9 && a.provider == r.provider) a.provider = STRANGER;

        uint256 n;
        uint256[] memory chosen = new uint256[](4);
        for (uint256 i = 0; i < 3; ++i) {
            if (variant == 15 ? i == 0 : ((signerBits >> i) & 1 == 1 || i < 2)) chosen[n++] = _keys[i];
        }
        if (variant == 13) chosen[n++] = _keys[3];
        uint256[] memory signers = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            signers[i] = chosen[i];
        }
        bytes[] memory sigs = _signSorted(signers, _digest(a, block.chainid, address(registry)));
        if (variant == 14) (sigs[0], sigs[n - 1]) = (sigs[n - 1], sigs[0]);
        if (variant == 10) a.finder = STRANGER;

        address sender = senderSeed % 3 == 0 ? a.provider : (senderSeed % 3 == 1 ? STRANGER : vm.addr(_keys[0]));
        vm.prank(sender);
        try registry.submitFailAttestation(a, rp, sigs) returns (bytes32 id) {
            ++ghostAccepted[epoch][a.provider][a.role];
            if (variant >= 8 && variant != 15) ++ghostAcceptedAttack; // 15 passes only with quorum 1
            if (variant == 15 && registry.quorum() > 1) ++ghostAcceptedAttack;
            ghostQueuedAt[id] = _now();
            ghostWindow[id] = registry.vetoWindow();
            ids.push(id);
            if (registry.queuedSlash(id).finder != a.finder) ++ghostWrongFinderPaid;
            ++acceptedCalls;
        } catch {}
    }

    function executeSlash(uint256 idSeed) external {
        if (ids.length == 0) return;
        bytes32 id = ids[idSeed % ids.length];
        uint256 before = recorder.callCount();
        try registry.executeSlash(id) {
            if (_now() < ghostQueuedAt[id] + ghostWindow[id]) ++ghostExecutedEarly;
            ghostExecuted[id] = true;
            ghostExecutedAt[id] = _now();
            ++ghostExecutedTotal;
            ++executedCalls;
            if (recorder.callAt(before).finder != registry.queuedSlash(id).finder) ++ghostWrongFinderPaid;
        } catch {}
    }

    function cancelSlash(uint256 idSeed, uint8 callerSeed) external {
        if (ids.length == 0) return;
        bytes32 id = ids[idSeed % ids.length];
        address caller = callerSeed % 3 == 0 ? STRANGER : address(this);
        if (caller != address(this)) vm.prank(caller);
        try registry.cancelSlash(id) {
            if (caller != address(this)) ++ghostCancelledByNonGuardian;
            ghostCancelled[id] = true;
            ++cancelledCalls;
        } catch {}
    }

    function warp(uint256 seconds_) external {
        vm.warp(_now() + bound(seconds_, 1, 2 days));
        vm.roll(VMR.getBlockNumber() + 1);
    }

    function setVetoWindow(uint256 window) external {
        registry.setVetoWindow(bound(window, 0, 3 days));
    }

    function setQuorum(uint256 q) external {
        registry.setQuorum(bound(q, 1, 3));
    }

    function setSamplingRate(uint256 rate) external {
        registry.setSamplingRate(bound(rate, 0.2e18, 1e18));
    }

    /// @param policy Any uint8: valid (0, 1) and invalid values alike; only valid ones may be accepted.
    function setUnattestedPolicy(uint8 policy) external {
        try registry.setUnattestedPolicy(policy) {
            if (policy >= UnattestedPolicy.COUNT) ++ghostInvalidPolicyAccepted;
            ghostPolicy = policy;
        } catch {}
    }

    // ------------------------------------------------------------------ views for the invariants

    function idCount() external view returns (uint256) {
        return ids.length;
    }

    function providerAt(uint256 i) external view returns (address) {
        return _providers[i];
    }
}
