package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.merkle.LeafHashTree;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tree of an epoch's accepted receipts, whose root settlement commits on chain before the seed is drawn
 * (protocol v2). Leaves are OpenZeppelin StandardMerkleTree leaves of types {@link #LEAF_TYPES}:
 * (jobId, provider, role, requester, specHash, outputHash, workUnits, fee). A fail attestation proves its receipt with
 * {@link #proof}; the AttestationRegistry rebuilds the same leaf ({@code receiptLeaf}). An epoch without receipts
 * commits the zero root.
 *
 * <p>Only the leaves' hashes are kept ({@link LeafHashTree}: 64 bytes per receipt, whatever the receipts hold), so an
 * epoch of 10,000,000 receipts takes 640 MB, and {@link #scan} builds it from the database in batches without ever
 * holding the receipts. A proof is found from the receipt itself (its leaf hash), not from its job id.
 */
public final class ReceiptsTree {
    public static final List<String> LEAF_TYPES = io.cipherocto.contracts.protocol.JobPage.LEAF_TYPES;
    private static final byte[] ZERO = new byte[32];

    private final Optional<LeafHashTree> tree;

    private ReceiptsTree(Optional<LeafHashTree> tree) {
        this.tree = tree;
    }

    /** @param receipts the epoch's receipts, in any order (the tree sorts its leaves by hash) */
    public static ReceiptsTree of(List<StoredReceipt> receipts) {
        LeafHashes leaves = new LeafHashes();
        leaves.accept(Objects.requireNonNull(receipts, "receipts"));
        return of(leaves);
    }

    /** The epoch's tree from its stored receipts, read in batches of {@link ReceiptStore#SCAN_BATCH}. */
    public static ReceiptsTree scan(ReceiptStore store, long epoch) {
        LeafHashes leaves = new LeafHashes();
        store.scanEpoch(epoch, leaves::accept);
        return of(leaves);
    }

    private static ReceiptsTree of(LeafHashes leaves) {
        return new ReceiptsTree(leaves.size() == 0 ? Optional.empty()
                : Optional.of(LeafHashTree.of(leaves.concatenated(), leaves.size())));
    }

    /** The leaf values of a receipt, in {@link #LEAF_TYPES} order. */
    public static List<Object> leaf(StoredReceipt r) {
        return List.of(r.jobId(), r.provider(), BigInteger.valueOf(r.role()), r.requester(), r.specHash(), r.outputHash(),
                r.workUnits(), r.fee());
    }

    public byte[] root() {
        return tree.map(LeafHashTree::root).orElse(ZERO.clone());
    }

    public String rootHex() {
        return tree.map(LeafHashTree::rootHex).orElse("0x" + "0".repeat(64));
    }

    public int size() {
        return tree.map(LeafHashTree::size).orElse(0);
    }

    /** Bytes the tree holds (64 per receipt). */
    public long bytes() {
        return tree.map(LeafHashTree::bytes).orElse(0L);
    }

    /**
     * The inclusion proof of a receipt (lower-case 0x-hex, bottom-up), or empty when no receipt with exactly these leaf
     * values is in the epoch.
     */
    public Optional<List<String>> proof(StoredReceipt receipt) {
        return proofs(List.of(Objects.requireNonNull(receipt, "receipt"))).get(0);
    }

    /** {@link #proof} of each receipt, in order; the leaves are hashed together (the leaf types parsed once). */
    public List<Optional<List<String>>> proofs(List<StoredReceipt> receipts) {
        LeafHashes leaves = new LeafHashes();
        leaves.accept(receipts);
        byte[] hashes = leaves.concatenated();
        List<Optional<List<String>>> out = new ArrayList<>(receipts.size());
        for (int i = 0; i < receipts.size(); i++) {
            byte[] leaf = java.util.Arrays.copyOfRange(hashes, 32 * i, 32 * i + 32);
            out.add(tree.flatMap(t -> t.proofHex(leaf)));
        }
        return out;
    }
}
