package io.cipherocto.settlement.rewards;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The cumulative reward tree of an epoch: leaves (earner, token, cumulativeAmount) with types
 * (address, address, uint256), cumulativeAmount = previous epoch's cumulative + this epoch's allocation, for every
 * (earner, token) that ever earned (carried forward unchanged when it earned nothing now). Leaves are inserted sorted by
 * earner then token; the OpenZeppelin StandardMerkleTree sorts them by hash for the layout.
 */
public record CumulativeTree(SortedMap<Key, BigInteger> cumulative, StandardMerkleTree tree) {
    public static final List<String> LEAF_TYPES = List.of("address", "address", "uint256");

    /** An (earner, token) pair, ordered by earner then token. */
    public record Key(String earner, String token) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = earner.compareTo(o.earner);
            return c != 0 ? c : token.compareTo(o.token);
        }
    }

    public static CumulativeTree build(Map<Key, BigInteger> previous, List<Allocation> allocations) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(allocations, "allocations");
        SortedMap<Key, BigInteger> cum = new TreeMap<>(previous);
        for (Allocation a : allocations) {
            cum.merge(new Key(a.earner(), a.token()), a.amount(), BigInteger::add);
        }
        if (cum.isEmpty()) {
            throw new IllegalArgumentException("a tree needs at least one leaf (the treasury leaf is always allocated)");
        }
        List<List<Object>> rows = new ArrayList<>(cum.size());
        cum.forEach((k, v) -> rows.add(List.of(k.earner(), k.token(), v)));
        return new CumulativeTree(cum, StandardMerkleTree.of(rows, LEAF_TYPES));
    }

    /**
     * Insertion index of the leaf of (earner, token), or -1. The leaves are inserted in {@link #cumulative()} order, so
     * this is the key's position in that map (a linear search here: callers that need every index count instead).
     */
    public int indexOf(Key key) {
        BigInteger v = cumulative.get(key);
        return v == null ? -1 : tree.indexOf(List.of(key.earner(), key.token(), v));
    }
}
