package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The root and size of an epoch's receipts tree ({@link ReceiptsTree}) and each requester's fees, from the receipts in
 * batches and in any order (the tree sorts its leaves by hash): 32 bytes are kept per receipt, its leaf hash, instead
 * of the receipt. What settlement commits; {@link ReceiptsTree} remains for inclusion proofs.
 */
final class ReceiptsRoot {
    private static final byte[] ZERO = new byte[32];

    private final List<byte[]> chunks = new ArrayList<>();
    private final SortedMap<String, BigInteger> fees = new TreeMap<>();
    private int size;

    /** Adds a batch of the epoch's receipts (each receipt once); the leaves are hashed in parallel when many. */
    void accept(List<StoredReceipt> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<List<Object>> leaves = new ArrayList<>(batch.size());
        batch.forEach(r -> leaves.add(ReceiptsTree.leaf(r)));
        chunks.add(StandardMerkleTree.leafHashes(leaves, ReceiptsTree.LEAF_TYPES));
        size = Math.addExact(size, batch.size());
        batch.forEach(r -> fees.merge(r.requester(), r.fee(), BigInteger::add));
    }

    /** The root {@link ReceiptsTree#of} gives for the same receipts (the zero root for none). */
    byte[] root() {
        if (size == 0) {
            return ZERO.clone();
        }
        byte[] hashes = concatenated();
        chunks.clear();
        chunks.add(hashes); // root() may be asked again
        return StandardMerkleTree.rootOfLeafHashes(hashes, size);
    }

    /** The leaf hashes collected so far, in one array (each chunk copied in and let go of as it is copied). */
    private byte[] concatenated() {
        if (chunks.size() == 1 && chunks.get(0).length == 32 * size) {
            return chunks.get(0);
        }
        byte[] hashes = new byte[Math.multiplyExact(32, size)];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            System.arraycopy(c, 0, hashes, at, c.length);
            at += c.length;
            chunks.set(i, null);
        }
        return hashes;
    }

    /** The tree of the receipts accepted so far, for inclusion proofs; this accumulator is not used afterwards. */
    ReceiptsTree tree() {
        byte[] hashes = concatenated();
        chunks.clear();
        return ReceiptsTree.ofLeafHashes(hashes, size);
    }

    int size() {
        return size;
    }

    /** Each requester's fees over all of its receipts, by requester. */
    SortedMap<String, BigInteger> fees() {
        return fees;
    }
}
