package io.cipherocto.settlement.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.epoch.EpochRecord;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.publish.PublicationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Read side of settled epochs for the API. */
@ApplicationScoped
public class EpochQueries {
    @Inject
    SettlementRuntime runtime;

    /** An epoch as the API shows it (no tree dump). */
    public record EpochView(long epoch, String status, long closingBlock, String seed, String samplingRateWad,
            JsonNode parameters, long receipts, long sampled, long attestedPass, long attestedFail, long unattested,
            List<String> forfeited, JsonNode totals, String root, String txHash, Long txBlock, String computedAt,
            String publishedAt) {
    }

    public List<EpochView> list(int page) {
        int size = runtime.config().pageSize();
        return summaries("ORDER BY epoch DESC LIMIT $1 OFFSET $2", io.vertx.mutiny.sqlclient.Tuple.of(size,
                io.cipherocto.platform.api.Paging.offset(page, size))).stream().map(this::view).toList();
    }

    /** The most epochs one {@link #page} holds. */
    public static final int MAX_PAGE_EPOCHS = 500;

    /** One keyset page of epochs, newest first; {@code next} is the {@code before} of the next page, null on the last. */
    public record EpochPage(List<EpochView> epochs, Long next) {
    }

    /**
     * Settled epochs below {@code before} (all when empty), newest first, at most {@code limit}: the keyset form of
     * {@link #list(int)}.
     *
     * @throws ApiException 400 {@code invalid_cursor} (before negative), {@code invalid_limit} (outside 1..500)
     */
    public EpochPage page(Optional<Long> before, int limit) {
        if (before.isPresent() && before.get() < 0) {
            throw ApiException.badRequest("invalid_cursor", "before must be an epoch >= 0 (the next of a previous page)");
        }
        if (limit < 1 || limit > MAX_PAGE_EPOCHS) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_PAGE_EPOCHS);
        }
        List<EpochView> epochs = summaries("WHERE epoch < $1 ORDER BY epoch DESC LIMIT $2",
                io.vertx.mutiny.sqlclient.Tuple.of(before.orElse(Long.MAX_VALUE), limit)).stream().map(this::view).toList();
        Long next = epochs.size() == limit ? epochs.get(epochs.size() - 1).epoch() : null;
        return new EpochPage(epochs, next);
    }

    public EpochView get(long epoch) {
        return view(record(epoch));
    }

    public EpochRecord record(long epoch) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        return summaries("WHERE epoch = $1", io.vertx.mutiny.sqlclient.Tuple.of(epoch)).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("epoch_not_found", "epoch " + epoch + " is not settled yet"));
    }

    /**
     * 404 unless the epoch is settled: a primary-key probe, not the row (whose totals hold a fee and a reputation per
     * provider: ~11.5 MB of JSON at 100,000 providers, which reading and parsing made each reward page cost ~0.3 s).
     *
     * @throws ApiException 400 {@code invalid_epoch}, 404 {@code epoch_not_found}
     */
    public void requireSettled(long epoch) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        if (!runtime.pool().preparedQuery("SELECT 1 FROM settlement.epochs WHERE epoch = $1")
                .executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(epoch)).iterator().hasNext()) {
            throw ApiException.notFound("epoch_not_found", "epoch " + epoch + " is not settled yet");
        }
    }

    /**
     * Epoch rows without their tree dump ({@link EpochRecord#tree()} is null) and with the totals' summary (no
     * per-provider {@code providerFees} / {@code reputationBps}, migration V2_9): the API never shows the tree, and an
     * epoch of 100,000 providers has a ~56 MB dump, which EpochStore's reads return with every row (issue #17's read
     * bench: 1 s per GET /epochs/{n}/rewards page with it, a page of GET /epochs reads 100 of them). The claim path
     * (RewardQueries) reads the tree through EpochStore.epoch and caches it.
     */
    private List<EpochRecord> summaries(String where, io.vertx.mutiny.sqlclient.Tuple args) {
        List<EpochRecord> out = new java.util.ArrayList<>();
        for (io.vertx.mutiny.sqlclient.Row row : runtime.pool().preparedQuery("SELECT epoch, status, closing_block, seed, "
                + "sampling_rate_wad, params::text AS params, receipt_count, sample_count, attested_pass, attested_fail, "
                + "unattested, forfeited::text AS forfeited, totals_summary::text AS totals, root, computed_at::text AS computed_at, "
                + "published_at::text AS published_at FROM settlement.epochs " + where).executeAndAwait(args)) {
            try {
                List<String> forfeited = new java.util.ArrayList<>();
                JSON.readTree(row.getString("forfeited")).forEach(n -> forfeited.add(n.asText()));
                out.add(new EpochRecord(row.getLong("epoch"), row.getString("status"), row.getLong("closing_block"),
                        row.getString("seed"), io.cipherocto.settlement.store.Sql.big(row.getValue("sampling_rate_wad")),
                        JSON.readTree(row.getString("params")), row.getLong("receipt_count"), row.getLong("sample_count"),
                        row.getLong("attested_pass"), row.getLong("attested_fail"), row.getLong("unattested"), forfeited,
                        JSON.readTree(row.getString("totals")), row.getString("root"), null, row.getString("computed_at"),
                        row.getString("published_at")));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("corrupt settlement.epochs row", e);
            }
        }
        return out;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The most reward rows one keyset page holds. */
    public static final int MAX_REWARD_PAGE = 1000;

    /** A keyset page of an epoch's reward rows after {@code after} ("earner,token" of the previous page's last row). */
    public List<EpochStore.RewardRow> rewardsAfter(long epoch, Optional<String> after, int limit) {
        requireSettled(epoch);
        if (limit < 1 || limit > MAX_REWARD_PAGE) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + MAX_REWARD_PAGE);
        }
        Optional<EpochStore.RewardKey> key = after.map(a -> {
            String[] parts = a.split(",", -1);
            if (parts.length != 2 || !io.cipherocto.platform.kernel.Address.isValid(parts[0])
                    || !io.cipherocto.platform.kernel.Address.isValid(parts[1])) {
                throw ApiException.badRequest("invalid_cursor", "after must be the next of a previous page: <earner>,<token>");
            }
            return new EpochStore.RewardKey(parts[0].toLowerCase(java.util.Locale.ROOT), parts[1].toLowerCase(java.util.Locale.ROOT));
        });
        return store().rewardsAfter(epoch, key, limit);
    }

    /** Every reward row of an epoch, in keyset batches (for the CSV download). */
    public void eachReward(long epoch, java.util.function.Consumer<EpochStore.RewardRow> sink) {
        requireSettled(epoch);
        Optional<EpochStore.RewardKey> after = Optional.empty();
        while (true) {
            List<EpochStore.RewardRow> rows = store().rewardsAfter(epoch, after, 10_000);
            rows.forEach(sink);
            if (rows.size() < 10_000) {
                return;
            }
            EpochStore.RewardRow last = rows.get(rows.size() - 1);
            after = Optional.of(new EpochStore.RewardKey(last.earner(), last.token()));
        }
    }

    public List<EpochStore.RewardRow> rewards(long epoch, int page) {
        requireSettled(epoch);
        int size = runtime.config().pageSize();
        return store().rewards(epoch, size, io.cipherocto.platform.api.Paging.offset(page, size));
    }

    /** An epoch's public bundle: its hash, and its bytes (kept in the database) or its file (kept only as a file). */
    public record PublicBundle(String hash, Optional<byte[]> bytes, Optional<java.nio.file.Path> file) {
    }

    /**
     * The public bundle of a computed epoch (its canonical bytes, whose keccak256 the chain holds): from the database,
     * or, for a bundle above {@code bundle-db-max-bytes}, its file in {@code octo.settlement.bundle-dir}.
     */
    public PublicBundle bundle(long epoch) {
        requireSettled(epoch);
        Optional<EpochStore.StoredBundle> stored = store().bundle(epoch);
        if (stored.isPresent()) {
            return new PublicBundle(stored.get().hash(), Optional.of(stored.get().bytes()), Optional.empty());
        }
        String hash = store().bundleHash(epoch).orElseThrow(() -> ApiException.notFound("bundle_not_found", "epoch " + epoch
                + " was settled before epoch bundles existed: it has none"));
        java.nio.file.Path file = new io.cipherocto.settlement.bundle.BundleFiles(runtime.config().bundleDir()
                .map(java.nio.file.Path::of)).find(epoch, hash).orElseThrow(() -> ApiException.unavailable("bundle_unavailable",
                        "epoch " + epoch + "'s bundle " + hash + " is kept only as a file, and that file is not in "
                                + "octo.settlement.bundle-dir on this node"));
        return new PublicBundle(hash, Optional.empty(), Optional.of(file));
    }

    private EpochView view(EpochRecord r) {
        Optional<PublicationStore.Attempt> pub = new PublicationStore(runtime.pool()).all(r.epoch()).stream()
                .filter(a -> a.state().equals("confirmed")).findFirst();
        return new EpochView(r.epoch(), r.status(), r.closingBlock(), r.seed(), r.samplingRateWad().toString(), r.params(),
                r.receiptCount(), r.sampleCount(), r.attestedPass(), r.attestedFail(), r.unattested(), r.forfeited(),
                r.totals(), r.root(), pub.map(PublicationStore.Attempt::txHash).orElse(null),
                pub.map(PublicationStore.Attempt::blockNumber).orElse(null), r.computedAt(), r.publishedAt());
    }

    private EpochStore store() {
        return runtime.epochStore();
    }
}
