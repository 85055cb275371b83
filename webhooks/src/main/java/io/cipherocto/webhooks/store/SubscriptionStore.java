package io.cipherocto.webhooks.store;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions and their delivery logs in the schema {@code webhooks} over a plain reactive client pool, blocking:
 * for code that runs without a Quarkus application and its Hibernate Reactive persistence unit (the dispatcher's
 * tests on {@code TestDatabase}'s pool, tools). The API reads and writes the same rows through the Panache read model
 * ({@link SubscriptionRepository}, {@link DeliveryRepository}); both keep the same keyset order (subscription
 * sequence, delivery id). Not a CDI bean.
 */
public class SubscriptionStore {
    private static final String COLUMNS = "id, url, events, filter_provider, created_at, seq";

    private final Pool pool;

    public SubscriptionStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** How many subscriptions there are. */
    public long count() {
        return StoreFailures.call(() -> pool.query("SELECT count(*) AS n FROM webhooks.subscriptions").executeAndAwait()
                .iterator().next().getLong("n"));
    }

    /** Stores a new subscription with its secret. */
    public Subscription create(String url, List<String> events, Optional<String> filterProvider, String secret) {
        UUID id = UUID.randomUUID();
        return StoreFailures.call(() -> subscription(pool.preparedQuery("INSERT INTO webhooks.subscriptions "
                        + "(id, url, events, filter_provider, secret) VALUES ($1, $2, $3, $4, $5) RETURNING " + COLUMNS)
                .executeAndAwait(Tuple.from(Arrays.asList(id, url, events.toArray(String[]::new), filterProvider.orElse(null), secret)))
                .iterator().next()));
    }

    public Optional<Subscription> get(UUID id) {
        RowSet<Row> rows = StoreFailures.call(() -> pool.preparedQuery("SELECT " + COLUMNS
                + " FROM webhooks.subscriptions WHERE id = $1").executeAndAwait(Tuple.of(id)));
        return rows.size() == 0 ? Optional.empty() : Optional.of(subscription(rows.iterator().next()));
    }

    /** Subscriptions after sequence {@code after}, oldest first, at most {@code limit}. */
    public List<Subscription> list(long after, int limit) {
        List<Subscription> out = new ArrayList<>();
        StoreFailures.call(() -> pool.preparedQuery("SELECT " + COLUMNS
                + " FROM webhooks.subscriptions WHERE seq > $1 ORDER BY seq LIMIT $2").executeAndAwait(Tuple.of(after, limit)))
                .forEach(r -> out.add(subscription(r)));
        return out;
    }

    /** Deletes a subscription and its delivery log; whether it existed. */
    public boolean delete(UUID id) {
        return StoreFailures.call(() -> pool.preparedQuery("DELETE FROM webhooks.subscriptions WHERE id = $1")
                .executeAndAwait(Tuple.of(id)).rowCount() == 1);
    }

    /** The delivery log of a subscription: deliveries with id > {@code after}, oldest first, at most {@code limit}. */
    public List<Delivery> deliveries(UUID subscription, long after, int limit) {
        List<Delivery> out = new ArrayList<>();
        StoreFailures.call(() -> pool.preparedQuery("SELECT id, event_id, event_type, status, attempts, last_status_code, "
                + "last_error, next_attempt_at, delivered_at, created_at FROM webhooks.deliveries "
                + "WHERE subscription_id = $1 AND id > $2 ORDER BY id LIMIT $3").executeAndAwait(Tuple.of(subscription, after, limit)))
                .forEach(r -> out.add(new Delivery(r.getLong("id"), r.getString("event_id"), r.getString("event_type"),
                        r.getString("status"), r.getInteger("attempts"), Optional.ofNullable(r.getInteger("last_status_code")),
                        Optional.ofNullable(r.getString("last_error")), Optional.ofNullable(r.getOffsetDateTime("next_attempt_at")),
                        Optional.ofNullable(r.getOffsetDateTime("delivered_at")), r.getOffsetDateTime("created_at"))));
        return out;
    }

    private static Subscription subscription(Row r) {
        return new Subscription(r.getUUID("id"), r.getString("url"), List.of(r.getArrayOfStrings("events")),
                Optional.ofNullable(r.getString("filter_provider")), r.getOffsetDateTime("created_at"), r.getLong("seq"));
    }
}
