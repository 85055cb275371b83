// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {RewardsFixture} from "../utils/RewardsTestBase.sol";
import {MerkleTreeBuilder} from "../utils/MerkleTreeBuilder.sol";
import {ReferenceMerkleDistributor} from "./reference/ReferenceMerkleDistributor.sol";

/// @notice `claim` gas of the RewardDistributor against an ordinary OpenZeppelin-style cumulative Merkle distributor
/// (test/gas/reference), in the same scenario: proof depth 20, fresh earner (nothing claimed before, token balance 0),
/// every contract and storage slot cold as in a real transaction (`vm.cool`). Figures are written to
/// snapshots/RewardDistributor.json and snapshots/ReferenceMerkleDistributor.json.
///
/// Target: the brief asked for <= 65,000 gas; measured 65,877 (reference 70,459). Where it goes: 60,824 is fixed
/// cold-state cost (claimed slot 2,100 + 20,000; per-token books and root tag 2,100 + 2,900; Claimed event 2,268;
/// cold CALL to the token 2,600; inside RoleToken two balance slots 2,100 + 2,900 + 2,100 + 20,000, its Transfer
/// event 1,756 and ~960 of its own dispatch and checks), about 700 is the via-IR selector dispatch (`claim` has the
/// highest selector, so it is found after 30 linear comparisons) and 250 ABI decoding, about 2,200 is the 20-level
/// proof (840 of it keccak256) and the rest leaf hashing, slot hashing, checks and call setup. Loop variants tried
/// (do-while, 3-word scratch, branches, unrolling by 2/5/8/10/20) save at most ~200 gas. The tests pin a regression
/// ceiling and the comparison with the reference.
///
/// Scenarios: `claim_depth20_fresh` is the steady state (another earner already claimed the token under the active
/// root, so its root tag is cached); `claim_depth20_fresh_firstAfterActivation` is the first claim of the token
/// after a root activates (slow root check); `claim_octo_depth20_fresh` pays OCTO (ERC20Votes bookkeeping).
contract RewardDistributorGasTest is RewardsFixture {
    uint256 internal constant DEPTH = 20;
    /// @dev Regression ceiling for the steady-state fresh claim (measured 65,877).
    uint256 internal constant CLAIM_GAS_CEILING = 66_000;
    uint256 internal constant ROLE_AMOUNT = 1_234e18;
    uint256 internal constant OCTO_AMOUNT = 900e18;
    uint256 internal constant WARM_AMOUNT = 10e18;

    ReferenceMerkleDistributor internal ref;

    address internal earnerRole; // earns OCTO-A
    address internal earnerOcto; // earns OCTO
    address internal warmRole; // claims OCTO-A first (caches the tag)
    address internal warmOcto; // claims OCTO first
    address internal earnerRef; // earns OCTO-A from the reference distributor

    bytes32 internal root;
    bytes32[] internal proofRole;
    bytes32[] internal proofOcto;
    bytes32[] internal proofRef;

    function setUp() public {
        _deployStack();
        earnerRole = makeAddr("earnerRole");
        earnerOcto = makeAddr("earnerOcto");
        warmRole = makeAddr("warmRole");
        warmOcto = makeAddr("warmOcto");
        earnerRef = makeAddr("earnerRef");

        // Depth-20 tree: the four reward leaves fill the bottom two levels, the other 18 levels are arbitrary
        // sibling hashes (a tree of 2^20 leaves as far as the proofs can tell).
        bytes32[4] memory leaves = [
            MerkleTreeBuilder.leafHash(earnerRole, address(roleA), ROLE_AMOUNT),
            MerkleTreeBuilder.leafHash(earnerOcto, address(octo), OCTO_AMOUNT),
            MerkleTreeBuilder.leafHash(warmRole, address(roleA), WARM_AMOUNT),
            MerkleTreeBuilder.leafHash(warmOcto, address(octo), WARM_AMOUNT)
        ];
        bytes32 pairA = MerkleTreeBuilder.hashPair(leaves[0], leaves[1]);
        bytes32 pairB = MerkleTreeBuilder.hashPair(leaves[2], leaves[3]);
        bytes32[] memory upper;
        (root, upper) = _path(MerkleTreeBuilder.hashPair(pairA, pairB), "rd", DEPTH - 2);
        proofRole = _prepend(leaves[1], pairB, upper);
        proofOcto = _prepend(leaves[0], pairB, upper);
        bytes32[] memory proofWarmRole = _prepend(leaves[3], pairA, upper);
        bytes32[] memory proofWarmOcto = _prepend(leaves[2], pairA, upper);

        // Fund the epoch: 1000 OCTO of fees (950 to claims) and OCTO-A emissions.
        address requester = makeAddr("requester");
        _fundRequester(requester, 1_000e18);
        vm.prank(settlement);
        distributor.submitRoot(
            0, root, _one(requester), _one(uint256(1_000e18)), _one(address(roleA)), _one(ROLE_AMOUNT + WARM_AMOUNT)
        );
        vm.warp(block.timestamp + distributor.activationDelay());

        vm.prank(warmRole);
        distributor.claim(warmRole, address(roleA), WARM_AMOUNT, proofWarmRole);
        vm.prank(warmOcto);
        distributor.claim(warmOcto, address(octo), WARM_AMOUNT, proofWarmOcto);

        // The reference distributor: same leaf, same depth, funded with the same OCTO-A balance.
        ref = new ReferenceMerkleDistributor(address(this));
        bytes32 refRoot;
        (refRoot, proofRef) =
            _path(MerkleTreeBuilder.leafHash(earnerRef, address(roleA), ROLE_AMOUNT), "ref", DEPTH);
        ref.setMerkleRoot(refRoot);
        vm.startPrank(admin);
        roleA.grantRole(roleA.MINTER_ROLE(), admin);
        roleA.mint(address(ref), ROLE_AMOUNT);
        vm.stopPrank();
    }

    function test_claim_gas_depth20_fresh_roleToken() public {
        _coolAll();
        vm.prank(earnerRole);
        distributor.claim(earnerRole, address(roleA), ROLE_AMOUNT, proofRole);
        uint256 gasUsed = vm.snapshotGasLastCall("RewardDistributor", "claim_depth20_fresh");
        vm.assertEq(roleA.balanceOf(earnerRole), ROLE_AMOUNT);
        vm.assertLe(gasUsed, CLAIM_GAS_CEILING, "claim gas regression");
    }

    /// @dev Measured in its own test: `vm.cool` cools storage but an account already touched in the same test
    /// stays warm, which would understate the reference by 2,500.
    function test_claim_gas_reference_depth20_fresh_roleToken() public {
        _coolAll();
        vm.prank(earnerRef);
        ref.claim(earnerRef, address(roleA), ROLE_AMOUNT, proofRef);
        uint256 refGas = vm.snapshotGasLastCall("ReferenceMerkleDistributor", "claim_depth20_fresh");
        vm.assertEq(roleA.balanceOf(earnerRef), ROLE_AMOUNT);
        // The RewardDistributor's claim (<= CLAIM_GAS_CEILING) is cheaper than the reference.
        vm.assertGt(refGas, CLAIM_GAS_CEILING, "reference cheaper than the ceiling");
    }

    /// @dev Whole-transaction figures (isolation mode: intrinsic 21,000 + calldata included), the way the
    /// governor and staking figures are measured, for both contracts in the same run.
    /// forge-config: default.isolate = true
    function test_claim_txGas_depth20_fresh_roleToken() public {
        vm.prank(earnerRole);
        distributor.claim(earnerRole, address(roleA), ROLE_AMOUNT, proofRole);
        vm.snapshotGasLastCall("RewardDistributor", "claim_depth20_fresh_tx");
        vm.assertEq(roleA.balanceOf(earnerRole), ROLE_AMOUNT);
    }

    /// forge-config: default.isolate = true
    function test_claim_txGas_reference_depth20_fresh_roleToken() public {
        vm.prank(earnerRef);
        ref.claim(earnerRef, address(roleA), ROLE_AMOUNT, proofRef);
        vm.snapshotGasLastCall("ReferenceMerkleDistributor", "claim_depth20_fresh_tx");
        vm.assertEq(roleA.balanceOf(earnerRef), ROLE_AMOUNT);
    }

    function test_claim_gas_depth20_fresh_firstAfterActivation() public {
        // A new epoch (same cumulative root, no new funding) clears the cached tags; once it activates the first
        // OCTO-A claim takes the slow root check.
        vm.prank(settlement);
        distributor.submitRoot(1, root, _noAddresses(), _noAmounts(), _noAddresses(), _noAmounts());
        vm.warp(block.timestamp + distributor.activationDelay());
        _coolAll();
        vm.prank(earnerRole);
        distributor.claim(earnerRole, address(roleA), ROLE_AMOUNT, proofRole);
        vm.snapshotGasLastCall("RewardDistributor", "claim_depth20_fresh_firstAfterActivation");
        vm.assertEq(roleA.balanceOf(earnerRole), ROLE_AMOUNT);
    }

    function test_claim_gas_depth20_fresh_octo() public {
        _coolAll();
        vm.prank(earnerOcto);
        distributor.claim(earnerOcto, address(octo), OCTO_AMOUNT, proofOcto);
        vm.snapshotGasLastCall("RewardDistributor", "claim_octo_depth20_fresh");
        vm.assertEq(octo.balanceOf(earnerOcto), OCTO_AMOUNT);
    }

    // ------------------------------------------------------------------ helpers

    function _coolAll() internal {
        vm.cool(address(distributor));
        vm.cool(address(ref));
        vm.cool(address(roleA));
        vm.cool(address(octo));
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

    function _prepend(bytes32 a, bytes32 b, bytes32[] memory rest) internal pure returns (bytes32[] memory out) {
        out = new bytes32[](rest.length + 2);
        out[0] = a;
        out[1] = b;
        for (uint256 i; i < rest.length; ++i) {
            out[i + 2] = rest[i];
        }
    }
}
