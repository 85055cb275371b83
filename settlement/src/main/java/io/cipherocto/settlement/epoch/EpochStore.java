package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.settlement.receipt.Hex;
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

/** PostgreSQL access for settled epochs, sample verdicts, rewards, and the verifier's verdicts. */
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

    /**
     * The verifier's finished verdicts for an epoch (job id -> pass/fail), read from {@code verifier.work}; empty when
     * the verifier schema is not installed in this database.
     */
    public Map<String, Verdict> verifierVerdicts(long epoch) {
        Map<String, Verdict> out = new HashMap<>();
        Row exists = pool.query("SELECT to_regclass('verifier.work') IS NOT NULL AS present").executeAndAwait().iterator().next();
        if (!exists.getBoolean("present")) {
            return out;
        }
        for (Row row : pool.preparedQuery("SELECT job_id, passed FROM verifier.work WHERE epoch = $1 AND status = 'done'")
                .executeAndAwait(Tuple.of(epoch))) {
            out.put(Hex.hex(row.getBuffer("job_id").getBytes()), row.getBoolean("passed") ? Verdict.PASS : Verdict.FAIL);
        }
        return out;
    }

    /** Stores a computed epoch in one transaction (status computed). */
    public void saveComputed(EpochComputation c) {
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            Transaction tx = conn.beginAndAwait();
            try {
                conn.preparedQuery("INSERT INTO settlement.epochs (epoch, status, closing_block, seed, sampling_rate_wad, params, "
                        + "receipt_count, sample_count, attested_pass, attested_fail, unattested, forfeited, totals, root, tree) "
                        + "VALUES ($1, 'computed', $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11::text::jsonb, $12::text::jsonb, $13, $14)")
                        .executeAndAwait(Tuple.tuple(List.of(c.epoch(), c.closingBlock(), c.seed(), Sql.numeric(c.samplingRateWad()),
                                json(c.params()), c.receiptCount(), (long) c.samples().size(), c.count(Verdict.PASS),
                                c.count(Verdict.FAIL), c.count(Verdict.UNATTESTED), json(c.rewards().forfeited()),
                                json(c.totals()), c.tree().tree().rootHex(), c.tree().tree().dump())));
                List<Tuple> samples = new ArrayList<>();
                c.samples().forEach(s -> samples.add(Tuple.of(c.epoch(), s.jobId(), s.provider(), s.verdict().db())));
                if (!samples.isEmpty()) {
                    conn.preparedQuery("INSERT INTO settlement.samples (epoch, job_id, provider, verdict) VALUES ($1, $2, $3, $4)")
                            .executeBatchAndAwait(samples);
                }
                Map<CumulativeTree.Key, BigInteger> amounts = new HashMap<>();
                Map<CumulativeTree.Key, String> kinds = new HashMap<>();
                c.rewards().allocations().forEach(a -> {
                    CumulativeTree.Key k = new CumulativeTree.Key(a.earner(), a.token());
                    amounts.merge(k, a.amount(), BigInteger::add);
                    kinds.put(k, a.kind());
                });
                List<Tuple> rewards = new ArrayList<>();
                String treasury = c.params().path("treasury").asText();
                c.tree().cumulative().forEach((k, cum) -> rewards.add(Tuple.tuple(List.of(c.epoch(), k.earner(), k.token(),
                        kinds.getOrDefault(k, k.earner().equals(treasury) ? "treasury" : "provider"),
                        Sql.numeric(amounts.getOrDefault(k, BigInteger.ZERO)), Sql.numeric(cum), c.tree().indexOf(k)))));
                conn.preparedQuery("INSERT INTO settlement.rewards (epoch, earner, token, kind, amount, cumulative, leaf_index) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7)").executeBatchAndAwait(rewards);
                List<Tuple> fees = new ArrayList<>();
                c.rewards().requesterFees().forEach((r, f) -> fees.add(Tuple.of(c.epoch(), r, Sql.numeric(f))));
                if (!fees.isEmpty()) {
                    conn.preparedQuery("INSERT INTO settlement.epoch_fees (epoch, requester, fee) VALUES ($1, $2, $3)")
                            .executeBatchAndAwait(fees);
                }
                tx.commitAndAwait();
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

    /** One page of an epoch's reward rows (earner, token, kind, amount, cumulative), by earner then token. */
    public List<RewardRow> rewards(long epoch, int limit, int offset) {
        List<RewardRow> out = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT earner, token, kind, amount, cumulative FROM settlement.rewards "
                + "WHERE epoch = $1 ORDER BY earner, token LIMIT $2 OFFSET $3").executeAndAwait(Tuple.of(epoch, limit, offset))) {
            out.add(new RewardRow(row.getString("earner"), row.getString("token"), row.getString("kind"),
                    Sql.big(row.getValue("amount")).toString(), Sql.big(row.getValue("cumulative")).toString()));
        }
        return out;
    }

    /** One reward row of an epoch. */
    public record RewardRow(String earner, String token, String kind, String amount, String cumulative) {
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
