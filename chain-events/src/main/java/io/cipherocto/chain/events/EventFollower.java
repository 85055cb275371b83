package io.cipherocto.chain.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows the indexed events of several kinds through {@link IndexedEvents#events}, one cursor per kind: each
 * {@link #follow} reads, kind by kind in the order given, every event after the kind's cursor (from a start block),
 * page by page, and hands each non-empty page to a {@link PageSink}. The cursors are the caller's state
 * ({@link Cursors}): the node's live feed keeps them in memory, the webhook dispatcher in its outbox, moved in the same
 * transaction as what it records. The follower reads a kind's cursor once per {@link #follow} and then moves on from
 * each page's last event, so a sink that fails leaves its cursor, and that page is read again next time.
 *
 * @param <K> what names a kind to the caller (a webhook source, a live feed type)
 */
public final class EventFollower<K> {
    /** Where each kind's cursor stands: the position of the last event taken, empty before the first. */
    @FunctionalInterface
    public interface Cursors<K> {
        Optional<EventCursor> after(K kind);
    }

    /** Takes one page of one kind's events (never empty, chain order) and moves the kind's cursor to {@code last}. */
    @FunctionalInterface
    public interface PageSink<K> {
        void take(K kind, List<IndexedEvent> events, EventCursor last);
    }

    private final IndexedEvents indexed;
    private final Map<K, EventDefinition> kinds;
    private final int pageSize;

    /**
     * @param kinds the kinds followed and their events, in the order they are read
     * @param pageSize events per {@link IndexedEvents#events} page (1..{@link IndexedEvents#MAX_PAGE_SIZE})
     */
    public EventFollower(IndexedEvents indexed, Map<K, EventDefinition> kinds, int pageSize) {
        this.indexed = Objects.requireNonNull(indexed, "indexed");
        this.kinds = new LinkedHashMap<>(Objects.requireNonNull(kinds, "kinds"));
        if (pageSize < 1 || pageSize > IndexedEvents.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + IndexedEvents.MAX_PAGE_SIZE + ", got " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /**
     * Hands every event of every kind after its cursor, from block {@code fromBlock} on, to {@code sink}.
     *
     * @throws IndexerUnavailableException when the database holds no indexed events; a database failure as it comes
     *     (the pages taken before it stay taken)
     */
    public void follow(long fromBlock, Cursors<K> cursors, PageSink<K> sink) {
        follow(fromBlock, Long.MAX_VALUE, cursors, sink);
    }

    /** As {@link #follow(long, Cursors, PageSink)}, only events up to block {@code toBlock} (a confirmed head). */
    public void follow(long fromBlock, long toBlock, Cursors<K> cursors, PageSink<K> sink) {
        Objects.requireNonNull(cursors, "cursors");
        Objects.requireNonNull(sink, "sink");
        kinds.forEach((kind, event) -> follow(kind, event, fromBlock, toBlock, cursors.after(kind), sink));
    }

    private void follow(K kind, EventDefinition event, long fromBlock, long toBlock, Optional<EventCursor> after,
            PageSink<K> sink) {
        EventPage page;
        do {
            page = indexed.events(new EventQuery(event, fromBlock, toBlock, after, pageSize));
            if (page.events().isEmpty()) {
                return;
            }
            EventCursor last = EventCursor.of(page.events().getLast());
            sink.take(kind, page.events(), last);
            after = Optional.of(last);
        } while (page.hasMore());
    }
}
