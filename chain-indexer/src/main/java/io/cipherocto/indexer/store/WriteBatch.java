package io.cipherocto.indexer.store;

import io.cipherocto.indexer.abi.EventDefinition;
import io.cipherocto.indexer.rpc.BlockHeader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one block range adds: decoded events per table and the block rows they rely on. Committed together
 * with the checkpoint in one transaction, or not at all.
 */
public final class WriteBatch {
    private final long from;
    private final long to;
    private final Map<EventDefinition, TableRows> tables = new LinkedHashMap<>();
    private final TreeMap<Long, BlockRow> blocks = new TreeMap<>();
    private int events;

    /** A block row; {@code parentHash} is empty when only a log (not the header) was seen. */
    public record BlockRow(long number, String hash, Optional<String> parentHash, long timestamp) {}

    public WriteBatch(long from, long to) {
        if (to < from - 1) {
            throw new IllegalArgumentException("bad range " + from + ".." + to);
        }
        this.from = from;
        this.to = to;
    }

    public long from() {
        return from;
    }

    public long to() {
        return to;
    }

    public TableRows rows(EventDefinition d) {
        return tables.computeIfAbsent(d, TableRows::new);
    }

    public void countEvent() {
        events++;
    }

    public int events() {
        return events;
    }

    public void header(BlockHeader h) {
        blocks.put(h.number(), new BlockRow(h.number(), h.hash(), Optional.of(h.parentHash()), h.timestamp()));
    }

    public void blockFromLog(long number, String hash, long timestamp) {
        blocks.putIfAbsent(number, new BlockRow(number, hash, Optional.empty(), timestamp));
    }

    public boolean hasBlock(long number) {
        return blocks.containsKey(number);
    }

    public Collection<TableRows> tables() {
        return tables.values();
    }

    public List<BlockRow> blocks() {
        return new ArrayList<>(blocks.values());
    }
}
