package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.settlement.store.StoredReceipt;
import java.util.ArrayList;
import java.util.List;

/**
 * The receipts tree's leaf hashes ({@link ReceiptsTree#LEAF_TYPES}), 32 bytes per receipt, collected batch by batch as
 * the epoch is read: what the receipts root ({@link ReceiptsRoot}) and the proof tree ({@link ReceiptsTree#scan}) are
 * built from, instead of the receipts.
 */
final class LeafHashes {
    private final List<byte[]> chunks = new ArrayList<>();
    private int size;

    /** Adds a batch of receipts (each receipt once); the leaves are hashed in parallel when many. */
    void accept(List<StoredReceipt> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<List<Object>> leaves = new ArrayList<>(batch.size());
        batch.forEach(r -> leaves.add(ReceiptsTree.leaf(r)));
        chunks.add(StandardMerkleTree.leafHashes(leaves, ReceiptsTree.LEAF_TYPES));
        size = Math.addExact(size, batch.size());
    }

    int size() {
        return size;
    }

    /** All hashes so far in one array; the chunks are let go of as they are copied, the result kept for another call. */
    byte[] concatenated() {
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
        chunks.clear();
        chunks.add(hashes);
        return hashes;
    }
}
