package io.cipherocto.chain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Following indexed events with one caller-held cursor per kind, page by page. */
class EventFollowerTest {
    private static final EventCatalog CATALOG = EventCatalog.suite();
    private static final EventDefinition ROOTS = CATALOG.of("RewardDistributor").get("RootSubmitted");
    private static final EventDefinition CLAIMS = CATALOG.of("RewardDistributor").get("Claimed");

    /** Indexed events by definition, answering {@link IndexedEvents#events} like the indexer (keyset pages). */
    private static IndexedEvents indexed(Map<EventDefinition, List<IndexedEvent>> events, List<EventQuery> queries) {
        return (IndexedEvents) Proxy.newProxyInstance(IndexedEvents.class.getClassLoader(), new Class<?>[] {IndexedEvents.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("events")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    EventQuery q = (EventQuery) args[0];
                    queries.add(q);
                    List<IndexedEvent> all = events.getOrDefault(q.event(), List.of()).stream()
                            .filter(e -> e.blockNumber() >= q.fromBlock() && e.blockNumber() <= q.toBlock())
                            .filter(e -> q.after().map(c -> e.blockNumber() > c.blockNumber()
                                    || e.blockNumber() == c.blockNumber() && e.logIndex() > c.logIndex()).orElse(true))
                            .toList();
                    List<IndexedEvent> page = all.subList(0, Math.min(q.limit(), all.size()));
                    return new EventPage(page, all.size() > q.limit() ? Optional.of(EventCursor.of(page.getLast())) : Optional.empty());
                });
    }

    private static IndexedEvent event(long block, int logIndex) {
        return new IndexedEvent(block, logIndex, Map.of("block_number", block, "log_index", logIndex));
    }

    private static Map<String, EventDefinition> kinds() {
        Map<String, EventDefinition> kinds = new LinkedHashMap<>();
        kinds.put("root", ROOTS);
        kinds.put("claim", CLAIMS);
        return kinds;
    }

    @Test
    void everyEventAfterItsKindsCursor_comesOnce_inPages_inKindOrder_andTheCursorsMove() {
        Map<EventDefinition, List<IndexedEvent>> events = new HashMap<>();
        events.put(ROOTS, new ArrayList<>(List.of(event(10, 0), event(11, 1), event(12, 0), event(12, 3), event(13, 0))));
        events.put(CLAIMS, new ArrayList<>(List.of(event(10, 1))));
        EventFollower<String> follower = new EventFollower<>(indexed(events, new ArrayList<>()), kinds(), 2);
        Map<String, EventCursor> cursors = new HashMap<>();
        List<String> taken = new ArrayList<>();
        EventFollower.PageSink<String> sink = (kind, page, last) -> {
            page.forEach(e -> taken.add(kind + "@" + e.blockNumber() + "-" + e.logIndex()));
            taken.add("|");
            cursors.put(kind, last);
        };

        follower.follow(11, k -> Optional.ofNullable(cursors.get(k)), sink);
        assertThat(taken).containsExactly("root@11-1", "root@12-0", "|", "root@12-3", "root@13-0", "|");
        assertThat(cursors).containsEntry("root", new EventCursor(13, 0)).doesNotContainKey("claim");

        taken.clear();
        events.get(ROOTS).add(event(14, 2));
        events.get(CLAIMS).add(event(14, 3));
        follower.follow(11, k -> Optional.ofNullable(cursors.get(k)), sink);
        assertThat(taken).containsExactly("root@14-2", "|", "claim@14-3", "|");
    }

    @Test
    void aFailingSink_leavesItsCursor_soThePageComesAgain() {
        Map<EventDefinition, List<IndexedEvent>> events = Map.of(ROOTS, List.of(event(5, 0), event(6, 0)), CLAIMS, List.of());
        EventFollower<String> follower = new EventFollower<>(indexed(events, new ArrayList<>()), kinds(), 10);
        Map<String, EventCursor> cursors = new HashMap<>();
        assertThatThrownBy(() -> follower.follow(0, k -> Optional.ofNullable(cursors.get(k)), (kind, page, last) -> {
            throw new IllegalStateException("database down");
        })).hasMessage("database down");

        List<IndexedEvent> again = new ArrayList<>();
        follower.follow(0, k -> Optional.ofNullable(cursors.get(k)), (kind, page, last) -> {
            again.addAll(page);
            cursors.put(kind, last);
        });
        assertThat(again).extracting(IndexedEvent::blockNumber).containsExactly(5L, 6L);
    }

    @Test
    void eachKind_isReadFromTheStartBlock_afterTheCursorTheCallerHolds() {
        List<EventQuery> queries = new ArrayList<>();
        EventFollower<String> follower = new EventFollower<>(indexed(Map.of(), queries), kinds(), 50);
        follower.follow(7, k -> k.equals("claim") ? Optional.of(new EventCursor(9, 4)) : Optional.empty(), (k, p, l) -> { });
        assertThat(queries).containsExactly(new EventQuery(ROOTS, 7, Long.MAX_VALUE, Optional.empty(), 50),
                new EventQuery(CLAIMS, 7, Long.MAX_VALUE, Optional.of(new EventCursor(9, 4)), 50));
    }
}
