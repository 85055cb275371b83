// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestationRegistry} from "../../src/AttestationRegistry.sol";
import {IAttestationRegistry} from "../../src/interfaces/IAttestationRegistry.sol";

import {Test} from "../utils/Test.sol";
import {SlashRecorder} from "../utils/SlashRecorder.sol";
import {AttestationRegistryHandler} from "./handlers/AttestationRegistryHandler.sol";

/// @notice Invariants of the AttestationRegistry v2 under random commitments, seeds, fail attestations (valid and
/// attacks), executions, cancellations, time and governance changes (veto window, quorum, sampling rate,
/// unattested-sample policy): at most one slash per (provider, role, epoch); no slash executed before its veto
/// window; no seed without a prior commitment; the stake of a (provider, role) is frozen exactly while one of its
/// slashes is queued; the finder paid is the signed one; `failedInEpoch` matches the live slashes; each epoch's
/// unattested-sample policy is the one in force at its seed, whatever governance sets later.
contract AttestationRegistryInvariantTest is Test {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    AttestationRegistryHandler internal handler;
    AttestationRegistry internal registry;
    SlashRecorder internal recorder;

    function setUp() public {
        handler = new AttestationRegistryHandler();
        registry = handler.registry();
        recorder = handler.recorder();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory s = new bytes4[](12);
        s[0] = AttestationRegistryHandler.commit.selector;
        s[1] = AttestationRegistryHandler.recordSeed.selector;
        s[2] = AttestationRegistryHandler.submitFail.selector;
        s[3] = AttestationRegistryHandler.submitFail.selector;
        s[4] = AttestationRegistryHandler.executeSlash.selector;
        s[5] = AttestationRegistryHandler.cancelSlash.selector;
        s[6] = AttestationRegistryHandler.warp.selector;
        s[7] = AttestationRegistryHandler.setVetoWindow.selector;
        s[8] = AttestationRegistryHandler.setQuorum.selector;
        s[9] = AttestationRegistryHandler.setSamplingRate.selector;
        s[10] = AttestationRegistryHandler.submitFail.selector;
        s[11] = AttestationRegistryHandler.setUnattestedPolicy.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector({addr: address(handler), selectors: s});
    }

    /// @notice The handler reaches the accept, execute and cancel paths (the campaign is not vacuous), and the
    /// invariants hold afterwards.
    function test_handler_acceptsExecutesAndCancels() public {
        for (uint64 e = 0; e < handler.EPOCHS(); ++e) {
            // Epochs 0 and 2 are seeded under REFUND, epoch 1 under FORFEIT; 2 + e is invalid and rejected.
            // forge-lint: disable-next-line(unsafe-typecast)
            handler.setUnattestedPolicy(uint8(e % 2)); // < 2
            // forge-lint: disable-next-line(unsafe-typecast)
            handler.setUnattestedPolicy(uint8(2 + e)); // < 5
            handler.commit(e);
            handler.recordSeed(e, keccak256(abi.encode(e)), 1);
            for (uint256 i = 0; i < handler.PROVIDERS() * handler.ROLES() * handler.JOBS_PER(); ++i) {
                handler.submitFail(e, i, 0, 7, i, i % 2 == 0);
                handler.submitFail(e, i, 8, 7, i, false); // free-form jobId: always rejected
                handler.submitFail(e, i, 10, 7, i, false); // finder changed after signing: always rejected
            }
        }
        vm.assertGt(handler.acceptedCalls(), 3, "accepted");
        handler.executeSlash(0); // before the window: rejected
        vm.assertEq(handler.executedCalls(), 0, "executed early");
        handler.cancelSlash(1, 0); // stranger: rejected
        handler.cancelSlash(1, 1);
        handler.warp(2 days);
        handler.executeSlash(0);
        handler.executeSlash(1); // cancelled: rejected
        vm.assertEq(handler.executedCalls(), 1, "executed");
        vm.assertEq(handler.cancelledCalls(), 1, "cancelled");
        vm.assertEq(handler.seededCalls(), 3, "seeded");
        invariant_atMostOneSlashPerProviderRoleEpoch();
        invariant_slashExecutedOnlyAfterVetoWindow();
        invariant_noSeedWithoutCommitment();
        invariant_frozenExactlyWhileSlashQueued();
        vm.assertEq(uint256(registry.epochUnattestedPolicy(1)), 1, "epoch 1 policy");
        invariant_unattestedPolicyFrozenAtSeed();
    }

    /// @notice At most one slash (queued, executed or cancelled) was ever recorded per (provider, role, epoch), and
    /// only well-formed, quorum-signed attestations of committed receipts were accepted.
    function invariant_atMostOneSlashPerProviderRoleEpoch() public view {
        vm.assertEq(handler.ghostAcceptedAttack(), 0, "attack accepted");
        uint64 epochs = handler.EPOCHS();
        for (uint64 e = 0; e < epochs; ++e) {
            for (uint256 p = 0; p < handler.PROVIDERS(); ++p) {
                address provider = handler.providerAt(p);
                for (uint8 r = 0; r < handler.ROLES(); ++r) {
                    uint256 n = handler.ghostAccepted(e, provider, r);
                    vm.assertLe(n, 1, "two slashes for one (provider, role, epoch)");
                    IAttestationRegistry.QueuedSlash memory s = registry.queuedSlash(registry.slashId(e, provider, r));
                    vm.assertEq(s.status != IAttestationRegistry.SlashStatus.None, n == 1, "slash record");
                }
            }
        }
        vm.assertEq(recorder.callCount(), handler.ghostExecutedTotal(), "slash calls != executions");
    }

    /// @notice Every executed slash was executed at or after queuedAt + vetoWindow (the window in force at
    /// queueing); none was cancelled by a non-guardian; executed and cancelled are exclusive; the finder is the
    /// signed one.
    function invariant_slashExecutedOnlyAfterVetoWindow() public view {
        vm.assertEq(handler.ghostExecutedEarly(), 0, "executed early");
        vm.assertEq(handler.ghostCancelledByNonGuardian(), 0, "cancelled by non-guardian");
        vm.assertEq(handler.ghostWrongFinderPaid(), 0, "wrong finder");
        uint256 n = handler.idCount();
        for (uint256 i = 0; i < n; ++i) {
            bytes32 id = handler.ids(i);
            IAttestationRegistry.QueuedSlash memory s = registry.queuedSlash(id);
            vm.assertEq(uint256(s.executableAt), handler.ghostQueuedAt(id) + handler.ghostWindow(id), "executableAt");
            vm.assertFalse(handler.ghostExecuted(id) && handler.ghostCancelled(id), "executed and cancelled");
            if (handler.ghostExecuted(id)) {
                vm.assertEq(uint256(s.status), uint256(IAttestationRegistry.SlashStatus.Executed), "status executed");
                vm.assertGe(handler.ghostExecutedAt(id), s.executableAt, "executed before window");
            } else if (handler.ghostCancelled(id)) {
                vm.assertEq(uint256(s.status), uint256(IAttestationRegistry.SlashStatus.Cancelled), "status cancelled");
            } else {
                vm.assertEq(uint256(s.status), uint256(IAttestationRegistry.SlashStatus.Queued), "status queued");
            }
        }
    }

    /// @notice No seed without a commitment, and always recorded strictly after the commitment's block.
    function invariant_noSeedWithoutCommitment() public view {
        vm.assertEq(handler.ghostSeedWithoutCommit(), 0, "seed without commitment");
        for (uint64 e = 0; e < handler.EPOCHS(); ++e) {
            uint256 seedBlock = registry.epochSeedBlock(e);
            uint256 committedBlock = registry.epochCommitment(e).committedBlock;
            if (seedBlock != 0) {
                vm.assertTrue(committedBlock != 0, "seeded but not committed");
                vm.assertGt(seedBlock, committedBlock, "seed not after commitment");
                vm.assertEq(seedBlock, handler.ghostSeedBlock(e), "seed block");
            } else {
                vm.assertEq(registry.epochSeed(e), bytes32(0), "seed without block");
            }
            vm.assertEq(committedBlock, handler.ghostCommittedBlock(e), "committed block");
        }
    }

    /// @notice Frozen stake cannot leave: a (provider, role) is frozen in the StakingManager exactly while at least
    /// one of its slashes is queued; `failedInEpoch` is true exactly while the provider has a queued or executed
    /// slash in the epoch.
    function invariant_frozenExactlyWhileSlashQueued() public view {
        uint256 n = handler.idCount();
        for (uint256 p = 0; p < handler.PROVIDERS(); ++p) {
            address provider = handler.providerAt(p);
            for (uint8 r = 0; r < handler.ROLES(); ++r) {
                bool anyQueued;
                for (uint256 i = 0; i < n; ++i) {
                    IAttestationRegistry.QueuedSlash memory s = registry.queuedSlash(handler.ids(i));
                    if (
                        s.provider == provider && s.role == r && s.status == IAttestationRegistry.SlashStatus.Queued
                    ) anyQueued = true;
                }
                vm.assertEq(recorder.frozen(provider, r), anyQueued, "frozen != queued slash exists");
            }
            for (uint64 e = 0; e < handler.EPOCHS(); ++e) {
                bool live;
                for (uint8 r = 0; r < handler.ROLES(); ++r) {
                    IAttestationRegistry.SlashStatus st = registry.queuedSlash(registry.slashId(e, provider, r)).status;
                    if (
                        st == IAttestationRegistry.SlashStatus.Queued
                            || st == IAttestationRegistry.SlashStatus.Executed
                    ) live = true;
                }
                vm.assertEq(registry.failedInEpoch(e, provider), live, "failedInEpoch");
            }
        }
    }

    /// @notice The current unattested-sample policy is the last valid value governance set (never an invalid one),
    /// and each epoch's frozen policy is the one in force when its seed was recorded (0 while unseeded): a later
    /// change never alters a seeded epoch's outcome.
    function invariant_unattestedPolicyFrozenAtSeed() public view {
        vm.assertEq(handler.ghostInvalidPolicyAccepted(), 0, "invalid policy accepted");
        vm.assertEq(uint256(registry.unattestedPolicy()), uint256(handler.ghostPolicy()), "current policy");
        for (uint64 e = 0; e < handler.EPOCHS(); ++e) {
            uint256 expected = registry.epochSeedBlock(e) != 0 ? handler.ghostSeedPolicy(e) : 0;
            vm.assertEq(uint256(registry.epochUnattestedPolicy(e)), expected, "frozen policy");
        }
    }
}
