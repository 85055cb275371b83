package io.cipherocto.chain.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One stored event: its position in the chain and all its columns in order, by column name: the log's
 * {@code block_number}, {@code log_index}, {@code tx_index}, {@code block_hash}, {@code tx_hash} and {@code contract},
 * then one per parameter ({@link EventParam#column()}). Values are {@code Long} or {@code Integer} (positions and
 * integers that fit 64 bits), {@code Boolean}, or {@code String}: addresses and bytes as lower-case 0x-hex, wider
 * integers in decimal, arrays as JSON text. No value is null.
 */
public record IndexedEvent(long blockNumber, int logIndex, Map<String, Object> columns) {
    public IndexedEvent {
        Objects.requireNonNull(columns, "columns");
        columns.values().forEach(v -> Objects.requireNonNull(v, "column value"));
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }
}
