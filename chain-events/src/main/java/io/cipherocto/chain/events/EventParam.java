package io.cipherocto.chain.events;

import java.util.Objects;

/**
 * One event parameter: its ABI name and type, whether it is a topic, and its column name ({@link Names#snake} of the
 * ABI name): the key of its value in an {@link IndexedEvent} and the column an indexer stores it in.
 */
public record EventParam(String name, AbiType type, boolean indexed, String column) {
    public EventParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(column, "column");
        if (indexed && !type.isStatic()) {
            throw new IllegalArgumentException("indexed dynamic parameters are not supported: " + name);
        }
    }
}
