// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OctoToken} from "../../src/OctoToken.sol";
import {RoleToken} from "../../src/RoleToken.sol";
import {PaymentEscrow} from "../../src/PaymentEscrow.sol";
import {Treasury} from "../../src/Treasury.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {Roles} from "../../src/libraries/Roles.sol";

/// @notice The subset of forge's cheatcodes (address 0x7109...D12D) the escrow / treasury / rewards tests use.
/// forge-std is not installed in this offline toolchain, so the declarations are local; signatures are forge's own.
interface RwdVm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function addr(uint256 privateKey) external pure returns (address);
    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert() external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert(bytes calldata revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function assume(bool condition) external pure;
    function label(address account, string calldata newLabel) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function cool(address target) external;
    function snapshotGasLastCall(string calldata group, string calldata name) external returns (uint256 gasUsed);

    function assertTrue(bool condition) external pure;
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertEq(bool left, bool right) external pure;
    function assertEq(uint256 left, uint256 right) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right) external pure;
    function assertEq(bytes32 left, bytes32 right) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertLe(uint256 left, uint256 right) external pure;
    function assertLe(uint256 left, uint256 right, string calldata error) external pure;
    function assertGe(uint256 left, uint256 right) external pure;
    function assertGt(uint256 left, uint256 right, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
}

/// @notice Cheatcode handle and forge-std style helpers (`bound`, `makeAddr`), shared by the escrow, treasury and
/// rewards tests, handlers and gas comparisons.
abstract contract RwdTestBase {
    RwdVm internal constant vm = RwdVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    /// @dev Maps `x` into [min, max] (inclusive); identity when already inside.
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        require(min <= max, "bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 size = max - min;
        if (size == type(uint256).max) return x;
        return min + (x % (size + 1));
    }

    function makeAddr(string memory name) internal returns (address a) {
        a = vm.addr(uint256(keccak256(bytes(name))));
        vm.label(a, name);
    }
}

/// @notice Deploys the settlement stack as the deployment does: OCTO, one role token (OCTO-A), Treasury,
/// PaymentEscrow and RewardDistributor, with the distributor as escrow debitor, fee notifier and minter.
/// `admin` holds every admin / governance role; `settlement` holds SETTLEMENT_ROLE.
abstract contract RewardsFixture is RwdTestBase {
    uint256 internal constant OCTO_CAP = 10_000_000_000e18;
    uint256 internal constant OCTO_INITIAL = 1_000_000_000e18;
    uint256 internal constant ROLE_CAP = 1_000_000_000e18;
    uint256 internal constant ROLE_EMISSION_CAP = 1_000_000e18;

    address internal admin;
    address internal settlement;
    address internal holder; // receives the initial OCTO supply

    OctoToken internal octo;
    RoleToken internal roleA;
    Treasury internal treasury;
    PaymentEscrow internal escrow;
    RewardDistributor internal distributor;

    function _deployStack() internal {
        admin = makeAddr("admin");
        settlement = makeAddr("settlement");
        holder = makeAddr("holder");

        octo = new OctoToken(admin, OCTO_CAP, holder, OCTO_INITIAL);
        roleA = new RoleToken("CipherOcto Compute", "OCTO-A", Roles.COMPUTE, ROLE_CAP, admin, address(0), 0);
        treasury = new Treasury(address(octo), admin);
        escrow = new PaymentEscrow(address(octo), admin);
        distributor = new RewardDistributor(address(octo), address(escrow), address(treasury), admin);

        vm.startPrank(admin);
        escrow.setDebitor(address(distributor));
        treasury.grantRole(treasury.FEE_NOTIFIER_ROLE(), address(distributor));
        octo.grantRole(octo.MINTER_ROLE(), address(distributor));
        roleA.grantRole(roleA.MINTER_ROLE(), address(distributor));
        distributor.grantRole(distributor.SETTLEMENT_ROLE(), settlement);
        distributor.setEmissionCap(address(roleA), ROLE_EMISSION_CAP);
        vm.stopPrank();

        vm.label(address(octo), "OCTO");
        vm.label(address(roleA), "OCTO-A");
        vm.label(address(treasury), "Treasury");
        vm.label(address(escrow), "PaymentEscrow");
        vm.label(address(distributor), "RewardDistributor");
    }

    /// @dev Gives `requester` `amount` OCTO and deposits it into the escrow.
    function _fundRequester(address requester, uint256 amount) internal {
        vm.prank(holder);
        octo.transfer(requester, amount);
        vm.startPrank(requester);
        octo.approve(address(escrow), amount);
        escrow.deposit(amount);
        vm.stopPrank();
    }

    function _noAddresses() internal pure returns (address[] memory) {
        return new address[](0);
    }

    function _noAmounts() internal pure returns (uint256[] memory) {
        return new uint256[](0);
    }

    function _one(address a) internal pure returns (address[] memory arr) {
        arr = new address[](1);
        arr[0] = a;
    }

    function _one(uint256 x) internal pure returns (uint256[] memory arr) {
        arr = new uint256[](1);
        arr[0] = x;
    }

    function _two(address a, address b) internal pure returns (address[] memory arr) {
        arr = new address[](2);
        arr[0] = a;
        arr[1] = b;
    }

    function _two(uint256 x, uint256 y) internal pure returns (uint256[] memory arr) {
        arr = new uint256[](2);
        arr[0] = x;
        arr[1] = y;
    }
}
