package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tree of an epoch's accepted receipts, whose root settlement commits on chain before the seed is drawn
 * (protocol v2). Leaves are OpenZeppelin StandardMerkleTree leaves of types {@link #LEAF_TYPES}:
 * (jobId, provider, role, requester, specHash, outputHash, workUnits, fee), inserted in job id order. A fail attestation
 * proves its receipt with {@link #proof}; the AttestationRegistry rebuilds the same leaf ({@code receiptLeaf}).
 * An epoch without receipts commits the zero root.
 */
public final class ReceiptsTree {
    public static final List<String> LEAF_TYPES = io.cipherocto.contracts.protocol.JobPage.LEAF_TYPES;
    private static final byte[] ZERO = new byte[32];

    private final Optional<StandardMerkleTree> tree;
    private final Map<String, Integer> index;

    private ReceiptsTree(Optional<StandardMerkleTree> tree, Map<String, Integer> index) {
        this.tree = tree;
        this.index = index;
    }

    /** @param receipts the epoch's receipts in job id order (as {@code ReceiptStore.epochReceipts} returns them) */
    public static ReceiptsTree of(List<StoredReceipt> receipts) {
        Objects.requireNonNull(receipts, "receipts");
        if (receipts.isEmpty()) {
            return new ReceiptsTree(Optional.empty(), Map.of());
        }
        List<List<Object>> rows = new ArrayList<>(receipts.size());
        Map<String, Integer> index = new HashMap<>(receipts.size() * 2);
        for (StoredReceipt r : receipts) {
            index.put(r.jobId(), rows.size());
            rows.add(leaf(r));
        }
        return new ReceiptsTree(Optional.of(StandardMerkleTree.of(rows, LEAF_TYPES)), index);
    }

    /** The leaf values of a receipt, in {@link #LEAF_TYPES} order. */
    public static List<Object> leaf(StoredReceipt r) {
        return List.of(r.jobId(), r.provider(), BigInteger.valueOf(r.role()), r.requester(), r.specHash(), r.outputHash(),
                r.workUnits(), r.fee());
    }

    public byte[] root() {
        return tree.map(StandardMerkleTree::root).orElse(ZERO);
    }

    public String rootHex() {
        return tree.map(StandardMerkleTree::rootHex).orElse("0x" + "0".repeat(64));
    }

    public int size() {
        return index.size();
    }

    /** The inclusion proof of a job's receipt, or empty when the job is not in the epoch. */
    public Optional<List<String>> proof(String jobId) {
        Integer i = index.get(jobId);
        return i == null ? Optional.empty() : tree.map(t -> t.proofHex(i));
    }
}
