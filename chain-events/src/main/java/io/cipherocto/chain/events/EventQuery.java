package io.cipherocto.chain.events;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of {@link IndexedEvents#events}: the events of {@code event} with {@code fromBlock <= block <= toBlock},
 * after the cursor when one is given (else from the start of the range), at most {@code limit} of them.
 */
public record EventQuery(EventDefinition event, long fromBlock, long toBlock, Optional<EventCursor> after, int limit) {
    public EventQuery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(after, "after");
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw new IllegalArgumentException("need 0 <= fromBlock <= toBlock, got " + fromBlock + ".." + toBlock);
        }
        if (limit < 1 || limit > IndexedEvents.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1.." + IndexedEvents.MAX_PAGE_SIZE + ", got " + limit);
        }
    }

    /** The first page of the range. */
    public static EventQuery first(EventDefinition event, long fromBlock, long toBlock, int limit) {
        return new EventQuery(event, fromBlock, toBlock, Optional.empty(), limit);
    }

    /** The page after {@code cursor}, same range and limit. */
    public EventQuery after(EventCursor cursor) {
        return new EventQuery(event, fromBlock, toBlock, Optional.of(cursor), limit);
    }
}
