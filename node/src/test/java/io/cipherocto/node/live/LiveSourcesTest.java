package io.cipherocto.node.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.EventPage;
import io.cipherocto.chain.events.EventQuery;
import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedEvents;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live feed's indexed events: from the chain head at the first poll on, each one once, in chain order per kind. */
class LiveSourcesTest {
    private final List<IndexedEvent> roots = new ArrayList<>();

    /** RewardDistributor.RootSubmitted events only, in keyset pages; no other kind has events. */
    private IndexedEvents indexed() {
        return (IndexedEvents) Proxy.newProxyInstance(IndexedEvents.class.getClassLoader(), new Class<?>[] {IndexedEvents.class},
                (proxy, method, args) -> {
                    EventQuery q = (EventQuery) args[0];
                    if (!q.event().contractKind().equals("RewardDistributor") || !q.event().name().equals("RootSubmitted")) {
                        return new EventPage(List.of(), Optional.empty());
                    }
                    List<IndexedEvent> all = roots.stream().filter(e -> e.blockNumber() >= q.fromBlock())
                            .filter(e -> q.after().map(c -> e.blockNumber() > c.blockNumber()
                                    || e.blockNumber() == c.blockNumber() && e.logIndex() > c.logIndex()).orElse(true))
                            .toList();
                    List<IndexedEvent> page = all.subList(0, Math.min(q.limit(), all.size()));
                    return new EventPage(page, all.size() > q.limit() ? Optional.of(EventCursor.of(page.getLast())) : Optional.empty());
                });
    }

    private static IndexedEvent root(long block, int logIndex, long epoch) {
        return new IndexedEvent(block, logIndex, Map.of("block_number", block, "log_index", logIndex, "epoch", epoch));
    }

    @Test
    void rootEvents_fromTheHeadAtTheFirstPoll_comeOnce_withTheirContractAndEvent() {
        roots.add(root(3, 0, 1)); // before the head at the first poll: history, not live
        LiveSources sources = new LiveSources(indexed(), null, () -> 5); // no settlement: chain events only
        roots.add(root(5, 1, 2));
        roots.add(root(7, 0, 3));

        List<LiveEvent> first = sources.poll();
        assertThat(first).extracting(LiveEvent::type).containsExactly("root", "root");
        assertThat(first).extracting(LiveEvent::id).containsExactly("5-1", "7-0");
        assertThat(first.getFirst().data()).containsEntry("contract", "RewardDistributor").containsEntry("event", "RootSubmitted")
                .containsEntry("epoch", 2L);

        assertThat(sources.poll()).isEmpty();
        roots.add(root(9, 2, 4));
        assertThat(sources.poll()).extracting(LiveEvent::id).containsExactly("9-2");
    }
}
