// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {MerkleTreeBuilder} from "./MerkleTreeBuilder.sol";

/// @title ReceiptTree
/// @notice Job-receipt trees in tests: the AttestationRegistry's receipt leaves (OpenZeppelin StandardMerkleTree with
/// the encoding ["bytes32","address","uint8","address","bytes32","bytes32","uint256","uint256"]), built and proven with
/// {MerkleTreeBuilder} (the same standard-tree construction the rewards tests use).
library ReceiptTree {
    struct Receipt {
        bytes32 jobId;
        address provider;
        uint8 role;
        address requester;
        bytes32 specHash;
        bytes32 outputHash;
        uint256 workUnits;
        uint256 fee;
    }

    /// @notice keccak256(bytes.concat(keccak256(abi.encode(jobId, provider, role, requester, specHash, outputHash,
    /// workUnits, fee)))), computed from the spec text, independently of the registry.
    function leafHash(Receipt memory r) internal pure returns (bytes32) {
        return keccak256(
            bytes.concat(
                keccak256(
                    abi.encode(
                        r.jobId, r.provider, r.role, r.requester, r.specHash, r.outputHash, r.workUnits, r.fee
                    )
                )
            )
        );
    }

    /// @notice The tree array over the receipts' leaves.
    function buildFromReceipts(Receipt[] memory receipts) internal pure returns (bytes32[] memory) {
        bytes32[] memory leaves = new bytes32[](receipts.length);
        for (uint256 i; i < receipts.length; ++i) {
            leaves[i] = leafHash(receipts[i]);
        }
        return MerkleTreeBuilder.build(leaves);
    }

    function root(bytes32[] memory tree) internal pure returns (bytes32) {
        return MerkleTreeBuilder.root(tree);
    }

    /// @notice The proof of `leaf` (reverts if it is not a leaf of `tree`), siblings from the leaf up.
    function proofOf(bytes32[] memory tree, bytes32 leaf) internal pure returns (bytes32[] memory) {
        return MerkleTreeBuilder.proofOf(tree, leaf);
    }
}
