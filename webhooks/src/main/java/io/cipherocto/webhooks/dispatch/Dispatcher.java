package io.cipherocto.webhooks.dispatch;

import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexerUnavailableException;
import io.cipherocto.platform.db.LockScope;
import io.cipherocto.platform.db.LockedLoop;
import io.cipherocto.webhooks.store.Outbox;
import io.vertx.mutiny.sqlclient.Pool;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * The webhook dispatcher of one database: holds the session advisory lock {@link LockScope#WEBHOOK_DISPATCHER} on a
 * dedicated connection while it runs rounds, in the shared {@link LockedLoop} (a second node waits for the lock and
 * takes over when the first one's connection ends, so no two dispatchers deliver at once). A round scans the indexed events into the outbox
 * ({@link EventScanner}), fires the time-based triggers due at the head block's timestamp, and attempts the due
 * deliveries (in parallel, at most {@link DispatcherSettings#batch()}): a 2xx is delivered, anything else is retried
 * with exponential backoff and jitter until {@link DispatcherSettings#maxAttempts()}. Each round then deletes at most
 * {@link DispatcherSettings#retentionBatch()} delivered or failed deliveries older than
 * {@link DispatcherSettings#deliveryRetention()} (under the same lock, so one node prunes at a time).
 */
public class Dispatcher implements Runnable {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** The id of the dispatcher's lock: one dispatcher per database (per webhooks schema). */
    public static final String LOCK_ID = "webhooks";

    private final Outbox outbox;
    private final EventScanner scanner;
    private final ChainHead head;
    private final DispatcherSettings settings;
    private final HttpClient http;
    private final LockedLoop loop;
    private String lastError = "";

    public Dispatcher(Pool pool, IndexedEvents indexed, ChainHead head, DispatcherSettings settings) {
        this.outbox = new Outbox(Objects.requireNonNull(pool, "pool"));
        this.scanner = new EventScanner(indexed, outbox, settings.endingSoonSeconds());
        this.head = Objects.requireNonNull(head, "head");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.loop = new LockedLoop(pool, LockScope.WEBHOOK_DISPATCHER, LOCK_ID, settings.pollInterval(), this::round)
                .onAcquired(() -> LOG.info("webhook dispatcher lock acquired"))
                .onFailure(this::log);
    }

    public void stop() {
        loop.stop();
    }

    /** Whether this dispatcher holds the lock (is the one delivering). */
    public boolean holdsLock() {
        return loop.holdsLock();
    }

    @Override
    public void run() {
        loop.run();
        http.shutdownNow();
    }

    /** One round: scan and fire triggers (when the chain head can be read), then attempt the due deliveries. */
    void round() {
        try {
            scan();
        } catch (IndexerUnavailableException e) {
            log(e); // no indexed events in this database: deliveries still go out
        } catch (RuntimeException e) {
            if (e.getClass().getName().startsWith("io.vertx")) {
                throw e; // the database: the outer loop re-acquires the lock
            }
            log(e);
        }
        deliverDue();
        pruneDeliveries();
    }

    /**
     * Deletes one bounded batch of delivered and failed deliveries past the retention (none when it is zero); returns
     * how many went. A full batch leaves the rest to the next rounds.
     */
    public int pruneDeliveries() {
        if (!settings.prunesDeliveries()) {
            return 0;
        }
        int deleted = outbox.pruneDeliveries(settings.deliveryRetention(), settings.retentionBatch());
        if (deleted > 0) {
            LOG.debugf("webhook delivery log: %d deliveries older than %s deleted", deleted, settings.deliveryRetention());
        }
        return deleted;
    }

    /** Reads the head, records new indexed events and fires due triggers; returns how many events were recorded. */
    public int scan() {
        ChainHead.Head h = head.latest();
        // the newest block announced (every indexed one without confirmations): a reorg above it is the indexer's to
        // undo before any receiver hears of its events
        long confirmed = settings.confirmations() == 0 ? Long.MAX_VALUE : h.number() - settings.confirmations();
        long from = outbox.baseline(settings.fromBlock().orElse(Math.max(0, Math.min(h.number(), confirmed))));
        return (confirmed >= from ? scanner.scan(from, confirmed) : 0) + outbox.fireTriggers(h.timestamp());
    }

    /** Attempts the due deliveries (one batch) and records each outcome; returns how many were attempted. */
    public int deliverDue() {
        List<Outbox.Due> due = outbox.due(settings.batch());
        List<CompletableFuture<Outcome>> attempts = new ArrayList<>();
        for (Outbox.Due d : due) {
            attempts.add(attempt(d));
        }
        // outcomes are recorded here, on the dispatcher's thread, not on the HTTP client's
        for (int i = 0; i < due.size(); i++) {
            record(due.get(i), attempts.get(i).join());
        }
        return due.size();
    }

    /** What one attempt got: a status code (when the receiver answered), and an error unless it was a 2xx. */
    private record Outcome(Optional<Integer> status, Optional<String> error) {
    }

    private CompletableFuture<Outcome> attempt(Outbox.Due d) {
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(d.url())).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "octo-webhooks/1")
                    .header("X-Octo-Event", d.eventType())
                    .header("X-Octo-Event-Id", d.eventId())
                    .header("X-Octo-Delivery", Long.toString(d.id()))
                    .header("X-Octo-Timestamp", Long.toString(timestamp))
                    .header("X-Octo-Signature", Signatures.sign(d.secret(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new Outcome(Optional.empty(), Optional.of("bad url: " + e.getMessage())));
        }
        Optional<String> refused = settings.targets().refusal(request.uri()); // again: the name may point elsewhere now
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new Outcome(Optional.empty(), Optional.of("target_forbidden: "
                    + refused.get())));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                return new Outcome(Optional.empty(), Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
            }
            int status = response.statusCode();
            return new Outcome(Optional.of(status), status / 100 == 2 ? Optional.empty() : Optional.of("HTTP " + status));
        });
    }

    private void record(Outbox.Due d, Outcome o) {
        if (o.error().isEmpty()) {
            outbox.delivered(d.id(), o.status().orElseThrow());
            return;
        }
        int attempts = d.attempts() + 1;
        boolean giveUp = attempts >= settings.maxAttempts();
        outbox.failed(d.id(), o.status(), o.error().get(), giveUp, settings.retryDelayMillis(attempts, ThreadLocalRandom.current()));
        if (giveUp) {
            LOG.warnf("webhook delivery %d (%s) given up after %d attempts: %s", d.id(), d.eventId(), attempts, o.error().get());
        }
    }

    private synchronized void log(RuntimeException e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (!m.equals(lastError)) {
            LOG.warnf("webhook dispatcher: %s", m);
            lastError = m;
        } else {
            LOG.debugf("webhook dispatcher: %s", m);
        }
    }

}
