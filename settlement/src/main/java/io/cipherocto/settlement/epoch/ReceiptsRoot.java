package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
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

    private final LeafHashes leaves = new LeafHashes();
    private final SortedMap<String, BigInteger> fees = new TreeMap<>();

    /** Adds a batch of the epoch's receipts (each receipt once); the leaves are hashed in parallel when many. */
    void accept(List<StoredReceipt> batch) {
        leaves.accept(batch);
        batch.forEach(r -> fees.merge(r.requester(), r.fee(), BigInteger::add));
    }

    /** The root {@link ReceiptsTree#of} gives for the same receipts (the zero root for none). */
    byte[] root() {
        if (leaves.size() == 0) {
            return ZERO.clone();
        }
        return StandardMerkleTree.rootOfLeafHashes(leaves.concatenated(), leaves.size());
    }

    int size() {
        return leaves.size();
    }

    /** Each requester's fees over all of its receipts, by requester. */
    SortedMap<String, BigInteger> fees() {
        return fees;
    }
}
