package io.cipherocto.node.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.chain.ChainAccess;
import io.cipherocto.settlement.api.EpochQueries;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The live stream behind {@code GET /api/v1/live}: one poller thread reads {@link LiveSources} every
 * {@code octo.live.poll-millis} while at least one client is subscribed, and broadcasts what is new to every
 * subscriber. Memory does not grow with history or with time: the sources keep one cursor per event kind and the
 * newest page of epochs; subscribers are capped ({@code octo.live.max-subscribers}, 503 beyond).
 */
@ApplicationScoped
public class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    private static final long KEEP_ALIVE_MILLIS = 15_000;

    @Inject
    IndexedEvents indexed;

    @Inject
    EpochQueries epochs;

    @Inject
    ChainAccess chain;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "octo.live.poll-millis", defaultValue = "1000")
    long pollMillis;

    @ConfigProperty(name = "octo.live.max-subscribers", defaultValue = "1000")
    int maxSubscribers;

    private final AtomicInteger subscribers = new AtomicInteger();
    private Sse sse;
    private SseBroadcaster broadcaster;
    private ScheduledExecutorService poller;
    private LiveSources sources;
    private long lastSent;

    /** Adds a subscriber; starts polling with the first one. */
    public synchronized void subscribe(SseEventSink sink, Sse sse) {
        if (subscribers.get() >= maxSubscribers) {
            throw ApiException.unavailable("too_many_subscribers", "this node serves at most " + maxSubscribers
                    + " live subscribers (octo.live.max-subscribers)");
        }
        if (broadcaster == null) {
            this.sse = sse;
            broadcaster = sse.newBroadcaster();
            broadcaster.onClose(s -> subscribers.decrementAndGet());
            broadcaster.onError((s, e) -> LOG.debugf("live subscriber dropped: %s", e.toString()));
            sources = new LiveSources(indexed, epochs, () -> chain.web3j().ethBlockNumber().sendAsync().join()
                    .getBlockNumber().longValueExact());
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "octo-live");
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::tick, 0, pollMillis, TimeUnit.MILLISECONDS);
        }
        subscribers.incrementAndGet();
        broadcaster.register(sink);
        // a first comment, so that the client's EventSource opens at once (headers and the stream are flushed)
        sink.send(sse.newEventBuilder().comment("subscribed").build());
    }

    /** Subscribers now (for tests and metrics). */
    public int subscribers() {
        return subscribers.get();
    }

    private void tick() {
        try {
            if (subscribers.get() == 0) {
                return;
            }
            for (LiveEvent e : sources.poll()) {
                broadcaster.broadcast(sse.newEventBuilder().name(e.type()).id(e.id()).data(text(e)).build());
                lastSent = System.currentTimeMillis();
            }
            if (System.currentTimeMillis() - lastSent > KEEP_ALIVE_MILLIS) {
                broadcaster.broadcast(sse.newEventBuilder().comment("keep-alive").build());
                lastSent = System.currentTimeMillis();
            }
        } catch (RuntimeException e) {
            // chain or database unreachable: the baseline or the next page waits for the next tick
            LOG.debugf("live poll failed: %s", e.toString());
        }
    }

    private String text(LiveEvent e) {
        try {
            return json.writeValueAsString(e.data());
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
    }

    @PreDestroy
    synchronized void close() throws IOException {
        if (poller != null) {
            poller.shutdownNow();
        }
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}
