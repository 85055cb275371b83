package io.cipherocto.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.query.IndexedEventTables;
import io.cipherocto.webhooks.dispatch.ChainHead;
import io.cipherocto.webhooks.dispatch.Dispatcher;
import io.cipherocto.webhooks.dispatch.DispatcherSettings;
import io.cipherocto.webhooks.dispatch.Signatures;
import io.cipherocto.webhooks.dispatch.TargetGuard;
import io.cipherocto.webhooks.store.Delivery;
import io.cipherocto.webhooks.store.Subscription;
import io.cipherocto.webhooks.store.SubscriptionStore;
import io.vertx.mutiny.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dispatcher against real PostgreSQL (the indexer's and the webhooks' migrations) and a real HTTP receiver: indexed
 * rows are written as the chain-indexer stores them, read back only through IndexedEvents, recorded in the outbox and
 * delivered signed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVIDER = "0x00000000000000000000000000000000000000a1";
    private static final String OTHER = "0x00000000000000000000000000000000000000b2";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestDatabase db;
    private IndexedRows rows;
    private SubscriptionStore store;
    private Receiver receiver;
    private final AtomicReference<ChainHead.Head> head = new AtomicReference<>(new ChainHead.Head(0, 0));
    private final List<Running> running = new ArrayList<>();
    private final List<Pool> pools = new ArrayList<>();

    private record Running(Dispatcher dispatcher, Thread thread) {
    }

    @BeforeAll
    void database() {
        db = TestDatabase.start("indexer", "webhooks");
        rows = new IndexedRows(db);
        store = new SubscriptionStore(db.pool());
    }

    @AfterAll
    void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void fresh() throws Exception {
        rows.reset();
        head.set(new ChainHead.Head(0, 0));
        receiver = new Receiver();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Running r : running) {
            stop(r);
        }
        running.clear();
        for (Pool p : pools) {
            p.closeAndAwait();
        }
        pools.clear();
        receiver.close();
    }

    private static DispatcherSettings settings(Duration retryBase) {
        return new DispatcherSettings(Duration.ofMillis(50), 3600, retryBase, Duration.ofSeconds(5), 5,
                Duration.ofSeconds(5), 50, Optional.empty());
    }

    /** A dispatcher with its own pool, as a second node on the same database would have. */
    private Dispatcher dispatcher(Duration retryBase) {
        Pool pool = db.newPool(4);
        pools.add(pool);
        return new Dispatcher(pool, new IndexedEventTables(pool), head::get, settings(retryBase));
    }

    private Running start(Dispatcher d) {
        Thread t = Thread.ofPlatform().daemon().name("webhooks-test").start(d);
        Running r = new Running(d, t);
        running.add(r);
        return r;
    }

    private static void stop(Running r) throws InterruptedException {
        r.dispatcher().stop();
        r.thread().interrupt();
        r.thread().join(10_000);
        assertThat(r.thread().isAlive()).isFalse();
    }

    private Subscription subscribe(List<String> events, Optional<String> provider) {
        return store.create(receiver.url(), events, provider, Signatures.newSecret());
    }

    private String secretOf(Subscription s) throws Exception {
        try (var c = db.jdbc(); var st = c.prepareStatement("SELECT secret FROM webhooks.subscriptions WHERE id = ?")) {
            st.setObject(1, s.id());
            var rs = st.executeQuery();
            rs.next();
            return rs.getString(1);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(50);
        }
    }

    private List<Delivery> log(Subscription s) {
        return store.deliveries(s.id(), 0, 500);
    }

    private Map<String, Long> successfulRequestsByEvent() {
        return receiver.requests().stream().filter(r -> r.answered() / 100 == 2)
                .collect(Collectors.groupingBy(r -> r.header("X-Octo-Event-Id"), Collectors.counting()));
    }

    @Test
    void events_areAnnouncedOnlyOnceConfirmations_blocksAreOnTopOfThem() throws Exception {
        subscribe(List.of("sampled_job.failed"), Optional.empty());
        head.set(new ChainHead.Head(10, 1_000));
        Pool pool = db.newPool(2);
        pools.add(pool);
        DispatcherSettings three = new DispatcherSettings(Duration.ofMillis(50), 3600, Duration.ofSeconds(1),
                Duration.ofSeconds(5), 5, Duration.ofSeconds(5), 50, Optional.empty(), DispatcherSettings.DEFAULT_RETENTION,
                DispatcherSettings.DEFAULT_RETENTION_BATCH, 3, TargetGuard.permissive());
        Dispatcher d = new Dispatcher(pool, new IndexedEventTables(pool), head::get, three);
        assertThat(d.scan()).as("nothing indexed yet").isZero(); // baseline: block 7, the newest confirmed
        rows.failAttestation(9, PROVIDER);
        assertThat(d.scan()).as("block 9 with the head at 10: 1 confirmation of 3").isZero();
        head.set(new ChainHead.Head(11, 1_002));
        assertThat(d.scan()).as("2 confirmations").isZero();
        head.set(new ChainHead.Head(12, 1_004));
        assertThat(d.scan()).as("3 confirmations: announced").isEqualTo(1);
        assertThat(d.scan()).as("once").isZero();
    }

    @Test
    void aReceiverOnAPrivateAddress_isNeverCalled_whenPrivateTargetsAreNotAllowed() throws Exception {
        Subscription s = subscribe(List.of("sampled_job.failed"), Optional.empty()); // the receiver listens on 127.0.0.1
        rows.failAttestation(5, PROVIDER);
        Pool pool = db.newPool(4);
        pools.add(pool);
        DispatcherSettings strict = new DispatcherSettings(Duration.ofMillis(50), 3600, Duration.ofSeconds(10),
                Duration.ofSeconds(20), 5, Duration.ofSeconds(5), 50, Optional.empty(), DispatcherSettings.DEFAULT_RETENTION,
                DispatcherSettings.DEFAULT_RETENTION_BATCH, 0, new TargetGuard(false));
        start(new Dispatcher(pool, new IndexedEventTables(pool), head::get, strict));

        await("the attempt is logged", () -> !log(s).isEmpty() && log(s).getFirst().attempts() >= 1);
        Delivery d = log(s).getFirst();
        assertThat(d.lastError()).hasValueSatisfying(e -> assertThat(e).startsWith("target_forbidden: ").contains("127.0.0.1"));
        assertThat(d.status()).isNotEqualTo("delivered");
        assertThat(receiver.requests()).isEmpty();
    }

    @Test
    void delivery_reachesTheReceiver_signedWithTheSubscriptionSecret() throws Exception {
        Subscription s = subscribe(List.of("sampled_job.failed"), Optional.empty());
        String secret = secretOf(s);
        rows.failAttestation(5, PROVIDER);
        start(dispatcher(Duration.ofSeconds(1)));

        await("the receiver got the delivery", () -> receiver.requests().size() == 1);
        Receiver.Request r = receiver.requests().getFirst();
        long timestamp = Long.parseLong(r.header("X-Octo-Timestamp"));
        assertThat(Signatures.verify(secret, timestamp, r.body().getBytes(StandardCharsets.UTF_8), r.header("X-Octo-Signature")))
                .isTrue();
        assertThat(r.header("X-Octo-Signature")).isEqualTo(receiverSideSignature(secret, timestamp, r.body()));
        assertThat(Signatures.verify("whsec_wrong", timestamp, r.body().getBytes(StandardCharsets.UTF_8),
                r.header("X-Octo-Signature"))).isFalse();
        assertThat(r.header("X-Octo-Event")).isEqualTo("sampled_job.failed");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("id").asText()).isEqualTo("sampled_job.failed:5-0").isEqualTo(r.header("X-Octo-Event-Id"));
        assertThat(body.path("type").asText()).isEqualTo("sampled_job.failed");
        assertThat(body.path("createdAt").asText()).isNotEmpty();
        assertThat(body.path("data").path("provider").asText()).isEqualTo(PROVIDER);
        assertThat(body.path("data").path("source").asText()).isEqualTo("AttestationRegistry.FailAttestationAccepted");
        assertThat(body.path("data").path("block_number").asLong()).isEqualTo(5);

        await("the log shows it delivered", () -> log(s).getFirst().status().equals("delivered"));
        Delivery d = log(s).getFirst();
        assertThat(r.header("X-Octo-Delivery")).isEqualTo(Long.toString(d.id()));
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.lastStatusCode()).contains(200);
        assertThat(d.deliveredAt()).isPresent();
        assertThat(d.nextAttemptAt()).isEmpty();
    }

    /** What a receiver computes, with nothing but the JDK (the example of docs/webhooks.md). */
    private static String receiverSideSignature(String secret, long timestamp, String body) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void receiverAnswering500Then200_isRetriedWithBackoff_andTheLogShowsBothAttempts() throws Exception {
        Subscription s = subscribe(List.of("provider.slashed"), Optional.empty());
        receiver.answer(500);
        rows.slashed(7, PROVIDER);
        start(dispatcher(Duration.ofSeconds(1)));

        await("the first attempt is logged as failed", () -> !log(s).isEmpty() && log(s).getFirst().attempts() >= 1);
        Delivery first = log(s).getFirst();
        if (first.attempts() == 1) { // the retry is at least 0.8 s away: the log shows the failed attempt
            assertThat(first.status()).isEqualTo("pending");
            assertThat(first.lastStatusCode()).contains(500);
            assertThat(first.lastError()).contains("HTTP 500");
            assertThat(first.nextAttemptAt()).isPresent();
        }
        await("the retry is delivered", () -> log(s).getFirst().status().equals("delivered"));
        Delivery d = log(s).getFirst();
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(d.lastStatusCode()).contains(200);
        assertThat(d.lastError()).isEmpty();
        List<Receiver.Request> requests = receiver.requests();
        assertThat(requests).extracting(Receiver.Request::answered).containsExactly(500, 200);
        assertThat(requests).extracting(r -> r.header("X-Octo-Delivery")).containsOnly(Long.toString(d.id()));
        assertThat(requests).extracting(r -> r.header("X-Octo-Event-Id")).containsOnly("provider.slashed:7-1");
        long firstAt = Long.parseLong(requests.get(0).header("X-Octo-Timestamp"));
        long retryAt = Long.parseLong(requests.get(1).header("X-Octo-Timestamp"));
        assertThat(retryAt).isGreaterThanOrEqualTo(firstAt);
    }

    @Test
    void deliveryGivenUp_afterMaxAttempts_isLoggedFailed() throws Exception {
        Subscription s = subscribe(List.of("provider.slashed"), Optional.empty());
        receiver.otherwise(503);
        rows.slashed(8, PROVIDER);
        start(dispatcher(Duration.ofMillis(20)));

        await("the delivery is given up", () -> !log(s).isEmpty() && log(s).getFirst().status().equals("failed"));
        Delivery d = log(s).getFirst();
        assertThat(d.attempts()).isEqualTo(5);
        assertThat(d.lastStatusCode()).contains(503);
        assertThat(d.nextAttemptAt()).isEmpty();
        assertThat(receiver.requests()).hasSize(5);
    }

    @Test
    void outbox_survivesADispatcherRestart_noEventIsLost() throws Exception {
        Subscription s = subscribe(List.of("provider.slashed", "sampled_job.failed"), Optional.empty());
        rows.slashed(10, PROVIDER);
        rows.failAttestation(11, PROVIDER);
        rows.slashed(12, OTHER);
        receiver.otherwise(503); // the receiver is down while the first dispatcher runs

        Running first = start(dispatcher(Duration.ofMillis(200)));
        await("the first dispatcher recorded the events and tried them", () -> log(s).size() == 3
                && log(s).stream().allMatch(d -> d.attempts() >= 1));
        stop(first); // the node goes away with the deliveries pending

        rows.failAttestation(13, OTHER); // indexed while no dispatcher ran
        receiver.otherwise(200);
        start(dispatcher(Duration.ofMillis(200))); // a new dispatcher, new pool: only the database carries over

        await("every event is delivered", () -> log(s).size() == 4
                && log(s).stream().allMatch(d -> d.status().equals("delivered")));
        assertThat(successfulRequestsByEvent()).containsOnlyKeys("provider.slashed:10-1", "sampled_job.failed:11-0",
                "provider.slashed:12-1", "sampled_job.failed:13-0").allSatisfy((event, n) -> assertThat(n).isEqualTo(1L));
    }

    @Test
    void twoDispatchersOnOneDatabase_doNotDoubleDeliver_andTheSecondTakesOver() throws Exception {
        Subscription s = subscribe(List.of("provider.slashed"), Optional.empty());
        for (int b = 20; b < 40; b++) {
            rows.slashed(b, PROVIDER);
        }
        Running a = start(dispatcher(Duration.ofMillis(200)));
        Running b = start(dispatcher(Duration.ofMillis(200)));

        await("all 20 delivered", () -> log(s).size() == 20 && log(s).stream().allMatch(d -> d.status().equals("delivered")));
        assertThat(List.of(a.dispatcher().holdsLock(), b.dispatcher().holdsLock())).containsExactlyInAnyOrder(true, false);
        assertThat(receiver.requests()).hasSize(20);
        assertThat(successfulRequestsByEvent().values()).hasSize(20).containsOnly(1L);

        Running holder = a.dispatcher().holdsLock() ? a : b;
        Running other = holder == a ? b : a;
        stop(holder);
        rows.slashed(40, PROVIDER);
        await("the other dispatcher delivers the next event", () -> log(s).size() == 21
                && log(s).stream().allMatch(d -> d.status().equals("delivered")));
        assertThat(other.dispatcher().holdsLock()).isTrue();
        assertThat(receiver.requests()).hasSize(21);
        assertThat(successfulRequestsByEvent().values()).hasSize(21).containsOnly(1L);
    }

    @Test
    void timeBasedEvents_fireWhenTheHeadBlockTimestampPassesThem() throws Exception {
        Subscription all = subscribe(WebhookEventType.names(), Optional.empty());
        Dispatcher d = dispatcher(Duration.ofSeconds(1));
        rows.proposalCreated(3, 77, 1_000, 5_000); // ending soon from 5_000 - 3_600 = 1_400
        rows.rootSubmitted(4, 2, 2_000);
        rows.proposalCreated(5, 79, 100, 300); // voting over before the dispatcher sees a head: no "ending soon"

        head.set(new ChainHead.Head(2, 500)); // the first scan starts at block 2: the rows above are new
        d.scan();
        assertThat(eventIds(all)).containsExactly("proposal.created:3-2", "proposal.created:5-2", "root.posted:4-3",
                "proposal.voting_started:79");

        head.set(new ChainHead.Head(7, 1_000));
        d.scan();
        assertThat(eventIds(all)).endsWith("proposal.voting_started:77").doesNotContain("proposal.voting_ending_soon:77");

        head.set(new ChainHead.Head(8, 1_400));
        d.scan();
        assertThat(eventIds(all)).endsWith("proposal.voting_ending_soon:77").doesNotContain("rewards.claimable:4-3");

        head.set(new ChainHead.Head(9, 2_000));
        d.scan();
        d.scan(); // nothing twice
        assertThat(eventIds(all)).containsExactly("proposal.created:3-2", "proposal.created:5-2", "root.posted:4-3",
                "proposal.voting_started:79", "proposal.voting_started:77", "proposal.voting_ending_soon:77",
                "rewards.claimable:4-3");
        assertThat(log(all)).extracting(Delivery::event).contains("rewards.claimable", "proposal.voting_ending_soon");
    }

    @Test
    void providerFilter_narrowsEventsThatNameAProvider() throws Exception {
        Subscription mine = subscribe(List.of("provider.slashed", "root.posted"), Optional.of(PROVIDER));
        Dispatcher d = dispatcher(Duration.ofSeconds(1));
        rows.slashed(3, PROVIDER);
        rows.slashed(4, OTHER);
        rows.rootSubmitted(5, 1, 10);
        d.scan();
        assertThat(eventIds(mine)).containsExactlyInAnyOrder("provider.slashed:3-1", "root.posted:5-3");
    }

    @Test
    void eventsBeforeTheFirstScan_areHistory_notWebhooks() throws Exception {
        Subscription s = subscribe(List.of("provider.slashed"), Optional.empty());
        rows.slashed(3, PROVIDER);
        head.set(new ChainHead.Head(10, 0)); // the first scan starts from the head block
        Dispatcher d = dispatcher(Duration.ofSeconds(1));
        d.scan();
        rows.slashed(11, PROVIDER);
        d.scan();
        assertThat(eventIds(s)).containsExactly("provider.slashed:11-1");
    }

    private List<String> eventIds(Subscription s) {
        return log(s).stream().map(Delivery::eventId).toList();
    }
}
