package io.cipherocto.settlement.api;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.chain.RootView;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a wallet needs to claim: for the root claims are checked against now ({@code activeRoot()}), every leaf of
 * the address with its proof, plus what is already claimed on chain ({@code claimed(earner, token)}). Trees are
 * loaded from the stored standard-v1 dump and cached per epoch.
 */
@ApplicationScoped
public class RewardQueries {
    @Inject
    SettlementRuntime runtime;

    /**
     * Trees by epoch, at most {@link #CACHED_TREES} (least recently used out): claims need the active root's tree and
     * the pending one's, so a small bound serves every request without growing with history.
     */
    static final int CACHED_TREES = 4;

    private final Map<Long, StandardMerkleTree> trees = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, StandardMerkleTree> eldest) {
                    return size() > CACHED_TREES;
                }
            });

    /** One token's claim data. */
    public record TokenReward(String token, String cumulativeAmount, String claimed, String claimable, int leafIndex,
            List<String> proof) {
    }

    /** The answer of GET /rewards/{address}. */
    public record AddressRewards(String address, Long epoch, String root, Long activatesAt, List<TokenReward> rewards,
            Pending pending) {
    }

    /** A newer root not active yet (claims against it fail until activatesAt). */
    public record Pending(long epoch, String root, long activatesAt, Map<String, String> cumulativeAmounts) {
    }

    /** One epoch's rewards of an earner: this epoch's amount and the cumulative amount per token. */
    public record EpochEarnings(long epoch, List<io.cipherocto.settlement.epoch.EpochStore.EarnerRow> rewards) {
    }

    /** The answer of GET /rewards/{address}/epochs: newest epochs first; {@code next} is the {@code before} of the next page. */
    public record EarningsPage(String address, List<EpochEarnings> epochs, Long next) {
    }

    /** The most epochs one page of {@link #earnings} holds. */
    public static final int MAX_EARNINGS_EPOCHS = 500;

    public EarningsPage earnings(String address, Optional<Long> before, int limit) {
        String a = Address.tryParse(address).map(Address::toString).orElseThrow(() -> ApiException.badRequest("invalid_address",
                "address must be 0x + 40 hex digits"));
        if (limit < 1 || limit > MAX_EARNINGS_EPOCHS) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_EARNINGS_EPOCHS);
        }
        if (before.isPresent() && before.get() < 0) {
            throw ApiException.badRequest("invalid_cursor", "before must be an epoch >= 0 (the next of a previous page)");
        }
        java.util.LinkedHashMap<Long, List<io.cipherocto.settlement.epoch.EpochStore.EarnerRow>> byEpoch = new java.util.LinkedHashMap<>();
        for (var row : runtime.epochStore().earnings(a, before.orElse(Long.MAX_VALUE), limit)) {
            byEpoch.computeIfAbsent(row.epoch(), e -> new ArrayList<>()).add(row);
        }
        List<EpochEarnings> epochs = byEpoch.entrySet().stream().map(e -> new EpochEarnings(e.getKey(), e.getValue())).toList();
        Long next = epochs.size() == limit ? epochs.get(epochs.size() - 1).epoch() : null;
        return new EarningsPage(a, epochs, next);
    }

    public AddressRewards rewards(String address) {
        String a = Address.tryParse(address).map(Address::toString).orElseThrow(() -> ApiException.badRequest("invalid_address",
                "address must be 0x + 40 hex digits"));
        SettlementChain chain = runtime.chain();
        RootView active = chain.activeRoot();
        RootView latest = chain.latestRoot();
        Pending pending = null;
        if (latest.present() && !latest.disabled() && !latest.root().equals(active.root())) {
            Map<String, String> cum = new java.util.TreeMap<>();
            tree(latest.epoch(), latest.root()).ifPresent(t -> leaves(t, latest.epoch(), a).forEach(i -> cum.put((String) t.value(i).get(1),
                    t.value(i).get(2).toString())));
            pending = new Pending(latest.epoch(), latest.root(), latest.activatesAt(), cum);
        }
        if (!active.present()) {
            return new AddressRewards(a, null, null, null, List.of(), pending);
        }
        StandardMerkleTree t = tree(active.epoch(), active.root()).orElseThrow(() -> ApiException.unavailable("tree_unavailable",
                "the active root (epoch " + active.epoch() + ") was not produced by this database"));
        List<TokenReward> out = new ArrayList<>();
        for (int i : leaves(t, active.epoch(), a)) {
            String token = (String) t.value(i).get(1);
            BigInteger cumulative = (BigInteger) t.value(i).get(2);
            BigInteger claimed = chain.claimed(a, token);
            out.add(new TokenReward(token, cumulative.toString(), claimed.toString(), cumulative.subtract(claimed).max(BigInteger.ZERO)
                    .toString(), i, t.proofHex(i)));
        }
        return new AddressRewards(a, active.epoch(), active.root(), active.activatesAt(), out, pending);
    }

    /** The address's leaves, by the leaf indexes stored with the epoch's rewards (no scan of the tree). */
    private List<Integer> leaves(StandardMerkleTree t, long epoch, String address) {
        List<Integer> out = runtime.epochStore().leafIndexes(epoch, address);
        for (int i : out) {
            if (i < 0 || i >= t.size() || !address.equals(t.value(i).get(0))) {
                throw new IllegalStateException("epoch " + epoch + ": stored leaf index " + i + " is not a leaf of " + address);
            }
        }
        return out;
    }

    private Optional<StandardMerkleTree> tree(long epoch, String root) {
        StandardMerkleTree t = trees.get(epoch);
        if (t == null) {
            Optional<EpochRecord> r = runtime.epochStore().epoch(epoch);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            t = StandardMerkleTree.load(r.get().tree());
            trees.put(epoch, t);
        }
        return t.rootHex().equals(root) ? Optional.of(t) : Optional.empty();
    }
}
