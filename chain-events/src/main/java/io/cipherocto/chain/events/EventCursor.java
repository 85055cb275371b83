package io.cipherocto.chain.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in the chain's event order, (block number, log index): a page of events ends at one, and the next page
 * holds the events strictly after it. Its text form, {@code <blockNumber>-<logIndex>} (e.g. {@code 1042-3}), is what
 * the API hands out as {@code next} and takes back as {@code after}.
 */
public record EventCursor(long blockNumber, int logIndex) {
    private static final Pattern TEXT = Pattern.compile("[0-9]{1,19}-[0-9]{1,10}");

    public EventCursor {
        if (blockNumber < 0 || logIndex < 0) {
            throw new IllegalArgumentException("a cursor is a block number and a log index, both >= 0");
        }
    }

    /** The position of an event (the next page starts after it). */
    public static EventCursor of(IndexedEvent event) {
        return new EventCursor(event.blockNumber(), event.logIndex());
    }

    /** The cursor of a text form, or empty when it is not one (ASCII digits only, values in range). */
    public static Optional<EventCursor> parse(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        try {
            return Optional.of(new EventCursor(Long.parseLong(text.substring(0, dash)),
                    Integer.parseInt(text.substring(dash + 1))));
        } catch (NumberFormatException outOfRange) {
            return Optional.empty();
        }
    }

    /** The text form, {@code <blockNumber>-<logIndex>}. */
    public String text() {
        return blockNumber + "-" + logIndex;
    }
}
