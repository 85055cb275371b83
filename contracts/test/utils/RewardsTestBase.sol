// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OctoToken} from "../../src/OctoToken.sol";
import {RoleToken} from "../../src/RoleToken.sol";
import {PaymentEscrow} from "../../src/PaymentEscrow.sol";
import {Treasury} from "../../src/Treasury.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {Roles} from "../../src/libraries/Roles.sol";
import {Test} from "./Test.sol";

/// @notice Deploys the settlement stack as the deployment does: OCTO, one role token (OCTO-A), Treasury,
/// PaymentEscrow and RewardDistributor, with the distributor as escrow debitor, fee notifier and minter.
/// `admin` holds every admin / governance role; `settlement` holds SETTLEMENT_ROLE.
abstract contract RewardsFixture is Test {
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
