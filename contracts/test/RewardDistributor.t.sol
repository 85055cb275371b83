// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {RewardDistributor} from "../src/RewardDistributor.sol";
import {IRewardDistributor} from "../src/interfaces/IRewardDistributor.sol";
import {IPaymentEscrow} from "../src/interfaces/IPaymentEscrow.sol";
import {IAttestationRegistry} from "../src/interfaces/IAttestationRegistry.sol";
import {RewardsFixture} from "./utils/RewardsTestBase.sol";
import {MerkleTreeBuilder} from "./utils/MerkleTreeBuilder.sol";
import {Authorizations} from "./utils/Authorizations.sol";

/// @dev Mintable token whose `transfer` returns false.
contract FalseReturnToken {
    mapping(address => uint256) public balanceOf;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function transfer(address, uint256) external pure returns (bool) {
        return false;
    }
}

/// @dev Mintable token whose `transfer` returns nothing.
contract NoReturnToken {
    function mint(address, uint256) external {}

    function transfer(address, uint256) external {}
}

/// @dev Mintable token whose `transfer` reverts.
contract RevertingToken {
    error RevertingTokenNope(uint256 code);

    function mint(address, uint256) external {}

    function transfer(address, uint256) external pure returns (bool) {
        revert RevertingTokenNope(42);
    }
}

/// @dev Mintable token whose `transfer` re-enters the distributor's `claim` with the calldata it was given.
contract ReentrantToken {
    bytes public reenterData;

    function setReenter(bytes calldata data) external {
        reenterData = data;
    }

    function mint(address, uint256) external {}

    function transfer(address, uint256) external returns (bool) {
        (bool ok, bytes memory ret) = msg.sender.call(reenterData);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
        return true;
    }
}

contract RewardDistributorTest is RewardsFixture {
    // Epoch 0: 1000 OCTO of fees (950 to claims, 50 protocol fee) and 500 OCTO-A minted.
    uint256 internal constant FEES0 = 1_000e18;
    uint256 internal constant OCTO_FUNDED0 = 950e18;
    uint256 internal constant ROLE_EMIT0 = 500e18;
    uint256 internal constant A_OCTO0 = 600e18;
    uint256 internal constant B_OCTO0 = 350e18;
    uint256 internal constant A_ROLE0 = 200e18;
    uint256 internal constant C_ROLE0 = 300e18;
    // Epoch 1 (cumulative): 2000 OCTO of fees (1900 to claims) and 500 OCTO-A minted.
    uint256 internal constant FEES1 = 2_000e18;
    uint256 internal constant A_OCTO1 = 1_600e18;
    uint256 internal constant B_OCTO1 = 1_250e18;
    uint256 internal constant A_ROLE1 = 300e18;
    uint256 internal constant C_ROLE1 = 700e18;
    uint256 internal constant ROLE_EMIT1 = 500e18;

    uint256 internal constant DELAY = 1 hours;
    uint256 internal constant DEPOSIT = 1_000_000e18;
    bytes32 internal constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    address internal alice;
    address internal bob;
    address internal carol;
    address internal stranger;
    address internal requester;
    uint256 internal requesterPk;

    function setUp() public {
        _deployStack();
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        stranger = makeAddr("stranger");
        requester = makeAddr("requester");
        requesterPk = _pk("requester");
        _fundRequester(requester, DEPOSIT);
    }

    // ------------------------------------------------------------------ helpers

    function _leaf(address earner, address token, uint256 amount) internal pure returns (bytes32) {
        return MerkleTreeBuilder.leafHash(earner, token, amount);
    }

    function _tree0() internal view returns (bytes32[] memory) {
        bytes32[] memory leaves = new bytes32[](4);
        leaves[0] = _leaf(alice, address(octo), A_OCTO0);
        leaves[1] = _leaf(bob, address(octo), B_OCTO0);
        leaves[2] = _leaf(alice, address(roleA), A_ROLE0);
        leaves[3] = _leaf(carol, address(roleA), C_ROLE0);
        return MerkleTreeBuilder.build(leaves);
    }

    function _tree1() internal view returns (bytes32[] memory) {
        bytes32[] memory leaves = new bytes32[](4);
        leaves[0] = _leaf(alice, address(octo), A_OCTO1);
        leaves[1] = _leaf(bob, address(octo), B_OCTO1);
        leaves[2] = _leaf(alice, address(roleA), A_ROLE1);
        leaves[3] = _leaf(carol, address(roleA), C_ROLE1);
        return MerkleTreeBuilder.build(leaves);
    }

    function _proof(bytes32[] memory tree, address earner, address token, uint256 amount)
        internal
        pure
        returns (bytes32[] memory)
    {
        return MerkleTreeBuilder.proofOf(tree, _leaf(earner, token, amount));
    }

    /// @dev The requester's authorisation of `fees` for `epoch` (voucher ceiling = fees); none when fees == 0.
    function _fees(uint64 epoch, uint256 fees) internal view returns (IPaymentEscrow.Authorization[] memory) {
        if (fees == 0) return Authorizations.none();
        return Authorizations.one(_auth(escrow, requesterPk, epoch, fees, fees));
    }

    /// @dev Commits and seeds `epoch` with `fees` from the requester, then submits `root` with `roleEmission`.
    function _submit(uint64 epoch, bytes32 root, uint256 fees, uint256 roleEmission) internal returns (uint256) {
        _commitAndSeed(epoch, _fees(epoch, fees));
        return _submitWith(distributor, epoch, root, _one(address(roleA)), _one(roleEmission));
    }

    function _submitEmpty(uint64 epoch, bytes32 root) internal {
        _commitAndSeed(epoch, Authorizations.none());
        _submitWith(distributor, epoch, root, _noAddresses(), _noAmounts());
    }

    function _epoch0() internal returns (bytes32[] memory tree) {
        tree = _tree0();
        _submit(0, tree[0], FEES0, ROLE_EMIT0);
    }

    function _epoch1() internal returns (bytes32[] memory tree) {
        tree = _tree1();
        _submit(1, tree[0], FEES1, ROLE_EMIT1);
    }

    function _activate() internal {
        vm.warp(distributor.latestRoot().activatesAt);
    }

    function _claim(address caller, bytes32[] memory tree, address earner, address token, uint256 amount) internal {
        bytes32[] memory proof = _proof(tree, earner, token, amount);
        vm.prank(caller);
        distributor.claim(earner, token, amount, proof);
    }

    function _grantGuardian() internal returns (address guardian) {
        guardian = makeAddr("guardian");
        vm.expectEmit(true, true, true, true, address(distributor));
        emit IAccessControl.RoleGranted(GUARDIAN_ROLE, guardian, admin);
        vm.prank(admin);
        distributor.grantRole(GUARDIAN_ROLE, guardian);
        vm.assertTrue(distributor.hasRole(GUARDIAN_ROLE, guardian));
    }

    function _expectUnauthorized(address account, bytes32 role) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role)
        );
    }

    /// @dev (alice's OCTO, alice's OCTO-A) claim arguments under `tree` with the given amounts.
    function _aliceBoth(bytes32[] memory tree, uint256 octoAmount, uint256 roleAmount)
        internal
        view
        returns (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs)
    {
        tokens = _two(address(octo), address(roleA));
        amounts = _two(octoAmount, roleAmount);
        proofs = new bytes32[][](2);
        proofs[0] = _proof(tree, alice, address(octo), octoAmount);
        proofs[1] = _proof(tree, alice, address(roleA), roleAmount);
    }

    // ------------------------------------------------------------------ constructor

    function test_constructor_setsDefaultsAndRoles() public view {
        vm.assertEq(distributor.octo(), address(octo));
        vm.assertEq(distributor.escrow(), address(escrow));
        vm.assertEq(distributor.treasury(), address(treasury));
        vm.assertEq(distributor.registry(), address(registry));
        vm.assertEq(distributor.activationDelay(), DELAY);
        vm.assertEq(distributor.protocolFeeWad(), 0.05e18);
        vm.assertEq(distributor.nextEpoch(), 0);
        vm.assertTrue(distributor.isRewardToken(address(octo)));
        vm.assertEq(distributor.emissionCap(address(octo)), 0);
        vm.assertTrue(distributor.hasRole(distributor.DEFAULT_ADMIN_ROLE(), admin));
        vm.assertTrue(distributor.hasRole(distributor.GOVERNANCE_ROLE(), admin));
        vm.assertEq(distributor.GOVERNANCE_ROLE(), keccak256("GOVERNANCE_ROLE"));
        vm.assertEq(distributor.SETTLEMENT_ROLE(), keccak256("SETTLEMENT_ROLE"));
        vm.assertEq(distributor.GUARDIAN_ROLE(), GUARDIAN_ROLE);
        vm.assertFalse(distributor.hasRole(GUARDIAN_ROLE, admin));
        vm.assertEq(distributor.getRoleAdmin(GUARDIAN_ROLE), distributor.DEFAULT_ADMIN_ROLE());
        vm.assertEq(distributor.activeRoot().root, bytes32(0));
        vm.assertEq(distributor.latestRoot().root, bytes32(0));
        vm.assertFalse(distributor.claimsPaused());
    }

    /// ERC-5267: the receipts' EIP-712 domain is readable from the chain (issue #18).
    function test_eip712Domain_isTheReceiptDomain() public view {
        (bytes1 fields, string memory name, string memory version, uint256 chainId, address verifyingContract,
            bytes32 salt, uint256[] memory extensions) = distributor.eip712Domain();
        vm.assertEq(uint256(uint8(fields)), 0x0f); // name, version, chainId, verifyingContract
        vm.assertEq(name, "CipherOcto Settlement");
        vm.assertEq(version, "1");
        vm.assertEq(chainId, block.chainid);
        vm.assertEq(verifyingContract, address(distributor));
        vm.assertEq(salt, bytes32(0));
        vm.assertEq(extensions.length, 0);
    }

    function test_constructor_revertsWith_RewardsInvalidParameter_whenOctoZero() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        new RewardDistributor(address(0), address(escrow), address(treasury), address(registry), admin);
    }

    function test_constructor_revertsWith_RewardsInvalidParameter_whenEscrowZero() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        new RewardDistributor(address(octo), address(0), address(treasury), address(registry), admin);
    }

    function test_constructor_revertsWith_RewardsInvalidParameter_whenTreasuryZero() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        new RewardDistributor(address(octo), address(escrow), address(0), address(registry), admin);
    }

    function test_constructor_revertsWith_RewardsInvalidParameter_whenRegistryZero() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        new RewardDistributor(address(octo), address(escrow), address(treasury), address(0), admin);
    }

    function test_constructor_revertsWith_RewardsInvalidParameter_whenAdminZero() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        new RewardDistributor(address(octo), address(escrow), address(treasury), address(registry), address(0));
    }

    // ------------------------------------------------------------------ commitEpoch

    function test_commitEpoch_commitsInRegistryAndReservesInEscrow() public {
        IPaymentEscrow.Authorization[] memory auths = _fees(0, FEES0);
        _closeEpoch(0);
        vm.expectEmit(true, false, false, true, address(registry));
        emit IAttestationRegistry.EpochCommitted(0, _receiptsRoot(0), 1, _dataHash(0));
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochReserved(0, FEES0, 1, 0);
        vm.expectEmit(true, false, false, true, address(distributor));
        emit IRewardDistributor.EpochCommitted(0, _receiptsRoot(0), 1, _dataHash(0), FEES0);
        vm.prank(settlement);
        uint256 reserved = distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), auths);
        vm.assertEq(reserved, FEES0);
        IAttestationRegistry.EpochCommitment memory c = registry.epochCommitment(0);
        vm.assertEq(c.receiptsRoot, _receiptsRoot(0));
        vm.assertEq(c.dataHash, _dataHash(0));
        vm.assertEq(c.receiptCount, 1);
        vm.assertEq(c.committedBlock, vmr.getBlockNumber());
        vm.assertEq(escrow.reservedOf(0, requester), FEES0);
        vm.assertEq(escrow.totalReserved(), FEES0);
        vm.assertEq(escrow.balanceOf(requester), DEPOSIT - FEES0);
        // Nothing reaches the distributor before the root.
        vm.assertEq(octo.balanceOf(address(distributor)), 0);
        vm.assertEq(registry.epochSeed(0), bytes32(0));
    }

    function test_commitEpoch_reportsSkippedRequesterWithoutBlockingEpoch() public {
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_auth(escrow, requesterPk, 0, DEPOSIT + 1, DEPOSIT + 1));
        _closeEpoch(0);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(0, requester, DEPOSIT + 1, 1);
        vm.prank(settlement);
        uint256 reserved = distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), auths);
        vm.assertEq(reserved, 0);
        vm.assertEq(registry.epochCommitment(0).receiptsRoot, _receiptsRoot(0));
    }

    function test_commitEpoch_revertsWith_RewardsNotSettlement_whenCallerLacksRole() public {
        _closeEpoch(0);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsNotSettlement.selector, stranger));
        vm.prank(stranger);
        distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), Authorizations.none());
    }

    function test_commitEpoch_revertsWith_AttestationEpochNotClosed_beforeClosingBlock() public {
        uint256 closing = registry.closingBlock(0);
        vm.roll(closing);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationEpochNotClosed.selector, uint64(0), closing)
        );
        vm.prank(settlement);
        distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), Authorizations.none());
    }

    function test_commitEpoch_revertsWith_AttestationEpochAlreadyCommitted_whenCommittedTwice() public {
        _commit(0, Authorizations.none());
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationEpochAlreadyCommitted.selector, uint64(0))
        );
        vm.prank(settlement);
        distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), Authorizations.none());
    }

    function test_commitEpoch_revertsWith_AttestationNotCommitter_whenNotRegistryCommitter() public {
        vm.prank(admin);
        registry.setCommitter(stranger);
        _closeEpoch(0);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationNotCommitter.selector, address(distributor))
        );
        vm.prank(settlement);
        distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), Authorizations.none());
    }

    function test_commitEpoch_revertsWith_EscrowUnauthorizedDebitor_whenNotEscrowDebitor() public {
        vm.prank(admin);
        escrow.setDebitor(stranger);
        _closeEpoch(0);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentEscrow.EscrowUnauthorizedDebitor.selector, address(distributor))
        );
        vm.prank(settlement);
        distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), Authorizations.none());
    }

    function test_commitEpoch_revertsWith_EscrowRequestersNotSorted_whenUnsorted() public {
        address other = makeAddr("other");
        _fundRequester(other, 10e18);
        IPaymentEscrow.Authorization[] memory auths =
            Authorizations.two(_auth(escrow, requesterPk, 0, 1, 1), _auth(escrow, _pk("other"), 0, 1, 1));
        (auths[0], auths[1]) = (auths[1], auths[0]);
        _closeEpoch(0);
        vm.expectRevert(IPaymentEscrow.EscrowRequestersNotSorted.selector);
        vm.prank(settlement);
        distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), auths);
    }

    // ------------------------------------------------------------------ submitRoot

    function test_submitRoot_storesRootPendingUntilActivation() public {
        bytes32[] memory tree = _epoch0();
        IRewardDistributor.RootInfo memory latest = distributor.latestRoot();
        vm.assertEq(latest.root, tree[0]);
        vm.assertEq(latest.epoch, 0);
        vm.assertEq(latest.activatesAt, _now() + DELAY);
        vm.assertFalse(latest.disabled);
        vm.assertEq(distributor.nextEpoch(), 1);
        vm.assertEq(distributor.bundleHash(0), _bundle(0));
        vm.assertEq(distributor.bundleHash(1), bytes32(0));
        vm.assertEq(distributor.activeRoot().root, bytes32(0));
        _activate();
        vm.assertEq(distributor.activeRoot().root, tree[0]);
        vm.assertEq(distributor.activeRoot().epoch, 0);
    }

    function test_submitRoot_settlesEscrowReservationAndPaysProtocolFee() public {
        uint256 supplyBefore = octo.totalSupply();
        uint256 funded = _submit(0, keccak256("r0"), FEES0, 0);
        vm.assertEq(funded, OCTO_FUNDED0);
        vm.assertEq(distributor.totalFunded(address(octo)), OCTO_FUNDED0);
        vm.assertEq(distributor.totalClaimed(address(octo)), 0);
        vm.assertEq(octo.balanceOf(address(distributor)), OCTO_FUNDED0);
        vm.assertEq(escrow.balanceOf(requester), DEPOSIT - FEES0);
        vm.assertTrue(escrow.epochBook(0).settled);
        vm.assertEq(escrow.totalReserved(), 0);
        vm.assertEq(octo.balanceOf(address(escrow)), DEPOSIT - FEES0);
        vm.assertEq(treasury.totalFeesReceived(), 50e18);
        vm.assertEq(treasury.totalBurned(), 25e18);
        vm.assertEq(octo.balanceOf(address(treasury)), 25e18);
        vm.assertEq(octo.totalSupply(), supplyBefore - 25e18);
    }

    function test_submitRoot_mintsEmissionsWithinCapAndRecordsThem() public {
        uint256 supplyBefore = roleA.totalSupply();
        _submit(0, keccak256("r0"), 0, ROLE_EMISSION_CAP);
        vm.assertEq(roleA.balanceOf(address(distributor)), ROLE_EMISSION_CAP);
        vm.assertEq(roleA.totalSupply(), supplyBefore + ROLE_EMISSION_CAP);
        vm.assertEq(distributor.totalFunded(address(roleA)), ROLE_EMISSION_CAP);
        vm.assertEq(distributor.epochEmission(0, address(roleA)), ROLE_EMISSION_CAP);
        vm.assertEq(distributor.epochEmission(0, address(octo)), 0);
        vm.assertEq(distributor.epochEmission(1, address(roleA)), 0);
    }

    function test_submitRoot_emitsEvents() public {
        bytes32 root = keccak256("r0");
        _commitAndSeed(0, _fees(0, FEES0));
        vm.expectEmit(true, false, false, true, address(distributor));
        emit IRewardDistributor.RootSubmitted(0, root, _now() + DELAY, _bundle(0));
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochDebited(0, FEES0, address(distributor));
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.EpochFunded(0, address(octo), OCTO_FUNDED0, 50e18);
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.EpochFunded(0, address(roleA), ROLE_EMIT0, 0);
        _submitWith(distributor, 0, root, _one(address(roleA)), _one(ROLE_EMIT0));
    }

    function test_submitRoot_withoutFeesLeavesTreasuryUntouched() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.EpochFunded(0, address(octo), 0, 0);
        _submitWith(distributor, 0, keccak256("r0"), _noAddresses(), _noAmounts());
        vm.assertEq(treasury.totalFeesReceived(), 0);
        vm.assertEq(distributor.totalFunded(address(octo)), 0);
        vm.assertTrue(escrow.epochBook(0).settled);
    }

    function test_submitRoot_skipsZeroEmission() public {
        _commitAndSeed(0, Authorizations.none());
        vm.recordLogs();
        _submitWith(distributor, 0, keccak256("r0"), _one(address(roleA)), _one(uint256(0)));
        // RootSubmitted, EpochDebited (escrow), EpochFunded (OCTO) and nothing for OCTO-A.
        vm.assertEq(vm.getRecordedLogs().length, 3);
        vm.assertEq(roleA.totalSupply(), 0);
        vm.assertEq(distributor.epochEmission(0, address(roleA)), 0);
    }

    function test_submitRoot_mintsOctoWhenOctoHasEmissionCap() public {
        vm.prank(admin);
        distributor.setEmissionCap(address(octo), 100e18);
        _commitAndSeed(0, _fees(0, FEES0));
        _submitWith(distributor, 0, keccak256("r0"), _one(address(octo)), _one(uint256(100e18)));
        vm.assertEq(distributor.totalFunded(address(octo)), OCTO_FUNDED0 + 100e18);
        vm.assertEq(octo.balanceOf(address(distributor)), OCTO_FUNDED0 + 100e18);
        vm.assertEq(distributor.epochEmission(0, address(octo)), 100e18);
    }

    function test_submitRoot_acceptsNextEpochOnceActive() public {
        _epoch0();
        _activate();
        _epoch1();
        vm.assertEq(distributor.latestRoot().epoch, 1);
        vm.assertEq(distributor.activeRoot().epoch, 0);
        vm.assertEq(distributor.nextEpoch(), 2);
        vm.assertEq(distributor.totalFunded(address(octo)), OCTO_FUNDED0 + 1_900e18);
        vm.assertEq(distributor.totalFunded(address(roleA)), ROLE_EMIT0 + ROLE_EMIT1);
    }

    function test_submitRoot_acceptsNextEpochOnceDisabled() public {
        _epoch0();
        vm.prank(admin);
        distributor.disablePendingRoot();
        _epoch1();
        vm.assertEq(distributor.latestRoot().epoch, 1);
    }

    function test_submitRoot_acceptsLaterSeededEpoch() public {
        _commitAndSeed(0, Authorizations.none());
        _commitAndSeed(3, Authorizations.none());
        _submitWith(distributor, 3, keccak256("r3"), _noAddresses(), _noAmounts());
        vm.assertEq(distributor.nextEpoch(), 4);
        vm.assertEq(distributor.latestRoot().epoch, 3);
    }

    function test_submitRoot_revertsWith_RewardsNotSettlement_whenCallerLacksRole() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsNotSettlement.selector, stranger));
        vm.prank(stranger);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _noAddresses(), _noAmounts());
    }

    /// @dev Unanchored root: an epoch the registry never committed.
    function test_submitRoot_revertsWith_RewardsEpochNotSeeded_whenEpochNotCommitted() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsEpochNotSeeded.selector, uint64(0)));
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _noAddresses(), _noAmounts());
    }

    /// @dev Unanchored root: committed (fees reserved) but the seed is not drawn yet.
    function test_submitRoot_revertsWith_RewardsEpochNotSeeded_whenCommittedButNotSeeded() public {
        _commit(0, _fees(0, FEES0));
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsEpochNotSeeded.selector, uint64(0)));
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _noAddresses(), _noAmounts());
        vm.assertEq(escrow.totalReserved(), FEES0);
    }

    function test_submitRoot_revertsWith_RewardsEpochOutOfOrder_whenRepeating() public {
        _epoch0();
        _activate();
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsEpochOutOfOrder.selector, 1, 0));
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("again"), _bundle(0), _noAddresses(), _noAmounts());
    }

    function test_submitRoot_revertsWith_RewardsEpochOutOfOrder_whenGoingBack() public {
        _commitAndSeed(0, Authorizations.none());
        _commitAndSeed(1, Authorizations.none());
        _submitWith(distributor, 1, keccak256("r1"), _noAddresses(), _noAmounts());
        _activate();
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsEpochOutOfOrder.selector, 2, 0));
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _noAddresses(), _noAmounts());
    }

    function test_submitRoot_revertsWith_RewardsZeroRoot_whenRootZero() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(IRewardDistributor.RewardsZeroRoot.selector);
        vm.prank(settlement);
        distributor.submitRoot(0, bytes32(0), _bundle(0), _noAddresses(), _noAmounts());
    }

    function test_submitRoot_revertsWith_RewardsRootPending_whenLatestNotActive() public {
        _epoch0();
        _commitAndSeed(1, Authorizations.none());
        uint256 activatesAt = distributor.latestRoot().activatesAt;
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsRootPending.selector, 0, activatesAt));
        vm.prank(settlement);
        distributor.submitRoot(1, keccak256("r1"), _bundle(1), _noAddresses(), _noAmounts());
    }

    function test_submitRoot_revertsWith_RewardsLengthMismatch_whenEmissionsDiffer() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(IRewardDistributor.RewardsLengthMismatch.selector);
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _one(address(roleA)), _noAmounts());
    }

    function test_submitRoot_revertsWith_RewardsUnknownToken_whenTokenNotRegistered() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsUnknownToken.selector, stranger));
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _one(stranger), _one(uint256(1)));
    }

    function test_submitRoot_revertsWith_RewardsInvalidParameter_whenTokenListedTwice() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        vm.prank(settlement);
        distributor.submitRoot(
            0, keccak256("r0"), _bundle(0), _two(address(roleA), address(roleA)), _two(uint256(1), uint256(1))
        );
    }

    /// @dev Minting more than the per-epoch cap.
    function test_submitRoot_revertsWith_RewardsEmissionCapExceeded_whenAboveCap() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardsEmissionCapExceeded.selector,
                address(roleA),
                ROLE_EMISSION_CAP + 1,
                ROLE_EMISSION_CAP
            )
        );
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _one(address(roleA)), _one(ROLE_EMISSION_CAP + 1));
    }

    function test_submitRoot_revertsWith_RewardsEmissionCapExceeded_whenOctoHasNoCap() public {
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardsEmissionCapExceeded.selector, address(octo), 1, 0)
        );
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _one(address(octo)), _one(uint256(1)));
    }

    /// @dev Minting above the token's remaining supply reports the remaining supply as the limit.
    function test_submitRoot_revertsWith_RewardsEmissionCapExceeded_whenAboveRemainingSupply() public {
        vm.startPrank(admin);
        roleA.grantRole(roleA.MINTER_ROLE(), admin);
        roleA.mint(admin, ROLE_CAP - 10e18); // 10 OCTO-A left under the token cap
        vm.stopPrank();
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardsEmissionCapExceeded.selector, address(roleA), 10e18 + 1, 10e18
            )
        );
        vm.prank(settlement);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _one(address(roleA)), _one(uint256(10e18 + 1)));
        // Exactly the remaining supply is fine.
        _submitWith(distributor, 0, keccak256("r0"), _one(address(roleA)), _one(uint256(10e18)));
        vm.assertEq(roleA.totalSupply(), ROLE_CAP);
    }

    function test_submitRoot_revertsWith_EscrowEpochAlreadySettled_whenSuccessorResubmitsOldEpoch() public {
        _epoch0();
        RewardDistributor successor = _migrate();
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowEpochAlreadySettled.selector, uint64(0)));
        _submitWith(successor, 0, keccak256("again"), _noAddresses(), _noAmounts());
    }

    function testFuzz_submitRoot_splitsFees(uint256 fees, uint256 feeWad, uint256 burnShare) public {
        fees = bound(fees, 0, DEPOSIT);
        feeWad = bound(feeWad, 0, 1e18);
        burnShare = bound(burnShare, 0, 1e18);
        vm.startPrank(admin);
        distributor.setProtocolFee(feeWad);
        treasury.setBurnShare(burnShare);
        vm.stopPrank();
        uint256 supplyBefore = octo.totalSupply();
        uint256 funded = _submit(0, keccak256("r0"), fees, 0);
        uint256 protocolFee = fees * feeWad / 1e18;
        uint256 burned = protocolFee * burnShare / 1e18;
        vm.assertEq(funded, fees - protocolFee);
        vm.assertEq(distributor.totalFunded(address(octo)), fees - protocolFee);
        vm.assertEq(octo.balanceOf(address(distributor)), fees - protocolFee);
        vm.assertEq(treasury.totalFeesReceived(), protocolFee);
        vm.assertEq(treasury.totalBurned(), burned);
        vm.assertEq(octo.balanceOf(address(treasury)), protocolFee - burned);
        vm.assertEq(octo.totalSupply(), supplyBefore - burned);
        vm.assertEq(escrow.totalBalance(), DEPOSIT - fees);
    }

    // ------------------------------------------------------------------ attacks on settlement

    /// @dev Escrow escape: a requester requests its whole balance out, keeps buying, lets the request lapse and
    /// tries to withdraw just before the commit: the withdrawal reverts and its fees are reserved and paid. A
    /// requester that did withdraw before the commit is skipped while an honest one is reserved; the root funds.
    function test_commitEpoch_escrowEscape_lapsedWithdrawalRevertsAndWithdrawnRequesterIsSkipped() public {
        address escaper = makeAddr("escaper");
        address quitter = makeAddr("quitter");
        _fundRequester(escaper, 100e18);
        _fundRequester(quitter, 100e18);
        vm.prank(escaper);
        escrow.requestWithdrawal(100e18);
        vm.prank(quitter);
        escrow.requestWithdrawal(100e18);
        uint256 expiresAt = escrow.account(escaper).expiresAt;
        // The quitter withdraws in time; the escaper lets the request lapse while it buys against it.
        _skip(escrow.withdrawalDelay());
        vm.prank(quitter);
        escrow.withdraw();
        vm.warp(expiresAt);
        vm.expectRevert(abi.encodeWithSelector(IPaymentEscrow.EscrowWithdrawalExpired.selector, expiresAt));
        vm.prank(escaper);
        escrow.withdraw();

        IPaymentEscrow.Authorization[] memory auths = new IPaymentEscrow.Authorization[](3);
        auths[0] = _auth(escrow, _pk("escaper"), 0, 80e18, 100e18);
        auths[1] = _auth(escrow, _pk("quitter"), 0, 50e18, 100e18);
        auths[2] = _auth(escrow, requesterPk, 0, FEES0, FEES0);
        Authorizations.sorted(auths);
        _closeEpoch(0);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(0, quitter, 50e18, 1);
        vm.prank(settlement);
        uint256 reserved = distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), auths);
        vm.assertEq(reserved, 80e18 + FEES0);
        vm.assertEq(escrow.reservedOf(0, escaper), 80e18);
        vm.assertEq(escrow.reservedOf(0, quitter), 0);
        vm.assertEq(escrow.reservedOf(0, requester), FEES0);
        _seed(0);
        uint256 funded = _submitWith(distributor, 0, keccak256("r0"), _noAddresses(), _noAmounts());
        vm.assertEq(funded, (80e18 + FEES0) * 95 / 100);
        vm.assertEq(distributor.totalFunded(address(octo)), funded);
    }

    /// @dev Debit beyond voucher: settlement asks more than the requester signed: skipped, nothing taken.
    function test_commitEpoch_debitBeyondVoucher_skipsRequesterAndTakesNothing() public {
        IPaymentEscrow.Authorization[] memory auths = Authorizations.one(_auth(escrow, requesterPk, 0, 500e18 + 1, 500e18));
        _closeEpoch(0);
        vm.expectEmit(true, true, false, true, address(escrow));
        emit IPaymentEscrow.ReservationSkipped(0, requester, 500e18 + 1, 3);
        vm.prank(settlement);
        vm.assertEq(distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), auths), 0);
        vm.assertEq(escrow.balanceOf(requester), DEPOSIT);
    }

    /// @dev Forged voucher: one signed for another epoch, and one signed by another requester.
    function test_commitEpoch_forgedVoucher_skipsWithReason2() public {
        address other = makeAddr("other");
        _fundRequester(other, 10e18);
        IPaymentEscrow.Authorization memory otherEpoch = _auth(escrow, requesterPk, 1, 5e18, 5e18);
        IPaymentEscrow.Authorization memory otherSigner = _auth(escrow, requesterPk, 0, 5e18, 5e18);
        otherSigner.requester = other;
        IPaymentEscrow.Authorization[] memory auths = Authorizations.two(otherEpoch, otherSigner);
        _closeEpoch(0);
        vm.expectEmit(true, false, false, true, address(escrow));
        emit IPaymentEscrow.EpochReserved(0, 0, 0, 2);
        vm.prank(settlement);
        vm.assertEq(distributor.commitEpoch(0, _receiptsRoot(0), 1, _dataHash(0), auths), 0);
        vm.assertEq(escrow.balanceOf(requester), DEPOSIT);
        vm.assertEq(escrow.balanceOf(other), 10e18);
    }

    /// @dev Distributor migration: a successor (new debitor, new committer) settles the next registry epoch against
    /// the same escrow and cannot re-settle an old one.
    function test_submitRoot_distributorMigration_successorSettlesNextEpochOnly() public {
        _epoch0();
        RewardDistributor successor = _migrate();
        _commitWith(successor, 1, _fees(1, FEES1));
        _seed(1);
        uint256 funded = _submitWith(successor, 1, keccak256("r1"), _noAddresses(), _noAmounts());
        vm.assertEq(funded, 1_900e18);
        vm.assertEq(octo.balanceOf(address(successor)), 1_900e18);
        vm.assertEq(successor.nextEpoch(), 2);
        vm.assertEq(escrow.balanceOf(requester), DEPOSIT - FEES0 - FEES1);
        // The old distributor can no longer commit (not committer) nor settle (not debitor).
        _closeEpoch(2);
        vm.expectRevert(
            abi.encodeWithSelector(IAttestationRegistry.AttestationNotCommitter.selector, address(distributor))
        );
        vm.prank(settlement);
        distributor.commitEpoch(2, _receiptsRoot(2), 1, _dataHash(2), Authorizations.none());
    }

    function _migrate() internal returns (RewardDistributor successor) {
        successor = new RewardDistributor(address(octo), address(escrow), address(treasury), address(registry), admin);
        vm.startPrank(admin);
        escrow.setDebitor(address(successor));
        registry.setCommitter(address(successor));
        treasury.grantRole(treasury.FEE_NOTIFIER_ROLE(), address(successor));
        successor.grantRole(successor.SETTLEMENT_ROLE(), settlement);
        vm.stopPrank();
    }

    // ------------------------------------------------------------------ disablePendingRoot

    function test_disablePendingRoot_disablesAndKeepsFunding() public {
        bytes32[] memory tree0 = _epoch0();
        vm.expectEmit(true, false, false, true, address(distributor));
        emit IRewardDistributor.RootDisabled(0, tree0[0]);
        vm.prank(admin);
        distributor.disablePendingRoot();
        vm.assertTrue(distributor.latestRoot().disabled);
        vm.assertEq(distributor.totalFunded(address(octo)), OCTO_FUNDED0);
        _activate();
        vm.assertEq(distributor.activeRoot().root, bytes32(0));
    }

    function test_disablePendingRoot_guardianDisablesPendingRoot() public {
        address guardian = _grantGuardian();
        _epoch0();
        _activate();
        bytes32[] memory tree1 = _epoch1();
        vm.prank(guardian);
        distributor.disablePendingRoot();
        vm.assertTrue(distributor.latestRoot().disabled);
        _activate();
        vm.assertEq(distributor.activeRoot().epoch, 0);
        vm.assertNotEq(distributor.activeRoot().root, tree1[0]);
    }

    function test_disablePendingRoot_revertsWith_RewardsNotGuardian_whenCallerHasNeitherRole() public {
        _epoch0();
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsNotGuardian.selector, settlement));
        vm.prank(settlement);
        distributor.disablePendingRoot();
    }

    function test_disablePendingRoot_revertsWith_RewardsNoPendingRoot_whenNoRoot() public {
        vm.expectRevert(IRewardDistributor.RewardsNoPendingRoot.selector);
        vm.prank(admin);
        distributor.disablePendingRoot();
    }

    function test_disablePendingRoot_revertsWith_RewardsNoPendingRoot_whenAlreadyDisabled() public {
        _epoch0();
        vm.prank(admin);
        distributor.disablePendingRoot();
        vm.expectRevert(IRewardDistributor.RewardsNoPendingRoot.selector);
        vm.prank(admin);
        distributor.disablePendingRoot();
    }

    function test_disablePendingRoot_revertsWith_RewardsRootAlreadyActive_atActivationTime() public {
        _epoch0();
        _activate();
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsRootAlreadyActive.selector, 0));
        vm.prank(admin);
        distributor.disablePendingRoot();
    }

    function test_guardian_cannotSubmitRootOrChangeParameters() public {
        address guardian = _grantGuardian();
        _commitAndSeed(0, Authorizations.none());
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsNotSettlement.selector, guardian));
        vm.prank(guardian);
        distributor.submitRoot(0, keccak256("r0"), _bundle(0), _noAddresses(), _noAmounts());
        _expectUnauthorized(guardian, distributor.GOVERNANCE_ROLE());
        vm.prank(guardian);
        distributor.setProtocolFee(0);
        _expectUnauthorized(guardian, distributor.GOVERNANCE_ROLE());
        vm.prank(guardian);
        distributor.unpauseClaims();
    }

    // ------------------------------------------------------------------ pauseClaims / unpauseClaims

    function test_pauseClaims_guardianPausesClaimAndClaimMany() public {
        address guardian = _grantGuardian();
        bytes32[] memory tree = _epoch0();
        _activate();
        vm.expectEmit(false, false, false, true, address(distributor));
        emit Pausable.Paused(guardian);
        vm.prank(guardian);
        distributor.pauseClaims();
        vm.assertTrue(distributor.claimsPaused());

        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO0, proof);
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) =
            _aliceBoth(tree, A_OCTO0, A_ROLE0);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        distributor.claimMany(alice, tokens, amounts, proofs);
        vm.assertEq(octo.balanceOf(alice), 0);
    }

    function test_pauseClaims_governancePauses() public {
        vm.prank(admin);
        distributor.pauseClaims();
        vm.assertTrue(distributor.claimsPaused());
    }

    function test_pauseClaims_revertsWith_RewardsNotGuardian_whenCallerHasNeitherRole() public {
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsNotGuardian.selector, stranger));
        vm.prank(stranger);
        distributor.pauseClaims();
    }

    function test_pauseClaims_revertsWith_EnforcedPause_whenAlreadyPaused() public {
        vm.prank(admin);
        distributor.pauseClaims();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(admin);
        distributor.pauseClaims();
    }

    function test_unpauseClaims_governanceResumesClaims() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        vm.prank(admin);
        distributor.pauseClaims();
        vm.expectEmit(false, false, false, true, address(distributor));
        emit Pausable.Unpaused(admin);
        vm.prank(admin);
        distributor.unpauseClaims();
        vm.assertFalse(distributor.claimsPaused());
        _claim(alice, tree, alice, address(octo), A_OCTO0);
        vm.assertEq(octo.balanceOf(alice), A_OCTO0);
    }

    function test_unpauseClaims_revertsWith_AccessControlUnauthorizedAccount_whenGuardian() public {
        address guardian = _grantGuardian();
        vm.prank(guardian);
        distributor.pauseClaims();
        _expectUnauthorized(guardian, distributor.GOVERNANCE_ROLE());
        vm.prank(guardian);
        distributor.unpauseClaims();
        vm.assertTrue(distributor.claimsPaused());
    }

    function test_unpauseClaims_revertsWith_ExpectedPause_whenNotPaused() public {
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(admin);
        distributor.unpauseClaims();
    }

    // ------------------------------------------------------------------ claim

    function test_claim_paysEarnerAndRecordsClaim() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.Claimed(alice, address(octo), A_OCTO0, A_OCTO0, alice);
        _claim(alice, tree, alice, address(octo), A_OCTO0);
        vm.assertEq(octo.balanceOf(alice), A_OCTO0);
        vm.assertEq(distributor.claimed(alice, address(octo)), A_OCTO0);
        vm.assertEq(distributor.totalClaimed(address(octo)), A_OCTO0);
        vm.assertEq(octo.balanceOf(address(distributor)), OCTO_FUNDED0 - A_OCTO0);
    }

    function test_claim_paysEveryLeafOfTheRoot() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        _claim(alice, tree, alice, address(octo), A_OCTO0);
        _claim(bob, tree, bob, address(octo), B_OCTO0);
        _claim(alice, tree, alice, address(roleA), A_ROLE0);
        _claim(carol, tree, carol, address(roleA), C_ROLE0);
        vm.assertEq(octo.balanceOf(bob), B_OCTO0);
        vm.assertEq(roleA.balanceOf(alice), A_ROLE0);
        vm.assertEq(roleA.balanceOf(carol), C_ROLE0);
        vm.assertEq(octo.balanceOf(address(distributor)), 0);
        vm.assertEq(roleA.balanceOf(address(distributor)), 0);
    }

    function test_claim_designatedClaimerPaysEarner() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        vm.prank(alice);
        distributor.setClaimer(stranger);
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.Claimed(alice, address(octo), A_OCTO0, A_OCTO0, stranger);
        _claim(stranger, tree, alice, address(octo), A_OCTO0);
        vm.assertEq(octo.balanceOf(alice), A_OCTO0);
        vm.assertEq(octo.balanceOf(stranger), 0);
    }

    function test_claim_afterSecondEpochPaysOnlyDelta() public {
        bytes32[] memory tree0 = _epoch0();
        _activate();
        _claim(alice, tree0, alice, address(octo), A_OCTO0);
        bytes32[] memory tree1 = _epoch1();
        _activate();
        _claim(alice, tree1, alice, address(octo), A_OCTO1);
        vm.assertEq(octo.balanceOf(alice), A_OCTO1);
        vm.assertEq(distributor.claimed(alice, address(octo)), A_OCTO1);
    }

    function test_claim_againstPriorRootWhileNewRootPending() public {
        bytes32[] memory tree0 = _epoch0();
        _activate();
        _epoch1();
        _claim(bob, tree0, bob, address(octo), B_OCTO0);
        vm.assertEq(octo.balanceOf(bob), B_OCTO0);
    }

    /// @dev The full root is compared: a valid proof of the pending root fails while it is pending.
    function test_claim_revertsWith_RewardsInvalidProof_againstPendingRoot() public {
        _epoch0();
        _activate();
        bytes32[] memory tree1 = _epoch1();
        bytes32[] memory proof = _proof(tree1, alice, address(octo), A_OCTO1);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO1, proof);
    }

    function test_claim_revertsWith_RewardsInvalidProof_againstDisabledRoot() public {
        _epoch0();
        _activate();
        bytes32[] memory tree1 = _epoch1();
        vm.prank(admin);
        distributor.disablePendingRoot();
        _activate();
        bytes32[] memory proof = _proof(tree1, alice, address(octo), A_OCTO1);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO1, proof);
    }

    function test_claim_revertsWith_RewardsInvalidProof_againstPreviousRoot() public {
        bytes32[] memory tree0 = _epoch0();
        _activate();
        _epoch1();
        _activate();
        bytes32[] memory proof = _proof(tree0, bob, address(octo), B_OCTO0);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(bob);
        distributor.claim(bob, address(octo), B_OCTO0, proof);
    }

    function test_claim_worksFromActivationTimestamp() public {
        bytes32[] memory tree = _epoch0();
        uint256 at = distributor.latestRoot().activatesAt;
        vm.warp(at - 1);
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(IRewardDistributor.RewardsNoActiveRoot.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO0, proof);
        vm.warp(at);
        _claim(alice, tree, alice, address(octo), A_OCTO0);
        vm.assertEq(octo.balanceOf(alice), A_OCTO0);
    }

    function test_claim_revertsWith_RewardsUnauthorizedClaimer_whenCallerNotEarnerOrClaimer() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardsUnauthorizedClaimer.selector, stranger, alice)
        );
        vm.prank(stranger);
        distributor.claim(alice, address(octo), A_OCTO0, proof);
    }

    function test_claim_revertsWith_RewardsUnauthorizedClaimer_whenClaimerRemoved() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        vm.prank(alice);
        distributor.setClaimer(stranger);
        vm.prank(alice);
        distributor.setClaimer(address(0));
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardsUnauthorizedClaimer.selector, stranger, alice)
        );
        vm.prank(stranger);
        distributor.claim(alice, address(octo), A_OCTO0, proof);
    }

    function test_claim_revertsWith_RewardsNoActiveRoot_beforeAnyRoot() public {
        vm.expectRevert(IRewardDistributor.RewardsNoActiveRoot.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), 1, new bytes32[](0));
    }

    function test_claim_revertsWith_RewardsInvalidProof_whenAmountChanged() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO0 + 1, proof);
    }

    function test_claim_revertsWith_RewardsInvalidProof_whenTokenChanged() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(alice);
        distributor.claim(alice, address(roleA), A_OCTO0, proof);
    }

    function test_claim_revertsWith_RewardsInvalidProof_whenEarnerChanged() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(bob);
        distributor.claim(bob, address(octo), A_OCTO0, proof);
    }

    function test_claim_revertsWith_RewardsInvalidProof_whenProofTruncated() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        bytes32[] memory shorter = new bytes32[](proof.length - 1);
        for (uint256 i; i < shorter.length; ++i) {
            shorter[i] = proof[i];
        }
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO0, shorter);
    }

    function test_claim_revertsWith_RewardsNothingToClaim_whenClaimedTwice() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        _claim(alice, tree, alice, address(octo), A_OCTO0);
        bytes32[] memory proof = _proof(tree, alice, address(octo), A_OCTO0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardsNothingToClaim.selector, A_OCTO0, A_OCTO0)
        );
        vm.prank(alice);
        distributor.claim(alice, address(octo), A_OCTO0, proof);
    }

    function test_claim_revertsWith_RewardsNothingToClaim_whenCumulativeZero() public {
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = _leaf(alice, address(octo), 0);
        leaves[1] = _leaf(bob, address(octo), 1);
        bytes32[] memory tree = MerkleTreeBuilder.build(leaves);
        _submitEmpty(0, tree[0]);
        _activate();
        bytes32[] memory proof = _proof(tree, alice, address(octo), 0);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsNothingToClaim.selector, 0, 0));
        vm.prank(alice);
        distributor.claim(alice, address(octo), 0, proof);
    }

    function test_claim_revertsWith_RewardsInsufficientFunding_whenRootOverPromises() public {
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = _leaf(alice, address(octo), 900e18);
        leaves[1] = _leaf(bob, address(octo), 100e18); // 1000 promised, 950 funded
        bytes32[] memory tree = MerkleTreeBuilder.build(leaves);
        _submit(0, tree[0], FEES0, 0);
        _activate();
        _claim(alice, tree, alice, address(octo), 900e18);
        bytes32[] memory proof = _proof(tree, bob, address(octo), 100e18);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardsInsufficientFunding.selector, address(octo), 50e18, 100e18
            )
        );
        vm.prank(bob);
        distributor.claim(bob, address(octo), 100e18, proof);
    }

    function test_claim_revertsWith_RewardsInsufficientFunding_whenTokenNeverFunded() public {
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = _leaf(alice, stranger, 1);
        leaves[1] = _leaf(bob, stranger, 2);
        bytes32[] memory tree = MerkleTreeBuilder.build(leaves);
        _submitEmpty(0, tree[0]);
        _activate();
        bytes32[] memory proof = _proof(tree, alice, stranger, 1);
        vm.expectRevert(abi.encodeWithSelector(IRewardDistributor.RewardsInsufficientFunding.selector, stranger, 0, 1));
        vm.prank(alice);
        distributor.claim(alice, stranger, 1, proof);
    }

    function test_claim_revertsWith_SafeERC20FailedOperation_whenTransferReturnsFalse() public {
        FalseReturnToken bad = new FalseReturnToken();
        _checkFailingToken(address(bad), abi.encodeWithSelector(SafeERC20.SafeERC20FailedOperation.selector, bad));
    }

    function test_claim_paysTokenWhoseTransferReturnsNothing() public {
        // SafeERC20 accepts an empty return only from an account with code; NoReturnToken has code, so it pays.
        NoReturnToken token = new NoReturnToken();
        _checkFailingToken(address(token), "");
    }

    function test_claim_bubblesTokenRevert() public {
        RevertingToken bad = new RevertingToken();
        _checkFailingToken(address(bad), abi.encodeWithSelector(RevertingToken.RevertingTokenNope.selector, 42));
    }

    function test_claim_revertsWith_ReentrancyGuardReentrantCall_whenTokenReenters() public {
        ReentrantToken bad = new ReentrantToken();
        bad.setReenter(abi.encodeCall(distributor.claim, (bob, address(bad), 1, new bytes32[](0))));
        _checkFailingToken(address(bad), abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector));
    }

    /// @dev `err` empty: the claim succeeds (token without return value, accepted by SafeERC20).
    function _checkFailingToken(address bad, bytes memory err) internal {
        vm.prank(admin);
        distributor.setEmissionCap(bad, 10);
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = _leaf(alice, bad, 10);
        leaves[1] = _leaf(bob, bad, 1);
        bytes32[] memory tree = MerkleTreeBuilder.build(leaves);
        _commitAndSeed(0, Authorizations.none());
        _submitWith(distributor, 0, tree[0], _one(bad), _one(uint256(10)));
        _activate();
        bytes32[] memory proof = _proof(tree, alice, bad, 10);
        if (err.length == 0) {
            vm.prank(alice);
            distributor.claim(alice, bad, 10, proof);
            vm.assertEq(distributor.claimed(alice, bad), 10);
            return;
        }
        vm.expectRevert(err);
        vm.prank(alice);
        distributor.claim(alice, bad, 10, proof);
        vm.assertEq(distributor.claimed(alice, bad), 0);
    }

    function testFuzz_claim_randomTreePaysEveryLeaf(uint256 seed, uint256 n) public {
        n = bound(n, 1, 24);
        vm.prank(admin);
        distributor.setProtocolFee(0);
        (bytes32[] memory tree, address[] memory earners, address[] memory tokens, uint256[] memory amounts) =
            _randomEpoch(seed, n);
        _activate();
        for (uint256 i; i < n; ++i) {
            _claim(earners[i], tree, earners[i], tokens[i], amounts[i]);
            vm.assertEq(distributor.claimed(earners[i], tokens[i]), amounts[i]);
            vm.assertEq(IERC20Like(tokens[i]).balanceOf(earners[i]), amounts[i]);
        }
        vm.assertEq(distributor.totalClaimed(address(octo)), distributor.totalFunded(address(octo)));
        vm.assertEq(distributor.totalClaimed(address(roleA)), distributor.totalFunded(address(roleA)));
        vm.assertEq(octo.balanceOf(address(distributor)), 0);
        vm.assertEq(roleA.balanceOf(address(distributor)), 0);
    }

    function testFuzz_claim_revertsWith_RewardsInvalidProof_whenProofElementFlipped(
        uint256 seed,
        uint256 n,
        uint256 pick,
        uint256 index,
        uint8 bit
    ) public {
        n = bound(n, 2, 16);
        (bytes32[] memory tree, address[] memory earners, address[] memory tokens, uint256[] memory amounts) =
            _randomEpoch(seed, n);
        _activate();
        pick = bound(pick, 0, n - 1);
        bytes32[] memory proof = _proof(tree, earners[pick], tokens[pick], amounts[pick]);
        index = bound(index, 0, proof.length - 1);
        proof[index] ^= bytes32(uint256(1) << bit);
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(earners[pick]);
        distributor.claim(earners[pick], tokens[pick], amounts[pick], proof);
    }

    /// @dev Epoch 0 with `n` random leaves (distinct earners; OCTO or OCTO-A) funded at least exactly.
    function _randomEpoch(uint256 seed, uint256 n)
        internal
        returns (bytes32[] memory tree, address[] memory earners, address[] memory tokens, uint256[] memory amounts)
    {
        earners = new address[](n);
        tokens = new address[](n);
        amounts = new uint256[](n);
        bytes32[] memory leaves = new bytes32[](n);
        uint256 octoTotal;
        uint256 roleTotal;
        for (uint256 i; i < n; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            earners[i] = address(uint160(uint256(keccak256(abi.encode("earner", seed, i)))));
            tokens[i] = r % 2 == 0 ? address(octo) : address(roleA);
            amounts[i] = bound(r >> 8, 1, 10_000e18);
            if (tokens[i] == address(octo)) octoTotal += amounts[i];
            else roleTotal += amounts[i];
            leaves[i] = _leaf(earners[i], tokens[i], amounts[i]);
        }
        tree = MerkleTreeBuilder.build(leaves);
        uint256 fee = distributor.protocolFeeWad();
        uint256 fees = fee == 0 ? octoTotal : octoTotal * 1e18 / (1e18 - fee) + 1;
        _submit(0, tree[0], fees, roleTotal);
    }

    // ------------------------------------------------------------------ claimMany

    function test_claimMany_paysEveryTokenInOneCall() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) =
            _aliceBoth(tree, A_OCTO0, A_ROLE0);
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.Claimed(alice, address(octo), A_OCTO0, A_OCTO0, alice);
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.Claimed(alice, address(roleA), A_ROLE0, A_ROLE0, alice);
        vm.prank(alice);
        distributor.claimMany(alice, tokens, amounts, proofs);
        vm.assertEq(octo.balanceOf(alice), A_OCTO0);
        vm.assertEq(roleA.balanceOf(alice), A_ROLE0);
        vm.assertEq(distributor.totalClaimed(address(octo)), A_OCTO0);
        vm.assertEq(distributor.totalClaimed(address(roleA)), A_ROLE0);
        vm.assertEq(octo.balanceOf(address(distributor)), OCTO_FUNDED0 - A_OCTO0);
        vm.assertEq(roleA.balanceOf(address(distributor)), ROLE_EMIT0 - A_ROLE0);
    }

    function test_claimMany_paysDeltasAfterSecondEpochViaClaimer() public {
        bytes32[] memory tree0 = _epoch0();
        _activate();
        _claim(alice, tree0, alice, address(octo), A_OCTO0);
        bytes32[] memory tree1 = _epoch1();
        _activate();
        vm.prank(alice);
        distributor.setClaimer(stranger);
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) =
            _aliceBoth(tree1, A_OCTO1, A_ROLE1);
        vm.prank(stranger);
        distributor.claimMany(alice, tokens, amounts, proofs);
        vm.assertEq(octo.balanceOf(alice), A_OCTO1);
        vm.assertEq(roleA.balanceOf(alice), A_ROLE1);
    }

    function test_claimMany_revertsWith_RewardsLengthMismatch_whenAmountsDiffer() public {
        vm.expectRevert(IRewardDistributor.RewardsLengthMismatch.selector);
        vm.prank(alice);
        distributor.claimMany(alice, _two(address(octo), address(roleA)), _one(uint256(1)), new bytes32[][](2));
    }

    function test_claimMany_revertsWith_RewardsLengthMismatch_whenProofsDiffer() public {
        vm.expectRevert(IRewardDistributor.RewardsLengthMismatch.selector);
        vm.prank(alice);
        distributor.claimMany(alice, _one(address(octo)), _one(uint256(1)), new bytes32[][](2));
    }

    function test_claimMany_revertsWith_RewardsUnauthorizedClaimer_whenCallerNotEarnerOrClaimer() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) =
            _aliceBoth(tree, A_OCTO0, A_ROLE0);
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardsUnauthorizedClaimer.selector, stranger, alice)
        );
        vm.prank(stranger);
        distributor.claimMany(alice, tokens, amounts, proofs);
    }

    function test_claimMany_revertsWith_RewardsNoActiveRoot_beforeAnyRoot() public {
        vm.expectRevert(IRewardDistributor.RewardsNoActiveRoot.selector);
        vm.prank(alice);
        distributor.claimMany(alice, _noAddresses(), _noAmounts(), new bytes32[][](0));
    }

    function test_claimMany_revertsWith_RewardsInvalidProof_andPaysNothingWhenOneEntryInvalid() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) =
            _aliceBoth(tree, A_OCTO0, A_ROLE0);
        amounts[1] = A_ROLE0 + 1;
        vm.expectRevert(IRewardDistributor.RewardsInvalidProof.selector);
        vm.prank(alice);
        distributor.claimMany(alice, tokens, amounts, proofs);
        vm.assertEq(octo.balanceOf(alice), 0);
    }

    function test_claimMany_revertsWith_RewardsNothingToClaim_whenTokenRepeated() public {
        bytes32[] memory tree = _epoch0();
        _activate();
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) =
            _aliceBoth(tree, A_OCTO0, A_ROLE0);
        tokens[1] = address(octo);
        amounts[1] = A_OCTO0;
        proofs[1] = proofs[0];
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardsNothingToClaim.selector, A_OCTO0, A_OCTO0)
        );
        vm.prank(alice);
        distributor.claimMany(alice, tokens, amounts, proofs);
    }

    // ------------------------------------------------------------------ setClaimer and views

    function test_setClaimer_setsAndEmits() public {
        vm.expectEmit(true, true, false, true, address(distributor));
        emit IRewardDistributor.ClaimerSet(alice, bob);
        vm.prank(alice);
        distributor.setClaimer(bob);
        vm.assertEq(distributor.claimerOf(alice), bob);
    }

    function test_setClaimer_zeroRemoves() public {
        vm.prank(alice);
        distributor.setClaimer(bob);
        vm.prank(alice);
        distributor.setClaimer(address(0));
        vm.assertEq(distributor.claimerOf(alice), address(0));
    }

    function test_leaf_matchesStandardMerkleTreeLeaf() public view {
        vm.assertEq(
            distributor.leaf(alice, address(octo), 7),
            keccak256(bytes.concat(keccak256(abi.encode(alice, address(octo), uint256(7)))))
        );
    }

    function test_activeRoot_followsActivationAndDisabling() public {
        bytes32[] memory tree0 = _epoch0();
        vm.assertEq(distributor.activeRoot().root, bytes32(0));
        _activate();
        vm.assertEq(distributor.activeRoot().root, tree0[0]);
        _epoch1();
        vm.assertEq(distributor.activeRoot().root, tree0[0]);
        vm.prank(admin);
        distributor.disablePendingRoot();
        _activate();
        vm.assertEq(distributor.activeRoot().root, tree0[0]);
        vm.assertTrue(distributor.latestRoot().disabled);
    }

    // ------------------------------------------------------------------ parameters

    function test_setActivationDelay_appliesToNextRoot() public {
        vm.expectEmit(false, false, false, true, address(distributor));
        emit IRewardDistributor.ActivationDelaySet(2 days);
        vm.prank(admin);
        distributor.setActivationDelay(2 days);
        _epoch0();
        vm.assertEq(distributor.latestRoot().activatesAt, _now() + 2 days);
    }

    function test_setActivationDelay_zeroActivatesImmediately() public {
        vm.prank(admin);
        distributor.setActivationDelay(0);
        bytes32[] memory tree = _epoch0();
        vm.assertEq(distributor.activeRoot().root, tree[0]);
    }

    function test_setActivationDelay_revertsWith_RewardsInvalidParameter_whenAboveMax() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        vm.prank(admin);
        distributor.setActivationDelay(30 days + 1);
    }

    function test_setActivationDelay_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        _expectUnauthorized(stranger, distributor.GOVERNANCE_ROLE());
        vm.prank(stranger);
        distributor.setActivationDelay(1);
    }

    function test_setEmissionCap_registersAndUpdates() public {
        vm.expectEmit(true, false, false, true, address(distributor));
        emit IRewardDistributor.EmissionCapSet(stranger, 5);
        vm.prank(admin);
        distributor.setEmissionCap(stranger, 5);
        vm.assertTrue(distributor.isRewardToken(stranger));
        vm.assertEq(distributor.emissionCap(stranger), 5);
        vm.prank(admin);
        distributor.setEmissionCap(stranger, 0);
        vm.assertTrue(distributor.isRewardToken(stranger));
        vm.assertEq(distributor.emissionCap(stranger), 0);
    }

    function test_setEmissionCap_revertsWith_RewardsInvalidParameter_whenTokenZero() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        vm.prank(admin);
        distributor.setEmissionCap(address(0), 1);
    }

    function test_setEmissionCap_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        _expectUnauthorized(stranger, distributor.GOVERNANCE_ROLE());
        vm.prank(stranger);
        distributor.setEmissionCap(address(roleA), 1);
    }

    function test_setProtocolFee_updatesAndApplies() public {
        vm.expectEmit(false, false, false, true, address(distributor));
        emit IRewardDistributor.ProtocolFeeSet(0.1e18);
        vm.prank(admin);
        distributor.setProtocolFee(0.1e18);
        vm.assertEq(_submit(0, keccak256("r0"), FEES0, 0), 900e18);
        vm.assertEq(treasury.totalFeesReceived(), 100e18);
    }

    function test_setProtocolFee_zeroSendsNothingToTreasury() public {
        vm.prank(admin);
        distributor.setProtocolFee(0);
        vm.assertEq(_submit(0, keccak256("r0"), FEES0, 0), FEES0);
        vm.assertEq(treasury.totalFeesReceived(), 0);
    }

    function test_setProtocolFee_revertsWith_RewardsInvalidParameter_whenAboveOne() public {
        vm.expectRevert(IRewardDistributor.RewardsInvalidParameter.selector);
        vm.prank(admin);
        distributor.setProtocolFee(1e18 + 1);
    }

    function test_setProtocolFee_revertsWith_AccessControlUnauthorizedAccount_whenNotGovernance() public {
        _expectUnauthorized(stranger, distributor.GOVERNANCE_ROLE());
        vm.prank(stranger);
        distributor.setProtocolFee(0);
    }
}
interface IERC20Like {
    function balanceOf(address) external view returns (uint256);
}

/// @notice MerkleTreeBuilder against the OpenZeppelin StandardMerkleTree vector in shared/vectors
/// (merkle_std_1000.json: 1000 (address, uint256) leaves, generated by OpenZeppelin merkle-tree 1.0.8).
contract MerkleTreeBuilderTest is RewardsFixture {
    bytes32 internal constant VECTOR_ROOT = 0x63b0742ca18708e84faeeb2f14c1c4f00a2c463eddd508a3a8fd27078db88bd4;

    function _vectorTree() internal pure returns (bytes32[] memory tree, bytes32[] memory hashes) {
        uint256 n = 1000;
        bytes32[] memory leaves = new bytes32[](n);
        hashes = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            address a = address(uint160(uint256(keccak256(abi.encode(i)))));
            hashes[i] = keccak256(bytes.concat(keccak256(abi.encode(a, i * 1e18))));
            leaves[i] = hashes[i];
        }
        tree = MerkleTreeBuilder.build(leaves);
    }

    function test_build_matchesOpenZeppelinVectorRootAndProofs() public pure {
        (bytes32[] memory tree, bytes32[] memory hashes) = _vectorTree();
        if (MerkleTreeBuilder.root(tree) != VECTOR_ROOT) revert("root");
        if (tree.length != 1999) revert("length");
        if (hashes[0] != 0x6143abbb343b15f1dcf22bca422f1b9c1761e7d18d1496d57469eca974b9f9e0) revert("leaf 0");
        // Tree indices as in the vector's standard-v1 dump.
        if (MerkleTreeBuilder.indexOf(tree, hashes[0]) != 1627) revert("index 0");
        if (MerkleTreeBuilder.indexOf(tree, hashes[999]) != 1824) revert("index 999");

        bytes32[10] memory p0 = [
            bytes32(0x61254d021b7ec95d9dcdc8d7eede60eb696c5a07ae8e30d0b75a394cf0bb7ef5),
            0xc5e4e3bcfa8495f7d5f53f3a5e4f3032228b73f8d5f058cd3490c2dafebd6a63,
            0x3248c9bb0c7eeb36ccc0150438f922243a73a17c889baac19c65a5dca65e8dcc,
            0xef6b1d79cced1677c41de1053a91788f40dc46e28d63a75bfc9c5154fa1b1ada,
            0x8fe8ce5577d6d3a57205132d0f49c6f367779407992f9a38b2ee887f2a48c343,
            0x27f49fe42b201e0827fc2bffd8cbe8582f10400624ec76882a984b1889f7ec72,
            0x9e4025a37e08c0800319098a490811875fce7c067c8a3f464db1f91cfd4bd8e9,
            0x5b208d862c268d3a039e059fa5f3893b4fe4d538defe62bca6bc23315b60760f,
            0xf6d05e64e08b9193f188515f2c5b2fd4d07b4dff69a3ef35355f21f1918e40cc,
            0xf401920e2d3fd58df9970af25ebb362ee68580d56f893ac59beff1a02a6b2071
        ];
        bytes32[10] memory p999 = [
            bytes32(0x290639669ed14c56f6e71ac5cda6d21a6b886c22d66fcdcfec13c3a3b262feb4),
            0xbaead5703d561d474019b4e28eb4c23ac6bdfb162a47824a6524bdeab07f5a02,
            0x9bbbec4346c967374290b6b269f45f06d6c0a549b214dcefae14c4b2582d1fc9,
            0x9fc16d746fef45b032d2b1a5c6f84db21c004e39fc3ed22cc02f69e4f0134275,
            0x9176042d38130491cfb313d87d9f3c6c7f7a957f6955b300f2c278e735a9a99c,
            0x4f6a79865cfa91c67f463281e1ec3b68058e086843fc4545e529e627b3c7b10e,
            0x6dbd61d784eeda4cec39c833b9c1672d27c4df063ded65c373ce233793d85b0f,
            0xb50d876541f833d29ccb3473555e9272b15896ff8598457cd019b4ca12a2e906,
            0xc8966f9b7ce16b0f0fcbd5e6c47d47c9145eb051e95ff0f4bebd576e572a0820,
            0xf401920e2d3fd58df9970af25ebb362ee68580d56f893ac59beff1a02a6b2071
        ];
        bytes32[] memory proof0 = MerkleTreeBuilder.proofOf(tree, hashes[0]);
        bytes32[] memory proof999 = MerkleTreeBuilder.proofOf(tree, hashes[999]);
        if (proof0.length != 10 || proof999.length != 10) revert("proof length");
        for (uint256 i; i < 10; ++i) {
            if (proof0[i] != p0[i]) revert("proof 0");
            if (proof999[i] != p999[i]) revert("proof 999");
        }
        if (MerkleTreeBuilder.processProof(proof0, hashes[0]) != VECTOR_ROOT) revert("process 0");
    }

    function testFuzz_build_everyProofReachesRoot(uint256 seed, uint256 n) public pure {
        n = bound(n, 1, 40);
        bytes32[] memory leaves = new bytes32[](n);
        bytes32[] memory copy = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            leaves[i] = keccak256(abi.encode(seed, i));
            copy[i] = leaves[i];
        }
        bytes32[] memory tree = MerkleTreeBuilder.build(leaves);
        for (uint256 i; i < n; ++i) {
            bytes32[] memory proof = MerkleTreeBuilder.proofOf(tree, copy[i]);
            if (MerkleTreeBuilder.processProof(proof, copy[i]) != tree[0]) revert("proof");
        }
    }
}
