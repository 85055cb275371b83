// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title ReceiptTree
/// @notice Builds OpenZeppelin StandardMerkleTree trees of job receipts (the AttestationRegistry's receipt leaves)
/// and their proofs inside tests. Same construction as OpenZeppelin's merkle-tree JS library
/// (`StandardMerkleTree.of(values, ["bytes32","address","uint8","address","bytes32","bytes32","uint256","uint256"])`):
/// leaf hashes sorted ascending, complete binary tree in an array of length 2n - 1 with the sorted leaves at the end
/// in reverse order, node i has children 2i + 1 and 2i + 2, internal node = keccak256 of the sorted pair.
/// (Copied from MerkleTreeBuilder so that the attestation suites do not depend on the rewards test utilities.)
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

    /// @notice keccak256 of the sorted pair (OpenZeppelin's Hashes.commutativeKeccak256).
    function hashPair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @notice The tree array over the receipts' leaves.
    function buildFromReceipts(Receipt[] memory receipts) internal pure returns (bytes32[] memory) {
        bytes32[] memory leaves = new bytes32[](receipts.length);
        for (uint256 i; i < receipts.length; ++i) {
            leaves[i] = leafHash(receipts[i]);
        }
        return build(leaves);
    }

    /// @notice The tree array over `leaves` (leaf hashes; the input array is sorted in place).
    function build(bytes32[] memory leaves) internal pure returns (bytes32[] memory tree) {
        uint256 n = leaves.length;
        require(n > 0, "ReceiptTree: no leaves");
        _sort(leaves);
        tree = new bytes32[](2 * n - 1);
        for (uint256 i; i < n; ++i) {
            tree[tree.length - 1 - i] = leaves[i];
        }
        for (uint256 i = tree.length - n; i > 0; --i) {
            uint256 k = i - 1;
            tree[k] = hashPair(tree[2 * k + 1], tree[2 * k + 2]);
        }
    }

    function root(bytes32[] memory tree) internal pure returns (bytes32) {
        return tree[0];
    }

    /// @notice The proof of `leaf` (reverts if it is not a leaf of `tree`), siblings from the leaf up.
    function proofOf(bytes32[] memory tree, bytes32 leaf) internal pure returns (bytes32[] memory proof) {
        uint256 index = type(uint256).max;
        for (uint256 i = tree.length / 2; i < tree.length; ++i) {
            if (tree[i] == leaf) {
                index = i;
                break;
            }
        }
        require(index != type(uint256).max, "ReceiptTree: leaf not in tree");
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

    /// @dev Insertion sort (receipt trees in tests are small).
    function _sort(bytes32[] memory a) private pure {
        for (uint256 i = 1; i < a.length; ++i) {
            bytes32 v = a[i];
            uint256 j = i;
            while (j > 0 && a[j - 1] > v) {
                a[j] = a[j - 1];
                --j;
            }
            a[j] = v;
        }
    }
}
