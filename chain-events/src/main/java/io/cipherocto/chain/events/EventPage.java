package io.cipherocto.chain.events;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page of {@link IndexedEvents#events}, in chain order; {@code next} is where the following page starts (the last
 * event of this one), empty on the last page.
 */
public record EventPage(List<IndexedEvent> events, Optional<EventCursor> next) {
    public EventPage {
        events = List.copyOf(events);
        Objects.requireNonNull(next, "next");
    }

    public boolean hasMore() {
        return next.isPresent();
    }
}
