package io.cipherocto.webhooks.store;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The dispatcher's side of the schema {@code webhooks}: scan cursors, events with their deliveries (the outbox),
 * time-based triggers, and the due deliveries with their outcomes. An event, its deliveries to every matching
 * subscription, the triggers it starts and the cursor past it are written in one transaction, so a crash leaves
 * either all of them or none (and the re-scan writes them then): nothing is lost, nothing is written twice.
 */
public class Outbox {
    /** The cursor row that records the block the first scan started from. */
    public static final String BASELINE = "baseline";
    private static final int MAX_ERROR = 500;

    private final Pool pool;

    public Outbox(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** A webhook event to record: deterministic id, type, the provider it names (for filters), and its data. */
    public record NewEvent(String id, String type, Optional<String> provider, JsonObject data) {
    }

    /** A time-based event to record now and fire once the head block's timestamp reaches {@code fireAt}. */
    public record NewTrigger(String eventId, String type, BigInteger fireAt, Optional<BigInteger> expiresAt,
            Optional<String> provider, JsonObject data) {
    }

    /** The block scans start from: recorded by the first call ({@code firstBlock}), the recorded one after. */
    public long baseline(long firstBlock) {
        pool.preparedQuery("INSERT INTO webhooks.cursors (source, block_number, log_index) VALUES ($1, $2, 0) "
                + "ON CONFLICT (source) DO NOTHING").executeAndAwait(Tuple.of(BASELINE, firstBlock));
        return pool.preparedQuery("SELECT block_number FROM webhooks.cursors WHERE source = $1")
                .executeAndAwait(Tuple.of(BASELINE)).iterator().next().getLong("block_number");
    }

    /** The last position scanned of a source, if any. */
    public Optional<long[]> cursor(String source) {
        var rows = pool.preparedQuery("SELECT block_number, log_index FROM webhooks.cursors WHERE source = $1")
                .executeAndAwait(Tuple.of(source));
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row r = rows.iterator().next();
        return Optional.of(new long[] {r.getLong("block_number"), r.getInteger("log_index")});
    }

    /**
     * Records the events and triggers of one scanned page and moves the source's cursor to {@code (block, logIndex)},
     * in one transaction. Returns how many events were new.
     */
    public int record(String source, long block, int logIndex, List<NewEvent> events, List<NewTrigger> triggers) {
        int[] inserted = {0};
        inTransaction(conn -> {
            for (NewEvent e : events) {
                inserted[0] += insertEvent(conn, e);
            }
            for (NewTrigger t : triggers) {
                conn.preparedQuery("INSERT INTO webhooks.triggers (event_id, type, fire_at, expires_at, provider, data) "
                        + "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING")
                        .executeAndAwait(Tuple.from(Arrays.asList(t.eventId(), t.type(), Numeric.create(t.fireAt()),
                                t.expiresAt().map(Numeric::create).orElse(null), t.provider().orElse(null), t.data())));
            }
            conn.preparedQuery("INSERT INTO webhooks.cursors (source, block_number, log_index) VALUES ($1, $2, $3) "
                    + "ON CONFLICT (source) DO UPDATE SET block_number = EXCLUDED.block_number, log_index = EXCLUDED.log_index")
                    .executeAndAwait(Tuple.of(source, block, logIndex));
        });
        return inserted[0];
    }

    /**
     * Fires the triggers due at head timestamp {@code now} (seconds): each becomes an event (with
     * {@code head_timestamp} added to its data) unless it has expired, and is marked done. Returns how many fired.
     */
    public int fireTriggers(long now) {
        int[] fired = {0};
        inTransaction(conn -> {
            var due = conn.preparedQuery("SELECT event_id, type, provider, data, expires_at FROM webhooks.triggers "
                    + "WHERE NOT done AND fire_at <= $1 ORDER BY fire_at, event_id LIMIT 1000 FOR UPDATE")
                    .executeAndAwait(Tuple.of(Numeric.create(now)));
            for (Row r : due) {
                Numeric expires = r.get(Numeric.class, "expires_at");
                boolean expired = expires != null && expires.bigIntegerValue().compareTo(BigInteger.valueOf(now)) <= 0;
                if (!expired) {
                    JsonObject data = ((JsonObject) r.getValue("data")).copy().put("head_timestamp", now);
                    fired[0] += insertEvent(conn, new NewEvent(r.getString("event_id"), r.getString("type"),
                            Optional.ofNullable(r.getString("provider")), data));
                }
                conn.preparedQuery("UPDATE webhooks.triggers SET done = true WHERE event_id = $1")
                        .executeAndAwait(Tuple.of(r.getString("event_id")));
            }
        });
        return fired[0];
    }

    /** Inserts an event (once: its id is its source) and, when new, one pending delivery per matching subscription. */
    private static int insertEvent(SqlConnection conn, NewEvent e) {
        JsonObject payload = new JsonObject().put("id", e.id()).put("type", e.type())
                .put("createdAt", DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .put("data", e.data());
        var rows = conn.preparedQuery("INSERT INTO webhooks.events (id, type, provider, payload) VALUES ($1, $2, $3, $4) "
                + "ON CONFLICT (id) DO NOTHING RETURNING id")
                .executeAndAwait(Tuple.from(Arrays.asList(e.id(), e.type(), e.provider().orElse(null), payload)));
        if (rows.size() == 0) {
            return 0;
        }
        // A filter on a provider narrows the events that name a provider; events that name none pass.
        conn.preparedQuery("INSERT INTO webhooks.deliveries (subscription_id, event_id, event_type, next_attempt_at) "
                + "SELECT s.id, $1, $2, now() FROM webhooks.subscriptions s WHERE $2 = ANY (s.events) "
                + "AND (s.filter_provider IS NULL OR $3::text IS NULL OR s.filter_provider = $3) "
                + "ON CONFLICT (subscription_id, event_id) DO NOTHING")
                .executeAndAwait(Tuple.from(Arrays.asList(e.id(), e.type(), e.provider().orElse(null))));
        return 1;
    }

    /** A delivery to attempt: where, with which secret, what (the event's payload text) and how often it was tried. */
    public record Due(long id, String eventId, String eventType, int attempts, String url, String secret, String body) {
    }

    /** The pending deliveries whose next attempt is due, oldest due first, at most {@code limit}. */
    public List<Due> due(int limit) {
        List<Due> out = new ArrayList<>();
        pool.preparedQuery("SELECT d.id, d.event_id, d.event_type, d.attempts, s.url, s.secret, e.payload::text AS body "
                + "FROM webhooks.deliveries d JOIN webhooks.subscriptions s ON s.id = d.subscription_id "
                + "JOIN webhooks.events e ON e.id = d.event_id "
                + "WHERE d.status = 'pending' AND d.next_attempt_at <= now() ORDER BY d.next_attempt_at, d.id LIMIT $1")
                .executeAndAwait(Tuple.of(limit))
                .forEach(r -> out.add(new Due(r.getLong("id"), r.getString("event_id"), r.getString("event_type"),
                        r.getInteger("attempts"), r.getString("url"), r.getString("secret"), r.getString("body"))));
        return out;
    }

    /** Records a successful attempt (a 2xx). */
    public void delivered(long id, int statusCode) {
        pool.preparedQuery("UPDATE webhooks.deliveries SET status = 'delivered', attempts = attempts + 1, "
                + "last_status_code = $2, last_error = NULL, next_attempt_at = NULL, delivered_at = now() WHERE id = $1")
                .executeAndAwait(Tuple.of(id, statusCode));
    }

    /**
     * Records a failed attempt: retried after {@code retryMillis}, or given up ({@code failed}) when {@code giveUp}.
     */
    public void failed(long id, Optional<Integer> statusCode, String error, boolean giveUp, long retryMillis) {
        String e = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        pool.preparedQuery("UPDATE webhooks.deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3, "
                + "status = CASE WHEN $4 THEN 'failed' ELSE 'pending' END, "
                + "next_attempt_at = CASE WHEN $4 THEN NULL ELSE now() + $5::bigint * interval '1 millisecond' END WHERE id = $1")
                .executeAndAwait(Tuple.from(Arrays.asList(id, statusCode.orElse(null), e, giveUp, retryMillis)));
    }

    /**
     * Deletes delivered and failed deliveries created more than {@code retention} ago, at most {@code limit} of them
     * (pending ones stay, however old); returns how many went. The partial index {@code deliveries_finished} (V6_2)
     * finds them without reading the pending ones.
     */
    public int pruneDeliveries(java.time.Duration retention, int limit) {
        return pool.preparedQuery("DELETE FROM webhooks.deliveries WHERE id IN (SELECT id FROM webhooks.deliveries "
                + "WHERE status <> 'pending' AND created_at < now() - $1::bigint * interval '1 millisecond' LIMIT $2)")
                .executeAndAwait(Tuple.of(retention.toMillis(), limit)).rowCount();
    }

    private void inTransaction(Consumer<SqlConnection> work) {
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            Transaction tx = conn.beginAndAwait();
            try {
                work.accept(conn);
                tx.commitAndAwait();
            } catch (RuntimeException e) {
                try {
                    tx.rollbackAndAwait();
                } catch (RuntimeException ignored) {
                    // the connection is broken: the transaction ends with it
                }
                throw e;
            }
        } finally {
            conn.closeAndAwait();
        }
    }
}
