// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @dev Address of forge's cheatcode handler: 0x7109709ECfa91a80626fF3989D68f67F5b1DD12D.
address constant VM_ADDRESS = address(uint160(uint256(keccak256("hevm cheat code"))));

/// @notice The forge cheatcodes the test suites use. forge-std is not installed in this offline toolchain, so the
/// declarations are local; names, parameter types and mutability are forge's own (see forge-std `Vm.sol`).
interface Vm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    // ---- keys and signatures
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    // ---- environment
    function warp(uint256 newTimestamp) external;
    function getBlockTimestamp() external view returns (uint256 timestamp);
    function roll(uint256 newHeight) external;
    function setBlockhash(uint256 blockNumber, bytes32 blockHash) external;
    function chainId(uint256 newChainId) external;
    function deal(address account, uint256 newBalance) external;
    function cool(address target) external;

    // ---- pranks
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;

    // ---- expectations
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function expectCall(address callee, bytes calldata data) external;
    function assume(bool condition) external pure;

    // ---- logs
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);

    // ---- utilities
    function label(address account, string calldata newLabel) external;
    function toString(uint256 value) external pure returns (string memory stringifiedValue);
    function snapshotGasLastCall(string calldata group, string calldata name) external returns (uint256 gasUsed);

    // ---- assertions
    function assertTrue(bool condition) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertEq(bool left, bool right) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(uint256 left, uint256 right) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertEq(string calldata left, string calldata right) external pure;
    function assertEq(string calldata left, string calldata right, string calldata error) external pure;
    function assertNotEq(bytes32 left, bytes32 right) external pure;
    function assertLe(uint256 left, uint256 right) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right) external pure;
    function assertGe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGt(uint256 left, uint256 right, string calldata error) external pure;
}

/// @notice The one test base of the suite (unit, invariant, handlers, gas): the cheatcode handle `vm` and forge-std
/// style helpers (assertions with a message, `bound`, `makeAddr`, time, console output). Every helper is internal,
/// so a handler deriving from it exposes no extra selectors to the invariant fuzzer.
abstract contract Test {
    Vm internal constant vm = Vm(VM_ADDRESS);
    address private constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

    // ------------------------------------------------------------------ assertions

    function assertTrue(bool c, string memory m) internal pure {
        vm.assertTrue(c, m);
    }

    function assertFalse(bool c, string memory m) internal pure {
        vm.assertFalse(c, m);
    }

    function assertEq(uint256 a, uint256 b, string memory m) internal pure {
        vm.assertEq(a, b, m);
    }

    function assertEq(address a, address b, string memory m) internal pure {
        vm.assertEq(a, b, m);
    }

    function assertEq(bool a, bool b, string memory m) internal pure {
        vm.assertEq(a, b, m);
    }

    function assertEq(bytes32 a, bytes32 b, string memory m) internal pure {
        vm.assertEq(a, b, m);
    }

    function assertEq(string memory a, string memory b, string memory m) internal pure {
        vm.assertEq(a, b, m);
    }

    function assertLe(uint256 a, uint256 b, string memory m) internal pure {
        vm.assertLe(a, b, m);
    }

    function assertLt(uint256 a, uint256 b, string memory m) internal pure {
        vm.assertLt(a, b, m);
    }

    function assertGe(uint256 a, uint256 b, string memory m) internal pure {
        vm.assertGe(a, b, m);
    }

    // ------------------------------------------------------------------ fuzzing and actors

    /// @dev Maps `x` into [min, max] (inclusive) by modulo; identity when already inside; uniform enough for fuzzing.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev A deterministic address derived from `name` (its key is keccak256(name)), labelled `name`.
    function makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }

    // ------------------------------------------------------------------ time

    /// @dev The current block timestamp, read through the cheatcode: under via-IR the optimizer may reuse an
    /// earlier `block.timestamp` read across `vm.warp`, so time-sensitive tests read the time through this helper.
    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    /// @dev Advances the block timestamp by `seconds_` (from the VM's view of the current time).
    function _skip(uint256 seconds_) internal {
        vm.warp(vm.getBlockTimestamp() + seconds_);
    }

    // ------------------------------------------------------------------ console

    /// @dev console.log(string, uint256) through forge's console address.
    function logUint(string memory label_, uint256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", label_, value));
        ok; // the console address never fails; the result is irrelevant
    }
}
