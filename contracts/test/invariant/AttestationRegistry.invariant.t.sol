// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestationRegistry} from "../../src/AttestationRegistry.sol";

import {Test} from "../utils/Test.sol";
import {SlashRecorder} from "../utils/SlashRecorder.sol";
import {AttestationRegistryHandler} from "./handlers/AttestationRegistryHandler.sol";

/// @notice Invariants of the AttestationRegistry under random seeds, submissions (valid, replayed, malformed,
/// under-signed, unsorted, outsider-signed, from verifiers, disabled verifiers, an outsider and the cheating provider),
/// pass commitments and governance changes (verifier set, quorum, sampling rate).
contract AttestationRegistryInvariantTest is Test {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    AttestationRegistryHandler internal handler;
    AttestationRegistry internal registry;
    SlashRecorder internal recorder;

    // The universe, precomputed so that each invariant check makes few external calls.
    uint64 internal epochs;
    bytes32[] internal jobIds;
    bytes32[][] internal evidence; // [epoch][job]
    address[] internal providers;
    address[] internal keyAddrs;

    function setUp() public {
        handler = new AttestationRegistryHandler();
        registry = handler.registry();
        recorder = handler.recorder();
        epochs = handler.EPOCHS();
        for (uint256 j = 0; j < handler.JOBS(); ++j) {
            jobIds.push(handler.jobId(j));
        }
        for (uint64 e = 0; e < epochs; ++e) {
            evidence.push();
            for (uint256 j = 0; j < jobIds.length; ++j) {
                evidence[e].push(handler.evidenceOf(e, jobIds[j]));
            }
        }
        for (uint256 p = 0; p < handler.PROVIDERS(); ++p) {
            providers.push(handler.providerAt(p));
        }
        for (uint256 k = 0; k < handler.KEYS(); ++k) {
            keyAddrs.push(handler.keyAddressAt(k));
        }
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory s = new bytes4[](7);
        s[0] = AttestationRegistryHandler.recordSeed.selector;
        s[1] = AttestationRegistryHandler.submitFail.selector;
        s[2] = AttestationRegistryHandler.commitPass.selector;
        s[3] = AttestationRegistryHandler.setVerifier.selector;
        s[4] = AttestationRegistryHandler.setQuorum.selector;
        s[5] = AttestationRegistryHandler.setSamplingRate.selector;
        s[6] = AttestationRegistryHandler.submitFail.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector({addr: address(handler), selectors: s});
    }

    /// @notice A (epoch, jobId) is slashed at most once, `slashed` says exactly whether it was, and every slash
    /// that reached the StakingManager came from the registry for an accepted attestation.
    function invariant_jobSlashedAtMostOnce() public view {
        for (uint64 e = 0; e < epochs; ++e) {
            for (uint256 j = 0; j < jobIds.length; ++j) {
                uint256 calls = recorder.slashCountByEvidence(evidence[e][j]);
                vm.assertLe(calls, 1, "slashed twice");
                vm.assertEq(handler.ghostAcceptedCount(e, jobIds[j]), calls, "slash calls != accepted attestations");
                vm.assertEq(registry.slashed(e, jobIds[j]), calls == 1, "slashed flag");
            }
        }
        uint256 n = recorder.callCount();
        vm.assertEq(n, handler.ghostAcceptedTotal(), "slash calls");
        if (n > 0) {
            SlashRecorder.SlashCall memory c = recorder.callAt(n - 1);
            vm.assertEq(c.caller, address(registry));
            vm.assertEq(c.finder, handler.ghostLastFinder());
        }
    }

    /// @notice Every accepted fail attestation was submitted by an account that was a verifier at that moment (so the
    /// finder share never goes to a non-verifier, in particular not to the slashed provider).
    function invariant_onlyVerifiersSubmit() public view {
        vm.assertEq(handler.ghostAcceptedFromNonVerifier(), 0, "accepted from a non-verifier");
    }

    /// @notice Each seeded epoch keeps the sampling rate in force when its seed was recorded, whatever the later
    /// rate changes; `isSampledInEpoch` follows the frozen rate; every slashed job was sampled at that rate.
    function invariant_samplingRateFrozenPerEpoch() public view {
        vm.assertEq(handler.ghostAcceptedUnsampled(), 0, "accepted an unsampled job");
        for (uint64 e = 0; e < epochs; ++e) {
            bytes32 seed = handler.ghostSeed(e);
            uint256 rate = handler.ghostEpochRate(e);
            vm.assertEq(registry.epochSamplingRateWad(e), rate, "epoch rate");
            for (uint256 j = 0; j < jobIds.length; ++j) {
                bool sampled = seed != bytes32(0) && uint256(keccak256(abi.encode(seed, jobIds[j]))) % 1e18 < rate;
                vm.assertEq(registry.isSampledInEpoch(e, jobIds[j]), sampled, "isSampledInEpoch");
                if (registry.slashed(e, jobIds[j])) vm.assertTrue(sampled, "slashed but not sampled");
            }
        }
    }

    /// @notice `failedInEpoch` is set exactly for providers with an accepted fail attestation in that epoch.
    function invariant_failedInEpochOnlyAfterAcceptedAttestation() public view {
        for (uint64 e = 0; e < epochs; ++e) {
            for (uint256 p = 0; p < providers.length; ++p) {
                vm.assertEq(
                    registry.failedInEpoch(e, providers[p]), handler.ghostFailed(e, providers[p]), "failedInEpoch"
                );
            }
        }
    }

    /// @notice Seeds are write-once block hashes, pass commitments exist only where a verifier committed, and
    /// `verifierCount` equals the number of enabled verifiers (all ever enabled are among the handler keys).
    function invariant_bookkeepingMatchesGhost() public view {
        uint256 count;
        for (uint256 k = 0; k < keyAddrs.length; ++k) {
            if (registry.isVerifier(keyAddrs[k])) ++count;
        }
        vm.assertEq(registry.verifierCount(), count, "verifierCount");
        for (uint64 e = 0; e < epochs; ++e) {
            vm.assertEq(registry.epochSeed(e), handler.ghostSeed(e), "seed");
            for (uint256 k = 0; k < keyAddrs.length; ++k) {
                vm.assertEq(
                    registry.passCommitment(e, keyAddrs[k]).committedAt != 0,
                    handler.ghostCommitted(e, keyAddrs[k]),
                    "commitment"
                );
            }
        }
    }
}
