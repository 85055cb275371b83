package io.cipherocto.contracts.merkle;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StandardMerkleTree} known by its leaf hashes only: the same root and the same proofs, in 32 * (2n - 1) bytes
 * (64 bytes per leaf) and nothing per leaf value. For trees of millions of leaves whose values live elsewhere (a
 * database): a leaf's proof is found from its hash ({@link StandardMerkleTree#leafHash(List, List)} of the values), by
 * binary search over the leaves, which the tree keeps sorted by hash.
 */
public final class LeafHashTree {
    /** Node i at {@code [32 * i, 32 * i + 32)}; leaf k in hash order (k = 0 the smallest) at node 2n - 2 - k. */
    private final byte[] nodes;
    private final int n;

    private LeafHashTree(byte[] nodes, int n) {
        this.nodes = nodes;
        this.n = n;
    }

    /**
     * @param leafHashes the leaves' hashes, 32 bytes each, in any order (as {@link StandardMerkleTree#leafHashes} gives
     *     them); not kept
     * @param n how many leaves, at least one
     */
    public static LeafHashTree of(byte[] leafHashes, int n) {
        return new LeafHashTree(StandardMerkleTree.nodesOfLeafHashes(leafHashes, n), n);
    }

    public byte[] root() {
        return Arrays.copyOf(nodes, 32);
    }

    public String rootHex() {
        return StandardMerkleTree.Bytes.toHex(nodes, 0, 32);
    }

    public int size() {
        return n;
    }

    /** Bytes held: the node array. */
    public long bytes() {
        return nodes.length;
    }

    /** The proof of the leaf with hash {@code leafHash}, bottom-up as {@code MerkleProof.verify} takes it; empty if absent. */
    public Optional<List<byte[]>> proof(byte[] leafHash) {
        int node = find(leafHash);
        return node < 0 ? Optional.empty() : Optional.of(StandardMerkleTree.proofOf(nodes, node));
    }

    /** As {@link #proof}, each node as lower-case 0x-hex. */
    public Optional<List<String>> proofHex(byte[] leafHash) {
        int node = find(leafHash);
        return node < 0 ? Optional.empty() : Optional.of(StandardMerkleTree.proofHexOf(nodes, node));
    }

    /** The node index of the leaf with this hash, or -1. */
    private int find(byte[] leafHash) {
        Objects.requireNonNull(leafHash, "leafHash");
        if (leafHash.length != 32) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes, got " + leafHash.length);
        }
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int node = 2 * n - 2 - mid;
            int c = Arrays.compareUnsigned(nodes, 32 * node, 32 * node + 32, leafHash, 0, 32);
            if (c == 0) {
                return node;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
