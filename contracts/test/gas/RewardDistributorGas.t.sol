// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IPaymentEscrow} from "../../src/interfaces/IPaymentEscrow.sol";
import {RewardsFixture} from "../utils/RewardsTestBase.sol";
import {MerkleTreeBuilder} from "../utils/MerkleTreeBuilder.sol";
import {ReferenceMerkleDistributor} from "./reference/ReferenceMerkleDistributor.sol";
import {Authorizations} from "../utils/Authorizations.sol";

/// @notice Gas of the RewardDistributor (protocol v2: OpenZeppelin MerkleProof against the full root, SafeERC20,
/// Pausable, ReentrancyGuardTransient) against an ordinary OpenZeppelin-style cumulative Merkle distributor
/// (test/gas/reference: storage ReentrancyGuard), in the same scenario and the same run: proof depth 20, fresh
/// earner (nothing claimed before, token balance 0). Figures go to snapshots/RewardDistributor.json and
/// snapshots/ReferenceMerkleDistributor.json.
///
/// Every figure comes from one transaction in isolation mode (`forge test --isolate`, or the per-test `isolate`
/// config below), so cold accounts and slots are cold as on chain:
///  - whole-transaction (`<name>_tx`): `vm.snapshotGasLastCall`, intrinsic 21,000 and calldata included, as a wallet
///    pays it;
///  - execution-only (`<name>`): the same transaction minus the intrinsic 21,000 and the calldata cost (EIP-2028:
///    4 gas per zero byte, 16 per other byte), written with `vm.snapshotValue`.
/// `commitEpoch` (three requesters) and `submitRoot` (fees of three requesters, one emission) are settlement
/// transactions.
contract RewardDistributorGasTest is RewardsFixture {
    uint256 internal constant DEPTH = 20;
    uint256 internal constant ROLE_AMOUNT = 1_234e18;
    uint256 internal constant OCTO_AMOUNT = 900e18;
    uint256 internal constant WARM_AMOUNT = 10e18;
    uint256 internal constant FEES = 1_000e18;

    ReferenceMerkleDistributor internal ref;

    address internal earnerRole; // earns OCTO-A
    address internal earnerOcto; // earns OCTO
    address internal warmRole; // claims OCTO-A first (the token's books and balance exist)
    address internal warmOcto; // claims OCTO first
    address internal earnerRef; // earns OCTO-A (and OCTO) from the reference distributor

    bytes32 internal root;
    bytes32[] internal proofRole;
    bytes32[] internal proofOcto;
    bytes32[] internal proofRef;
    bytes32[] internal proofRefOcto;
    // claimMany scenario: `earnerRole` also earns OCTO (leaf of the second pair).
    bytes32[] internal proofRoleOcto;
    address internal requester;

    function setUp() public {
        _deployStack();
        earnerRole = makeAddr("earnerRole");
        earnerOcto = makeAddr("earnerOcto");
        warmRole = makeAddr("warmRole");
        warmOcto = makeAddr("warmOcto");
        earnerRef = makeAddr("earnerRef");

        // Depth-20 tree: six reward leaves fill the bottom levels, the other levels are arbitrary sibling hashes
        // (a tree of 2^20 leaves as far as the proofs can tell).
        bytes32[8] memory leaves = [
            MerkleTreeBuilder.leafHash(earnerRole, address(roleA), ROLE_AMOUNT),
            MerkleTreeBuilder.leafHash(earnerOcto, address(octo), OCTO_AMOUNT),
            MerkleTreeBuilder.leafHash(warmRole, address(roleA), WARM_AMOUNT),
            MerkleTreeBuilder.leafHash(warmOcto, address(octo), WARM_AMOUNT),
            MerkleTreeBuilder.leafHash(earnerRole, address(octo), OCTO_AMOUNT),
            keccak256("pad"),
            keccak256("pad2"),
            keccak256("pad3")
        ];
        bytes32 pairA = MerkleTreeBuilder.hashPair(leaves[0], leaves[1]);
        bytes32 pairB = MerkleTreeBuilder.hashPair(leaves[2], leaves[3]);
        bytes32 pairC = MerkleTreeBuilder.hashPair(leaves[4], leaves[5]);
        bytes32 pairD = MerkleTreeBuilder.hashPair(leaves[6], leaves[7]);
        bytes32 quadAB = MerkleTreeBuilder.hashPair(pairA, pairB);
        bytes32 quadCD = MerkleTreeBuilder.hashPair(pairC, pairD);
        bytes32[] memory upper;
        (root, upper) = _path(MerkleTreeBuilder.hashPair(quadAB, quadCD), "rd", DEPTH - 3);
        proofRole = _prepend3(leaves[1], pairB, quadCD, upper);
        proofOcto = _prepend3(leaves[0], pairB, quadCD, upper);
        proofRoleOcto = _prepend3(leaves[5], pairD, quadAB, upper);
        bytes32[] memory proofWarmRole = _prepend3(leaves[3], pairA, quadCD, upper);
        bytes32[] memory proofWarmOcto = _prepend3(leaves[2], pairA, quadCD, upper);

        // Epoch 0: 2000 OCTO of fees reserved against the requester's voucher (1900 to claims) and OCTO-A emissions.
        requester = makeAddr("requester");
        _fundRequester(requester, 100_000e18);
        _commitAndSeed(0, Authorizations.one(_auth(escrow, _pk("requester"), 0, 2 * FEES, 2 * FEES)));
        _submitWith(distributor, 0, root, _one(address(roleA)), _one(ROLE_AMOUNT + WARM_AMOUNT));
        vm.warp(_now() + distributor.activationDelay());

        vm.prank(warmRole);
        distributor.claim(warmRole, address(roleA), WARM_AMOUNT, proofWarmRole);
        vm.prank(warmOcto);
        distributor.claim(warmOcto, address(octo), WARM_AMOUNT, proofWarmOcto);

        // The reference distributor: same leaves, same depth, funded with the same balances.
        ref = new ReferenceMerkleDistributor(address(this));
        bytes32 refLeafRole = MerkleTreeBuilder.leafHash(earnerRef, address(roleA), ROLE_AMOUNT);
        bytes32 refLeafOcto = MerkleTreeBuilder.leafHash(earnerRef, address(octo), OCTO_AMOUNT);
        bytes32 refRoot;
        bytes32[] memory refUpper;
        (refRoot, refUpper) = _path(MerkleTreeBuilder.hashPair(refLeafRole, refLeafOcto), "ref", DEPTH - 1);
        proofRef = _prepend1(refLeafOcto, refUpper);
        proofRefOcto = _prepend1(refLeafRole, refUpper);
        ref.setMerkleRoot(refRoot);
        vm.startPrank(admin);
        roleA.grantRole(roleA.MINTER_ROLE(), admin);
        roleA.mint(address(ref), ROLE_AMOUNT + WARM_AMOUNT);
        vm.stopPrank();
        vm.prank(holder);
        octo.transfer(address(ref), OCTO_AMOUNT);
    }

    // ------------------------------------------------------------------ claim / claimMany

    /// forge-config: default.isolate = true
    function test_claim_gas_depth20_fresh_roleToken() public {
        vm.prank(earnerRole);
        distributor.claim(earnerRole, address(roleA), ROLE_AMOUNT, proofRole);
        _record("RewardDistributor", "claim_depth20_fresh", _claimData(earnerRole, address(roleA), ROLE_AMOUNT, proofRole));
        vm.assertEq(roleA.balanceOf(earnerRole), ROLE_AMOUNT);
    }

    /// forge-config: default.isolate = true
    function test_claim_gas_reference_depth20_fresh_roleToken() public {
        vm.prank(earnerRef);
        ref.claim(earnerRef, address(roleA), ROLE_AMOUNT, proofRef);
        _record(
            "ReferenceMerkleDistributor",
            "claim_depth20_fresh",
            abi.encodeCall(ref.claim, (earnerRef, address(roleA), ROLE_AMOUNT, proofRef))
        );
        vm.assertEq(roleA.balanceOf(earnerRef), ROLE_AMOUNT);
    }

    /// forge-config: default.isolate = true
    function test_claim_gas_depth20_fresh_octo() public {
        vm.prank(earnerOcto);
        distributor.claim(earnerOcto, address(octo), OCTO_AMOUNT, proofOcto);
        _record("RewardDistributor", "claim_octo_depth20_fresh", _claimData(earnerOcto, address(octo), OCTO_AMOUNT, proofOcto));
        vm.assertEq(octo.balanceOf(earnerOcto), OCTO_AMOUNT);
    }

    /// forge-config: default.isolate = true
    function test_claimMany_gas_depth20_fresh_2tokens() public {
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) = _manyArgs(false);
        vm.prank(earnerRole);
        distributor.claimMany(earnerRole, tokens, amounts, proofs);
        _record(
            "RewardDistributor",
            "claimMany_depth20_fresh_2tokens",
            abi.encodeCall(distributor.claimMany, (earnerRole, tokens, amounts, proofs))
        );
        _assertManyPaid(earnerRole);
    }

    /// forge-config: default.isolate = true
    function test_claimMany_gas_reference_depth20_fresh_2tokens() public {
        (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs) = _manyArgs(true);
        vm.prank(earnerRef);
        ref.claimMany(earnerRef, tokens, amounts, proofs);
        _record(
            "ReferenceMerkleDistributor",
            "claimMany_depth20_fresh_2tokens",
            abi.encodeCall(ref.claimMany, (earnerRef, tokens, amounts, proofs))
        );
        _assertManyPaid(earnerRef);
    }

    // ------------------------------------------------------------------ settlement

    /// forge-config: default.isolate = true
    function test_commitEpoch_gas_3requesters() public {
        IPaymentEscrow.Authorization[] memory auths = _threeAuths(1);
        _closeEpoch(1);
        vm.prank(settlement);
        distributor.commitEpoch(1, _receiptsRoot(1), 3, _dataHash(1), auths);
        _record(
            "RewardDistributor",
            "commitEpoch_3requesters",
            abi.encodeCall(distributor.commitEpoch, (1, _receiptsRoot(1), 3, _dataHash(1), auths))
        );
        vm.assertEq(escrow.epochBook(1).total, 3 * FEES);
    }

    /// forge-config: default.isolate = true
    function test_submitRoot_gas_fees_1emission() public {
        _commitAndSeed(1, _threeAuths(1));
        vm.prank(settlement);
        distributor.submitRoot(1, keccak256("r1"), _bundle(1), _one(address(roleA)), _one(uint256(100e18)));
        _record(
            "RewardDistributor",
            "submitRoot_fees_1emission",
            abi.encodeCall(
                distributor.submitRoot, (1, keccak256("r1"), _bundle(1), _one(address(roleA)), _one(uint256(100e18)))
            )
        );
        vm.assertEq(distributor.totalFunded(address(octo)), 1_900e18 + 3 * 950e18);
    }

    // ------------------------------------------------------------------ helpers

    function _threeAuths(uint64 epoch) internal returns (IPaymentEscrow.Authorization[] memory auths) {
        auths = new IPaymentEscrow.Authorization[](3);
        string[3] memory names = ["payer0", "payer1", "payer2"];
        for (uint256 i; i < 3; ++i) {
            _fundRequester(makeAddr(names[i]), 10 * FEES);
            auths[i] = _auth(escrow, _pk(names[i]), epoch, FEES, 2 * FEES);
        }
        Authorizations.sorted(auths);
    }

    function _manyArgs(bool useRef)
        internal
        view
        returns (address[] memory tokens, uint256[] memory amounts, bytes32[][] memory proofs)
    {
        tokens = _two(address(roleA), address(octo));
        amounts = _two(ROLE_AMOUNT, OCTO_AMOUNT);
        proofs = new bytes32[][](2);
        proofs[0] = useRef ? proofRef : proofRole;
        proofs[1] = useRef ? proofRefOcto : proofRoleOcto;
    }

    function _assertManyPaid(address earner) internal view {
        vm.assertEq(roleA.balanceOf(earner), ROLE_AMOUNT);
        vm.assertEq(octo.balanceOf(earner), OCTO_AMOUNT);
    }

    /// @dev Records the last call's whole-transaction gas as `<name>_tx` and its execution gas (whole transaction
    /// minus the intrinsic 21,000 and the calldata cost, 4 per zero byte and 16 per other byte) as `<name>`.
    function _record(string memory group, string memory name, bytes memory data) internal {
        uint256 txGas = vm.snapshotGasLastCall(group, string.concat(name, "_tx"));
        uint256 calldataGas;
        for (uint256 i; i < data.length; ++i) {
            calldataGas += data[i] == 0 ? 4 : 16;
        }
        vmr.snapshotValue(group, name, txGas - 21_000 - calldataGas);
    }

    function _claimData(address earner, address token, uint256 amount, bytes32[] memory proof)
        internal
        view
        returns (bytes memory)
    {
        return abi.encodeCall(distributor.claim, (earner, token, amount, proof));
    }

    /// @dev `levels` pseudo-random siblings above `node`, and the root they lead to.
    function _path(bytes32 node, string memory salt, uint256 levels)
        internal
        pure
        returns (bytes32 top, bytes32[] memory proof)
    {
        proof = new bytes32[](levels);
        top = node;
        for (uint256 i; i < levels; ++i) {
            proof[i] = keccak256(abi.encode(salt, i));
            top = MerkleTreeBuilder.hashPair(top, proof[i]);
        }
    }

    function _prepend1(bytes32 a, bytes32[] memory rest) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](rest.length + 1);
        out[0] = a;
        for (uint256 i; i < rest.length; ++i) {
            out[i + 1] = rest[i];
        }
    }

    function _prepend3(bytes32 a, bytes32 b, bytes32 c, bytes32[] memory rest)
        internal
        pure
        returns (bytes32[] memory out)
    {
        out = new bytes32[](rest.length + 3);
        out[0] = a;
        out[1] = b;
        out[2] = c;
        for (uint256 i; i < rest.length; ++i) {
            out[i + 3] = rest[i];
        }
    }
}
