// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OctoToken} from "../../src/OctoToken.sol";
import {RoleToken} from "../../src/RoleToken.sol";
import {PaymentEscrow} from "../../src/PaymentEscrow.sol";
import {Treasury} from "../../src/Treasury.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {StakingManager} from "../../src/StakingManager.sol";
import {AttestationRegistry} from "../../src/AttestationRegistry.sol";
import {IPaymentEscrow} from "../../src/interfaces/IPaymentEscrow.sol";
import {Roles} from "../../src/libraries/Roles.sol";
import {Test, VM_ADDRESS} from "./Test.sol";
import {TestTokens} from "./TestTokens.sol";

/// @notice forge cheatcodes the settlement suites use beyond test/utils/Test.sol (forge's own names and types).
interface VmRewards {
    function getBlockNumber() external view returns (uint256 height);
    function startSnapshotGas(string calldata group, string calldata name) external;
    function stopSnapshotGas() external returns (uint256 gasUsed);
    function expectEmit() external;
    function snapshotValue(string calldata group, string calldata name, uint256 value) external;
}

/// @notice Helpers for EIP-712 vouchers and authorisation lists (shared by the escrow, distributor, invariant and
/// gas suites).
abstract contract VoucherHelpers is Test {
    VmRewards internal constant vmr = VmRewards(VM_ADDRESS);

    /// @dev Signs Voucher(requester, epoch, maxAmount) with `pk` and returns the authorisation for `amount`.
    function _auth(PaymentEscrow escrow_, uint256 pk, uint64 epoch, uint256 amount, uint256 maxAmount)
        internal
        view
        returns (IPaymentEscrow.Authorization memory a)
    {
        address requester = vm.addr(pk);
        bytes32 digest = escrow_.voucherDigest(requester, epoch, maxAmount);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        a = IPaymentEscrow.Authorization({
            requester: requester, amount: amount, maxAmount: maxAmount, signature: abi.encodePacked(r, s, v)
        });
    }

    /// @dev The private key `makeAddr(name)` uses.
    function _pk(string memory name) internal pure returns (uint256) {
        return uint256(keccak256(bytes(name)));
    }

}

/// @notice Deploys the settlement stack as the deployment does: OCTO, the eight role tokens (OCTO-A is `roleA`),
/// StakingManager, the real AttestationRegistry, Treasury, PaymentEscrow and RewardDistributor, with the distributor
/// as escrow debitor, registry committer, fee notifier and minter. `admin` holds every admin / governance role;
/// `settlement` holds SETTLEMENT_ROLE. Registry epochs are EPOCH_LENGTH blocks from GENESIS_BLOCK.
abstract contract RewardsFixture is VoucherHelpers {
    uint256 internal constant OCTO_CAP = 10_000_000_000e18;
    uint256 internal constant OCTO_INITIAL = 1_000_000_000e18;
    uint256 internal constant ROLE_CAP = 1_000_000_000e18;
    uint256 internal constant ROLE_EMISSION_CAP = 1_000_000e18;
    uint256 internal constant GENESIS_BLOCK = 10;
    uint256 internal constant EPOCH_LENGTH = 100;

    address internal admin;
    address internal settlement;
    address internal holder; // receives the initial OCTO supply

    OctoToken internal octo;
    RoleToken internal roleA;
    Treasury internal treasury;
    PaymentEscrow internal escrow;
    StakingManager internal staking;
    AttestationRegistry internal registry;
    RewardDistributor internal distributor;

    function _deployStack() internal {
        admin = makeAddr("admin");
        settlement = makeAddr("settlement");
        holder = makeAddr("holder");

        octo = new OctoToken(admin, OCTO_CAP, holder, OCTO_INITIAL);
        roleA = new RoleToken("CipherOcto Compute", "OCTO-A", Roles.COMPUTE, ROLE_CAP, admin, address(0), 0);
        address[8] memory roleTokens;
        for (uint8 i; i < Roles.COUNT; ++i) {
            roleTokens[i] =
                i == Roles.COMPUTE ? address(roleA) : address(TestTokens.deployRoleToken(i, admin, address(0), 0));
        }
        staking = new StakingManager(address(octo), roleTokens, admin);
        registry = new AttestationRegistry(address(staking), GENESIS_BLOCK, EPOCH_LENGTH, admin);
        treasury = new Treasury(address(octo), admin);
        escrow = new PaymentEscrow(address(octo), admin);
        distributor =
            new RewardDistributor(address(octo), address(escrow), address(treasury), address(registry), admin);

        vm.startPrank(admin);
        staking.setSlasher(address(registry));
        registry.setCommitter(address(distributor));
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
        vm.label(address(registry), "AttestationRegistry");
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

    // ------------------------------------------------------------------ registry epochs

    /// @dev Rolls to the first block after `epoch` closes (no-op when already past it).
    function _closeEpoch(uint64 epoch) internal {
        uint256 target = registry.closingBlock(epoch) + 1;
        if (vmr.getBlockNumber() < target) vm.roll(target);
    }

    function _receiptsRoot(uint64 epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode("receipts", epoch));
    }

    function _dataHash(uint64 epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode("data", epoch));
    }

    /// @dev Closes `epoch` and commits it through `distributor_` (receipts root, count 1, data hash, `auths`).
    function _commitWith(RewardDistributor distributor_, uint64 epoch, IPaymentEscrow.Authorization[] memory auths)
        internal
        returns (uint256 reserved)
    {
        _closeEpoch(epoch);
        vm.prank(settlement);
        reserved = distributor_.commitEpoch(epoch, _receiptsRoot(epoch), 1, _dataHash(epoch), auths);
    }

    function _commit(uint64 epoch, IPaymentEscrow.Authorization[] memory auths) internal returns (uint256) {
        return _commitWith(distributor, epoch, auths);
    }

    /// @dev Records the seed of a committed epoch in the next block.
    function _seed(uint64 epoch) internal returns (bytes32 seed) {
        vm.roll(vmr.getBlockNumber() + 1);
        seed = registry.recordEpochSeed(epoch);
    }

    function _commitAndSeed(uint64 epoch, IPaymentEscrow.Authorization[] memory auths) internal returns (uint256) {
        uint256 reserved = _commit(epoch, auths);
        _seed(epoch);
        return reserved;
    }

    /// @dev Submits `root` for `epoch` as settlement (bundle hash derived from the epoch).
    function _submitWith(
        RewardDistributor distributor_,
        uint64 epoch,
        bytes32 root,
        address[] memory tokens,
        uint256[] memory emissions
    ) internal returns (uint256) {
        vm.prank(settlement);
        return distributor_.submitRoot(epoch, root, _bundle(epoch), tokens, emissions);
    }

    function _bundle(uint64 epoch) internal pure returns (bytes32) {
        return keccak256(abi.encode("bundle", epoch));
    }

    // ------------------------------------------------------------------ arrays

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
