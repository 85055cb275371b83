// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title MerkleTreeBuilder
/// @notice Builds OpenZeppelin StandardMerkleTree trees and proofs inside tests.
///
/// Same construction as OpenZeppelin's merkle-tree JS library (`StandardMerkleTree.of(values, encoding)` with the default
/// `sortLeaves: true`): leaf hashes are sorted ascending, the tree is the complete binary tree stored in an array
/// of length 2n - 1 with the sorted leaves at the end in reverse order (`tree[len - 1 - i] = leaves[i]`), node i has
/// children 2i + 1 and 2i + 2, internal node = keccak256 of the sorted pair, root = tree[0]. Proofs list the
/// siblings from the leaf up, exactly as the library's `getProof`, so roots and proofs match OpenZeppelin's byte for
/// byte (checked against shared/vectors in the tests).
library MerkleTreeBuilder {
    /// @notice keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount)))).
    function leafHash(address earner, address token, uint256 cumulativeAmount) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount))));
    }

    /// @notice keccak256 of the sorted pair (OpenZeppelin's Hashes.commutativeKeccak256).
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @notice The OpenZeppelin tree array over `leaves` (leaf hashes; the input array is sorted in place).
    function build(bytes32[] memory leaves) internal pure returns (bytes32[] memory tree) {
        uint256 n = leaves.length;
        require(n > 0, "MerkleTreeBuilder: no leaves");
        _sort(leaves, 0, int256(n) - 1);
        tree = new bytes32[](2 * n - 1);
        for (uint256 i; i < n; ++i) {
            tree[tree.length - 1 - i] = leaves[i];
        }
        for (uint256 i = tree.length - n; i > 0; --i) {
            uint256 k = i - 1;
            tree[k] = hashPair(tree[2 * k + 1], tree[2 * k + 2]);
        }
    }

    /// @notice The root of a tree built by `build`.
    function root(bytes32[] memory tree) internal pure returns (bytes32) {
        return tree[0];
    }

    /// @notice The tree index of `leaf` (reverts if it is not a leaf of `tree`).
    function indexOf(bytes32[] memory tree, bytes32 leaf) internal pure returns (uint256) {
        uint256 firstLeaf = tree.length / 2; // leaves occupy [n - 1, 2n - 2]
        for (uint256 i = firstLeaf; i < tree.length; ++i) {
            if (tree[i] == leaf) return i;
        }
        revert("MerkleTreeBuilder: leaf not in tree");
    }

    /// @notice The proof of the node at tree index `index` (OpenZeppelin's `getProof`).
    function proofAt(bytes32[] memory tree, uint256 index) internal pure returns (bytes32[] memory proof) {
        uint256 depth;
        for (uint256 i = index; i > 0; i = (i - 1) / 2) {
            ++depth;
        }
        proof = new bytes32[](depth);
        uint256 k;
        while (index > 0) {
            proof[k++] = tree[index % 2 == 1 ? index + 1 : index - 1];
            index = (index - 1) / 2;
        }
    }

    /// @notice The proof of `leaf`.
    function proofOf(bytes32[] memory tree, bytes32 leaf) internal pure returns (bytes32[] memory) {
        return proofAt(tree, indexOf(tree, leaf));
    }

    /// @notice The root `proof` leads to from `leaf` (OpenZeppelin's MerkleProof.processProof).
    function processProof(bytes32[] memory proof, bytes32 leaf) internal pure returns (bytes32 node) {
        node = leaf;
        for (uint256 i; i < proof.length; ++i) {
            node = hashPair(node, proof[i]);
        }
    }

    function _sort(bytes32[] memory a, int256 lo, int256 hi) private pure {
        while (lo < hi) {
            bytes32 pivot = a[uint256(lo + (hi - lo) / 2)];
            int256 i = lo;
            int256 j = hi;
            while (i <= j) {
                while (a[uint256(i)] < pivot) ++i;
                while (a[uint256(j)] > pivot) --j;
                if (i <= j) {
                    (a[uint256(i)], a[uint256(j)]) = (a[uint256(j)], a[uint256(i)]);
                    ++i;
                    --j;
                }
            }
            // Recurse into the smaller side, loop on the larger one.
            if (j - lo < hi - i) {
                _sort(a, lo, j);
                lo = i;
            } else {
                _sort(a, i, hi);
                hi = j;
            }
        }
    }
}
