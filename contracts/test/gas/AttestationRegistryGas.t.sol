// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AttestationRegistry} from "../../src/AttestationRegistry.sol";
import {UnattestedPolicy} from "../../src/libraries/UnattestedPolicy.sol";
import {Test, VM_ADDRESS} from "../utils/Test.sol";

/// @dev forge cheatcodes not declared in test/utils/Test.sol.
interface VmGas {
    function snapshotValue(string calldata group, string calldata name, uint256 value) external;
}

/// @notice Gas of `AttestationRegistry.recordEpochSeed`, the keeper transaction that draws an epoch's seed and
/// freezes its per-epoch parameters (sampling rate, unattested-sample policy), measured as its own transaction in
/// isolation mode (cold slots and accounts as on chain). Figures go to snapshots/AttestationRegistry.json:
/// whole-transaction (`<name>_tx`, `vm.snapshotGasLastCall`) and execution-only (`<name>`: minus the intrinsic
/// 21,000 and the calldata cost, 4 gas per zero byte and 16 per other byte). `recordEpochSeed` runs with the default
/// policy (REFUND, 0: the frozen byte keeps its zero value), `recordEpochSeed_forfeit` with FORFEIT (1: the
/// frozen byte changes a slot that the commitment already made non-zero).
contract AttestationRegistryGasTest is Test {
    VmGas internal constant vmg = VmGas(VM_ADDRESS);

    uint256 internal constant GENESIS = 100;
    uint256 internal constant LENGTH = 100;
    uint64 internal constant EPOCH = 1;

    AttestationRegistry internal registry;
    address internal admin = address(0xAD);
    address internal committer = address(0xC0);
    address internal keeper = address(0x6EE);
    address internal stakingAddr = address(0x57A);

    function setUp() external {
        registry = new AttestationRegistry(stakingAddr, GENESIS, LENGTH, admin);
        vm.prank(admin);
        registry.setCommitter(committer);
        // Epoch 1 closed and committed; the seed is recorded in the next block.
        vm.roll(registry.closingBlock(EPOCH) + 1);
        vm.prank(committer);
        registry.commitEpoch(EPOCH, keccak256("receipts"), 1_000, keccak256("data"));
        vm.roll(registry.closingBlock(EPOCH) + 2);
    }

    /// forge-config: default.isolate = true
    function test_gas_recordEpochSeed() external {
        vm.prank(keeper);
        registry.recordEpochSeed(EPOCH);
        _record("recordEpochSeed", abi.encodeCall(registry.recordEpochSeed, (EPOCH)));
        vm.assertEq(registry.epochSeedBlock(EPOCH), registry.closingBlock(EPOCH) + 2);
        vm.assertEq(registry.epochSamplingRateWad(EPOCH), 0.05e18);
        vm.assertEq(registry.epochUnattestedPolicy(EPOCH), UnattestedPolicy.REFUND);
    }

    /// forge-config: default.isolate = true
    function test_gas_recordEpochSeed_forfeit() external {
        vm.prank(admin);
        registry.setUnattestedPolicy(UnattestedPolicy.FORFEIT);
        vm.prank(keeper);
        registry.recordEpochSeed(EPOCH);
        _record("recordEpochSeed_forfeit", abi.encodeCall(registry.recordEpochSeed, (EPOCH)));
        vm.assertEq(registry.epochUnattestedPolicy(EPOCH), UnattestedPolicy.FORFEIT);
    }

    /// @dev Records the last call's whole-transaction gas as `<name>_tx` and its execution gas as `<name>`.
    function _record(string memory name, bytes memory data) internal {
        uint256 txGas = vm.snapshotGasLastCall("AttestationRegistry", string.concat(name, "_tx"));
        uint256 calldataGas;
        for (uint256 i; i < data.length; ++i) {
            calldataGas += data[i] == 0 ? 4 : 16;
        }
        vmg.snapshotValue("AttestationRegistry", name, txGas - 21_000 - calldataGas);
    }
}
