package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.Reputation;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.Sql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/** PostgreSQL access for settled epochs, their sample verdicts, rewards and public bundles. */
public class EpochStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "epoch, status, closing_block, seed, sampling_rate_wad, params::text AS params, "
            + "receipt_count, sample_count, attested_pass, attested_fail, unattested, forfeited::text AS forfeited, "
            + "totals::text AS totals, root, tree, computed_at::text AS computed_at, published_at::text AS published_at";

    private final Pool pool;

    public EpochStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    public Pool pool() {
        return pool;
    }

    public Optional<EpochRecord> epoch(long epoch) {
        for (Row row : pool.preparedQuery("SELECT " + COLUMNS + " FROM settlement.epochs WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch))) {
            return Optional.of(record(row));
        }
        return Optional.empty();
    }

    public List<EpochRecord> epochs(int limit, int offset) {
        List<EpochRecord> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT " + COLUMNS + " FROM settlement.epochs ORDER BY epoch DESC LIMIT $1 OFFSET $2")
                .executeAndAwait(Tuple.of(limit, offset))) {
            out.add(record(row));
        }
        return out;
    }

    /**
     * Keyset page of settled epochs, newest first: at most {@code limit} epochs below {@code beforeEpoch} (the primary
     * key's index from the cursor on, so a deep page costs the same as the first).
     */
    public List<EpochRecord> epochsBefore(long beforeEpoch, int limit) {
        List<EpochRecord> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT " + COLUMNS + " FROM settlement.epochs WHERE epoch < $1 ORDER BY epoch DESC LIMIT $2")
                .executeAndAwait(Tuple.of(beforeEpoch, limit))) {
            out.add(record(row));
        }
        return out;
    }

    /** The newest settled epoch below {@code epoch}, if any. */
    public Optional<Long> previousEpoch(long epoch) {
        for (Row row : pool.preparedQuery("SELECT max(epoch) AS e FROM settlement.epochs WHERE epoch < $1")
                .executeAndAwait(Tuple.of(epoch))) {
            return Optional.ofNullable(row.getLong("e"));
        }
        return Optional.empty();
    }

    /** Cumulative amounts (all leaves) of a settled epoch. */
    public SortedMap<CumulativeTree.Key, BigInteger> cumulative(long epoch) {
        SortedMap<CumulativeTree.Key, BigInteger> out = new TreeMap<>();
        for (Row row : pool.preparedQuery("SELECT earner, token, cumulative FROM settlement.rewards WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch))) {
            out.put(new CumulativeTree.Key(row.getString("earner"), row.getString("token")), Sql.big(row.getValue("cumulative")));
        }
        return out;
    }

    /** Pass and fail verdicts recorded in epochs before {@code epoch}, per provider. */
    public Map<String, Reputation> history(long epoch) {
        Map<String, Reputation> out = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT provider, count(*) FILTER (WHERE verdict = 'pass') AS p, "
                + "count(*) FILTER (WHERE verdict = 'fail') AS f FROM settlement.samples WHERE epoch < $1 GROUP BY provider")
                .executeAndAwait(Tuple.of(epoch))) {
            out.put(row.getString("provider"), new Reputation(row.getLong("p"), row.getLong("f")));
        }
        return out;
    }

    /** The sample verdicts recorded for a settled epoch (job id -> verdict). */
    public Map<String, Verdict> samples(long epoch) {
        Map<String, Verdict> out = new HashMap<>();
        for (Row row : pool.preparedQuery("SELECT job_id, verdict FROM settlement.samples WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch))) {
            out.put(row.getString("job_id"), Verdict.ofDb(row.getString("verdict")));
        }
        return out;
    }

    /** Stores a computed epoch in one transaction (status computed). */
    public void saveComputed(EpochComputation c) {
        saveComputed(c, Optional.empty(), (step, nanos) -> { });
    }

    /** As {@link #saveComputed(EpochComputation)}, with the epoch's public bundle (canonical bytes) in the same transaction. */
    public void saveComputed(EpochComputation c, byte[] bundle) {
        saveComputed(c, Optional.of(BundleRef.of(bundle)), (step, nanos) -> { });
    }

    /**
     * As {@link #saveComputed(EpochComputation)}, with the epoch's bundle hash and, when {@code bundle} holds them,
     * its bytes, in the same transaction. A bundle kept only as a file ({@code octo.settlement.bundle-dir}, above
     * {@code bundle-db-max-bytes}) has its hash stored and no bytes.
     */
    public void saveComputed(EpochComputation c, BundleRef bundle) {
        saveComputed(c, Optional.of(bundle), (step, nanos) -> { });
    }

    /** As {@link #saveComputed(EpochComputation, Optional, ObjLongConsumer)} without a bundle. */
    public void saveComputed(EpochComputation c, ObjLongConsumer<String> steps) {
        saveComputed(c, Optional.empty(), steps);
    }

    /** An epoch's public bundle as stored with its result: the keccak256 committed on chain, and the bytes when kept here. */
    public record BundleRef(String hash, Optional<byte[]> bytes) {
        public static BundleRef of(byte[] bytes) {
            return new BundleRef(io.cipherocto.settlement.bundle.EpochBundle.hash(bytes), Optional.of(bytes));
        }
    }

    /**
     * As {@link #saveComputed(EpochComputation)}, reporting the wall time of each step to {@code steps} (the benchmark).
     *
     * <p>One transaction, one statement per table, the columns as arrays (unnest): one round trip for any number of
     * rows. The statements are pipelined on the connection: the rewards, samples and fees are sent first, and the tree
     * dump and JSON of the epochs row are written while PostgreSQL inserts them. A failed statement aborts the
     * transaction; the first failure is thrown after a rollback, and nothing is stored.
     */
    public void saveComputed(EpochComputation c, Optional<BundleRef> bundle, ObjLongConsumer<String> steps) {
        long t0 = System.nanoTime();
        Map<CumulativeTree.Key, BigInteger> amounts = new HashMap<>();
        Map<CumulativeTree.Key, String> kinds = new HashMap<>();
        c.rewards().allocations().forEach(a -> {
            CumulativeTree.Key k = new CumulativeTree.Key(a.earner(), a.token());
            amounts.merge(k, a.amount(), BigInteger::add);
            kinds.put(k, a.kind());
        });
        String treasury = c.params().path("treasury").asText();
        int nr = c.tree().cumulative().size();
        String[] earners = new String[nr];
        String[] tokens = new String[nr];
        String[] kindColumn = new String[nr];
        String[] amountColumn = new String[nr];
        String[] cumulativeColumn = new String[nr];
        int i = 0;
        for (Map.Entry<CumulativeTree.Key, BigInteger> e : c.tree().cumulative().entrySet()) {
            CumulativeTree.Key k = e.getKey();
            earners[i] = k.earner();
            tokens[i] = k.token();
            kindColumn[i] = kinds.getOrDefault(k, k.earner().equals(treasury) ? "treasury" : "provider");
            amountColumn[i] = amounts.getOrDefault(k, BigInteger.ZERO).toString();
            cumulativeColumn[i] = e.getValue().toString();
            i++;
        }
        int ns = c.samples().size();
        String[] jobIds = new String[ns];
        String[] sampleProviders = new String[ns];
        String[] verdicts = new String[ns];
        for (int j = 0; j < ns; j++) {
            EpochComputation.Sample s = c.samples().get(j);
            jobIds[j] = s.jobId();
            sampleProviders[j] = s.provider();
            verdicts[j] = s.verdict().db();
        }
        SortedMap<String, BigInteger> requesterFees = c.rewards().requesterFees();
        String[] requesters = requesterFees.keySet().toArray(String[]::new);
        String[] fees = requesterFees.values().stream().map(BigInteger::toString).toArray(String[]::new);
        long t1 = System.nanoTime();
        steps.accept("store: columns", t1 - t0);
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            Transaction tx = conn.beginAndAwait();
            try {
                io.vertx.sqlclient.SqlConnection pipe = conn.getDelegate();
                List<io.vertx.core.Future<?>> pending = new ArrayList<>();
                // leaf_index: the tree's leaves are the cumulative map in its order (CumulativeTree.build), so the
                // i-th entry is leaf i (what CumulativeTree.indexOf returns, without a search per leaf).
                pending.add(pipe.preparedQuery("INSERT INTO settlement.rewards (epoch, earner, token, kind, amount, cumulative, "
                        + "leaf_index) SELECT $1::bigint, e, t, k, a, cum, (o - 1)::integer FROM unnest($2::text[], $3::text[], "
                        + "$4::text[], $5::text[]::numeric[], $6::text[]::numeric[]) WITH ORDINALITY AS u(e, t, k, a, cum, o)")
                        .execute(io.vertx.sqlclient.Tuple.tuple(List.of(c.epoch(), earners, tokens, kindColumn, amountColumn,
                                cumulativeColumn))));
                if (ns > 0) {
                    pending.add(pipe.preparedQuery("INSERT INTO settlement.samples (epoch, job_id, provider, verdict) "
                            + "SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[])")
                            .execute(io.vertx.sqlclient.Tuple.tuple(List.of(c.epoch(), jobIds, sampleProviders, verdicts))));
                }
                if (requesters.length > 0) {
                    pending.add(pipe.preparedQuery("INSERT INTO settlement.epoch_fees (epoch, requester, fee) "
                            + "SELECT $1::bigint, * FROM unnest($2::text[], $3::text[]::numeric[])")
                            .execute(io.vertx.sqlclient.Tuple.tuple(List.of(c.epoch(), requesters, fees))));
                }
                long t2 = System.nanoTime();
                String tree = c.tree().tree().dump();
                String forfeited = json(c.rewards().forfeited());
                String totals = json(c.totals());
                long t3 = System.nanoTime();
                steps.accept("store: tree dump and JSON", t3 - t2);
                pending.add(pipe.preparedQuery("INSERT INTO settlement.epochs (epoch, status, closing_block, seed, "
                        + "sampling_rate_wad, params, receipt_count, sample_count, attested_pass, attested_fail, unattested, "
                        + "forfeited, totals, root, tree, bundle, bundle_hash) VALUES ($1, 'computed', $2, $3, $4, $5::text::jsonb, "
                        + "$6, $7, $8, $9, $10, $11::text::jsonb, $12::text::jsonb, $13, $14, $15, $16)")
                        .execute(io.vertx.sqlclient.Tuple.tuple(java.util.Arrays.asList(c.epoch(), c.closingBlock(), c.seed(),
                                Sql.numeric(c.samplingRateWad()), json(c.params()), c.receiptCount(), (long) ns,
                                c.count(Verdict.PASS), c.count(Verdict.FAIL), c.count(Verdict.UNATTESTED) + c.count(Verdict.UNVERIFIABLE), forfeited, totals,
                                c.tree().tree().rootHex(), tree, bundle.flatMap(BundleRef::bytes).map(io.vertx.core.buffer.Buffer::buffer)
                                        .orElse(null), bundle.map(BundleRef::hash).orElse(null)))));
                for (io.vertx.core.Future<?> f : pending) {
                    try {
                        f.toCompletionStage().toCompletableFuture().join();
                    } catch (java.util.concurrent.CompletionException e) {
                        // the first failure, as executeAndAwait would throw it
                        throw e.getCause() instanceof RuntimeException r ? r : e;
                    }
                }
                tx.commitAndAwait();
                steps.accept("store: statements and commit", System.nanoTime() - t3);
            } catch (RuntimeException e) {
                try {
                    tx.rollbackAndAwait();
                } catch (RuntimeException ignored) {
                    // closing the connection ends the transaction
                }
                throw e;
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    /** The public bundle stored with a computed epoch: its hash and canonical bytes. */
    public record StoredBundle(String hash, byte[] bytes) {
    }

    public Optional<StoredBundle> bundle(long epoch) {
        for (Row row : pool.preparedQuery("SELECT bundle_hash, bundle FROM settlement.epochs WHERE epoch = $1 AND bundle IS NOT NULL")
                .executeAndAwait(Tuple.of(epoch))) {
            return Optional.of(new StoredBundle(row.getString(0), row.getBuffer(1).getBytes()));
        }
        return Optional.empty();
    }

    /** The bundle hash stored with a computed epoch (epochs computed before bundles existed have none). */
    public Optional<String> bundleHash(long epoch) {
        for (Row row : pool.preparedQuery("SELECT bundle_hash FROM settlement.epochs WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch))) {
            return Optional.ofNullable(row.getString(0));
        }
        return Optional.empty();
    }

    /** Records what settlement is about to commit for an epoch (first write wins: a retry commits the same). */
    public void saveCommitment(long epoch, String receiptsRoot, long receiptCount, String dataHash, String requestersJson) {
        pool.preparedQuery("INSERT INTO settlement.epoch_commitments (epoch, receipts_root, receipt_count, data_hash, requesters) "
                + "VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT (epoch) DO NOTHING")
                .executeAndAwait(Tuple.of(epoch, receiptsRoot, receiptCount, dataHash, requestersJson));
    }

    /** Marks the commitment's transaction. */
    public void commitmentSent(long epoch, String txHash) {
        pool.preparedQuery("UPDATE settlement.epoch_commitments SET tx_hash = $2 WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch, txHash));
    }

    public void markPublished(long epoch) {
        pool.preparedQuery("UPDATE settlement.epochs SET status = 'published', published_at = now() "
                + "WHERE epoch = $1 AND status <> 'published'").executeAndAwait(Tuple.of(epoch));
    }

    /** Fee per requester as submitted for {@code epoch}, sorted by requester. */
    public SortedMap<String, BigInteger> epochFees(long epoch) {
        SortedMap<String, BigInteger> out = new TreeMap<>();
        for (Row row : pool.preparedQuery("SELECT requester, fee FROM settlement.epoch_fees WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch))) {
            out.put(row.getString("requester"), Sql.big(row.getValue("fee")));
        }
        return out;
    }

    /**
     * One page of an epoch's reward rows (earner, token, kind, amount, cumulative), by earner then token: rows
     * {@code offset .. offset + limit - 1} of that order, read as a range of {@code leaf_index} (the leaves are in
     * (earner, token) order, {@link CumulativeTree#build}), so a deep page costs what the first does.
     */
    public List<RewardRow> rewards(long epoch, int limit, int offset) {
        List<RewardRow> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT earner, token, kind, amount, cumulative FROM settlement.rewards "
                + "WHERE epoch = $1 AND leaf_index >= $2 AND leaf_index < $2::bigint + $3 ORDER BY leaf_index")
                .executeAndAwait(Tuple.of(epoch, offset, limit))) {
            out.add(new RewardRow(row.getString("earner"), row.getString("token"), row.getString("kind"),
                    Sql.big(row.getValue("amount")).toString(), Sql.big(row.getValue("cumulative")).toString()));
        }
        return out;
    }

    /**
     * The reward rows of an epoch after ({@code earner}, {@code token}) in (earner, token) order, at most {@code limit}:
     * a keyset page on the primary key, costing the same however deep it starts.
     */
    public List<RewardRow> rewardsAfter(long epoch, Optional<RewardKey> after, int limit) {
        List<RewardRow> out = new ArrayList<>();
        RewardKey k = after.orElse(new RewardKey("", ""));
        for (Row row : pool.preparedQuery("SELECT earner, token, kind, amount, cumulative FROM settlement.rewards "
                + "WHERE epoch = $1 AND (earner, token) > ($2, $3) ORDER BY earner, token LIMIT $4")
                .executeAndAwait(Tuple.of(epoch, k.earner(), k.token(), limit))) {
            out.add(new RewardRow(row.getString("earner"), row.getString("token"), row.getString("kind"),
                    Sql.big(row.getValue("amount")).toString(), Sql.big(row.getValue("cumulative")).toString()));
        }
        return out;
    }

    /** A position in an epoch's reward rows: the last (earner, token) of a page. */
    public record RewardKey(String earner, String token) {
    }

    /** One reward row of an epoch. */
    public record RewardRow(String earner, String token, String kind, String amount, String cumulative) {
    }

    /**
     * One earner's reward rows of its newest {@code epochs} settled epochs below {@code beforeEpoch}, newest first, by
     * token within an epoch (keyset on the index {@code rewards_earner (earner, epoch)}).
     */
    public List<EarnerRow> earnings(String earner, long beforeEpoch, int epochs) {
        List<EarnerRow> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT epoch, token, kind, amount, cumulative FROM settlement.rewards "
                + "WHERE earner = $1 AND epoch IN (SELECT DISTINCT epoch FROM settlement.rewards WHERE earner = $1 AND epoch < $2 "
                + "ORDER BY epoch DESC LIMIT $3) ORDER BY epoch DESC, token").executeAndAwait(Tuple.of(earner, beforeEpoch, epochs))) {
            out.add(new EarnerRow(row.getLong("epoch"), row.getString("token"), row.getString("kind"),
                    Sql.big(row.getValue("amount")).toString(), Sql.big(row.getValue("cumulative")).toString()));
        }
        return out;
    }

    /** The leaf indexes of one earner's leaves in an epoch's tree (primary key lookup: no scan of the tree). */
    public List<Integer> leafIndexes(long epoch, String earner) {
        List<Integer> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT leaf_index FROM settlement.rewards WHERE epoch = $1 AND earner = $2 ORDER BY token")
                .executeAndAwait(Tuple.of(epoch, earner))) {
            out.add(row.getInteger("leaf_index"));
        }
        return out;
    }

    /** A provider's sample verdicts per epoch, newest first, at most {@code epochs} epochs (index samples_provider). */
    public List<VerdictCounts> verdicts(String provider, int epochs) {
        List<VerdictCounts> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT epoch, count(*) FILTER (WHERE verdict = 'pass') AS p, count(*) FILTER (WHERE "
                + "verdict = 'fail') AS f, count(*) FILTER (WHERE verdict = 'unattested') AS u FROM settlement.samples "
                + "WHERE provider = $1 GROUP BY epoch ORDER BY epoch DESC LIMIT $2").executeAndAwait(Tuple.of(provider, epochs))) {
            out.add(new VerdictCounts(row.getLong("epoch"), row.getLong("p"), row.getLong("f"), row.getLong("u")));
        }
        return out;
    }

    /** A provider's pass and fail verdicts over every settled epoch: its reputation for the next epoch. */
    public Reputation reputation(String provider) {
        for (Row row : pool.preparedQuery("SELECT count(*) FILTER (WHERE verdict = 'pass') AS p, count(*) FILTER (WHERE "
                + "verdict = 'fail') AS f FROM settlement.samples WHERE provider = $1").executeAndAwait(Tuple.of(provider))) {
            return new Reputation(row.getLong("p"), row.getLong("f"));
        }
        return Reputation.NONE;
    }

    /** Sample verdicts of one provider in one epoch. */
    public record VerdictCounts(long epoch, long passes, long fails, long unattested) {
    }

    /** One earner's reward row: this epoch's amount and the cumulative amount of one token. */
    public record EarnerRow(long epoch, String token, String kind, String amount, String cumulative) {
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EpochRecord record(Row row) {
        try {
            List<String> forfeited = new ArrayList<>();
            JSON.readTree(row.getString("forfeited")).forEach(n -> forfeited.add(n.asText()));
            JsonNode params = JSON.readTree(row.getString("params"));
            JsonNode totals = JSON.readTree(row.getString("totals"));
            return new EpochRecord(row.getLong("epoch"), row.getString("status"), row.getLong("closing_block"),
                    row.getString("seed"), Sql.big(row.getValue("sampling_rate_wad")), params, row.getLong("receipt_count"),
                    row.getLong("sample_count"), row.getLong("attested_pass"), row.getLong("attested_fail"),
                    row.getLong("unattested"), forfeited, totals, row.getString("root"), row.getString("tree"),
                    row.getString("computed_at"), row.getString("published_at"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt settlement.epochs row", e);
        }
    }
}
