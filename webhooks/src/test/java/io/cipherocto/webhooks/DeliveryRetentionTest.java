package io.cipherocto.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.query.IndexedEventTables;
import io.cipherocto.webhooks.dispatch.ChainHead;
import io.cipherocto.webhooks.dispatch.Dispatcher;
import io.cipherocto.webhooks.dispatch.DispatcherSettings;
import io.cipherocto.webhooks.dispatch.Signatures;
import io.cipherocto.webhooks.store.Delivery;
import io.cipherocto.webhooks.store.Subscription;
import io.cipherocto.webhooks.store.SubscriptionStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The delivery log's retention against real PostgreSQL: the dispatcher deletes delivered and failed deliveries older
 * than octo.webhooks.delivery-retention, one bounded batch per call; recent ones and pending ones stay.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryRetentionTest {
    private static final ChainHead NO_CHAIN = () -> new ChainHead.Head(0, 0);

    private TestDatabase db;
    private SubscriptionStore store;

    @BeforeAll
    void database() {
        db = TestDatabase.start("indexer", "webhooks");
        store = new SubscriptionStore(db.pool());
    }

    @AfterAll
    void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = db.jdbc(); var st = c.createStatement()) {
            st.execute("TRUNCATE webhooks.deliveries, webhooks.events, webhooks.subscriptions");
        }
    }

    private Dispatcher dispatcher(Duration retention, int batch) {
        return new Dispatcher(db.pool(), new IndexedEventTables(db.pool()), NO_CHAIN, new DispatcherSettings(
                Duration.ofMillis(50), 3600, Duration.ofSeconds(1), Duration.ofSeconds(5), 5, Duration.ofSeconds(5), 50,
                Optional.empty(), retention, batch));
    }

    /** Records an event and its delivery to {@code s}, created {@code ageDays} days ago, in {@code status}. */
    private void delivery(Subscription s, String eventId, String status, int ageDays) throws Exception {
        try (Connection c = db.jdbc();
                PreparedStatement event = c.prepareStatement("INSERT INTO webhooks.events (id, type, payload) "
                        + "VALUES (?, 'root.posted', '{}'::jsonb)");
                PreparedStatement delivery = c.prepareStatement("INSERT INTO webhooks.deliveries (subscription_id, "
                        + "event_id, event_type, status, attempts, next_attempt_at, delivered_at, created_at) VALUES (?, ?, "
                        + "'root.posted', ?, 1, CASE WHEN ? = 'pending' THEN now() END, "
                        + "CASE WHEN ? = 'delivered' THEN now() - make_interval(days => ?) END, now() - make_interval(days => ?))")) {
            event.setString(1, eventId);
            event.executeUpdate();
            delivery.setObject(1, s.id());
            delivery.setString(2, eventId);
            delivery.setString(3, status);
            delivery.setString(4, status);
            delivery.setString(5, status);
            delivery.setInt(6, ageDays);
            delivery.setInt(7, ageDays);
            delivery.executeUpdate();
        }
    }

    private List<String> logOf(Subscription s) {
        return store.deliveries(s.id(), 0, 500).stream().map(Delivery::eventId).toList();
    }

    private Subscription subscription() {
        return store.create("http://127.0.0.1:9/hook", List.of("root.posted"), Optional.empty(), Signatures.newSecret());
    }

    @Test
    void deliveriesPastTheRetention_areDeleted_recentAndPendingOnesStay() throws Exception {
        Subscription s = subscription();
        delivery(s, "old-delivered", "delivered", 31);
        delivery(s, "old-failed", "failed", 45);
        delivery(s, "old-pending", "pending", 40);
        delivery(s, "recent-delivered", "delivered", 29);
        delivery(s, "recent-failed", "failed", 1);
        delivery(s, "new-pending", "pending", 0);

        int deleted = dispatcher(Duration.ofDays(30), 1000).pruneDeliveries();

        assertThat(deleted).isEqualTo(2);
        assertThat(logOf(s)).containsExactly("old-pending", "recent-delivered", "recent-failed", "new-pending");
    }

    @Test
    void pruning_deletesAtMostOneBatchPerCall_andTheNextCallsTheRest() throws Exception {
        Subscription s = subscription();
        for (int i = 0; i < 5; i++) {
            delivery(s, "old-" + i, i % 2 == 0 ? "delivered" : "failed", 60);
        }
        delivery(s, "recent", "delivered", 2);
        Dispatcher d = dispatcher(Duration.ofDays(30), 2);

        List<Integer> batches = new ArrayList<>();
        for (int n = d.pruneDeliveries(); n > 0; n = d.pruneDeliveries()) {
            batches.add(n);
        }

        assertThat(batches).containsExactly(2, 2, 1);
        assertThat(logOf(s)).containsExactly("recent");
    }

    @Test
    void aRetentionOfZero_keepsEveryDelivery() throws Exception {
        Subscription s = subscription();
        delivery(s, "ancient", "delivered", 3650);

        assertThat(dispatcher(Duration.ZERO, 1000).pruneDeliveries()).isZero();
        assertThat(logOf(s)).containsExactly("ancient");
    }

    @Test
    void theRunningDispatcher_prunesTheLogInItsRounds() throws Exception {
        Subscription s = subscription();
        delivery(s, "old", "failed", 31);
        delivery(s, "recent", "delivered", 3);
        Dispatcher d = dispatcher(Duration.ofDays(30), 1000);
        Thread t = Thread.ofPlatform().daemon().name("webhooks-retention-test").start(d);
        try {
            while (logOf(s).contains("old")) {
                Thread.sleep(50); // until a round has run (surefire's own timeout bounds a hang)
            }
        } finally {
            d.stop();
            t.interrupt();
            t.join();
        }

        assertThat(logOf(s)).containsExactly("recent");
    }
}
