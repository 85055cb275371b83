// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OctoToken} from "../../src/OctoToken.sol";
import {RoleToken} from "../../src/RoleToken.sol";
import {Roles} from "../../src/libraries/Roles.sol";

/// @title TestTokens
/// @notice Deploys OCTO and the eight role tokens for tests. The calling contract is the deployer; `admin` gets
/// DEFAULT_ADMIN_ROLE on every token (grant MINTER_ROLE from it when a test needs to mint).
library TestTokens {
    /// @notice OCTO cap used by tests: 10 billion OCTO.
    uint256 internal constant OCTO_CAP = 10_000_000_000e18;
    /// @notice Role-token cap used by tests: 10 billion tokens (well below type(uint96).max ~ 7.9e28).
    uint256 internal constant ROLE_CAP = 10_000_000_000e18;

    /// @notice OCTO with cap OCTO_CAP and `supply` minted to `holder`.
    function deployOcto(address admin, address holder, uint256 supply) internal returns (OctoToken) {
        return new OctoToken(admin, OCTO_CAP, holder, supply);
    }

    /// @notice One role token ("CipherOcto <Role>", "OCTO-<suffix>") with cap ROLE_CAP and `supply` to `holder`.
    function deployRoleToken(uint8 role, address admin, address holder, uint256 supply) internal returns (RoleToken) {
        return new RoleToken(
            string.concat("CipherOcto ", roleName(role)),
            string.concat("OCTO-", Roles.suffix(role)),
            role,
            ROLE_CAP,
            admin,
            holder,
            supply
        );
    }

    /// @notice The eight role tokens, indexed by role id, each with `supply` minted to `holder`.
    function deployRoleTokens(address admin, address holder, uint256 supply)
        internal
        returns (address[8] memory tokens)
    {
        for (uint8 i = 0; i < Roles.COUNT; ++i) {
            tokens[i] = address(deployRoleToken(i, admin, holder, supply));
        }
    }

    /// @notice Human-readable role name, e.g. "Compute" for role 0.
    function roleName(uint8 role) internal pure returns (string memory) {
        return [
            "Compute", "Storage", "Bandwidth", "Orchestration", "Wholesale", "Developers", "Marketing", "Node Operators"
        ][role];
    }
}

/// @notice The subset of forge's cheatcodes (address 0x7109...DD12D) the staking and token tests use. forge-std
/// is not installed in this offline toolchain, so the declarations are local; signatures are forge's own.
interface StkVm {
    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function warp(uint256 newTimestamp) external;
    function getBlockTimestamp() external view returns (uint256 timestamp);
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;
    function assume(bool condition) external pure;
    function label(address account, string calldata newLabel) external;
    function snapshotGasLastCall(string calldata group, string calldata name) external returns (uint256 gasUsed);
    function lastCallGas() external view returns (Gas memory gas);

    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertEq(string calldata left, string calldata right, string calldata error) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right, string calldata error) external pure;
}

/// @notice Minimal test base for the staking and token suites: cheatcodes, assertions, bound, console output.
abstract contract StkTest {
    StkVm internal constant vm = StkVm(address(uint160(uint256(keccak256("hevm cheat code")))));
    address private constant CONSOLE = 0x000000000000000000636F6e736F6c652e6c6f67;

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

    function assertGe(uint256 a, uint256 b, string memory m) internal pure {
        vm.assertGe(a, b, m);
    }

    /// @dev The current block timestamp, read through the cheatcode: under via-IR the optimizer may reuse an
    /// earlier `block.timestamp` read across `vm.warp`, so tests never read `block.timestamp` directly.
    function _now() internal view returns (uint256) {
        return vm.getBlockTimestamp();
    }

    /// @dev Maps `x` into [min, max] (inclusive) by modulo; uniform enough for fuzzing.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    /// @dev console.log(string, uint256) through forge's console address.
    function logUint(string memory label_, uint256 value) internal view {
        (bool ok,) = CONSOLE.staticcall(abi.encodeWithSignature("log(string,uint256)", label_, value));
        ok; // the console address never fails; the result is irrelevant
    }
}
