package io.cipherocto.indexer.abi;

import java.util.Objects;

/** One event parameter: its ABI name and type, whether it is a topic, and the column it is stored in. */
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
