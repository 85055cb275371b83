package io.cipherocto.indexer.store;

import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.indexer.rpc.BlockHeader;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one block range adds: decoded events per table (binary COPY rows) and the block rows they rely on.
 * Committed together with the checkpoint in one transaction, or not at all.
 */
public final class WriteBatch {
    /** Timestamp of a block row whose header has not been read yet (the node sent no {@code blockTimestamp}). */
    public static final long NO_TIMESTAMP = -1;

    private final long from;
    private final long to;
    /** By identity: definitions are the catalog's instances, and a record's hashCode walks all its parameters. */
    private final Map<EventDefinition, TableRows> tables = new IdentityHashMap<>();
    private final List<TableRows> ordered = new ArrayList<>();
    private final TreeMap<Long, BlockRow> blocks = new TreeMap<>();
    private int events;

    /** A block row; {@code parentHash} is empty when only a log (not the header) was seen. */
    public record BlockRow(long number, String hash, Optional<String> parentHash, long timestamp) {}

    /** What {@link #reset} returns to: the tables' sizes, the event count and the first block of the retried range. */
    public static final class Mark {
        private final Map<TableRows, Long> tables;
        private final int events;
        private final long fromBlock;

        private Mark(Map<TableRows, Long> tables, int events, long fromBlock) {
            this.tables = tables;
            this.events = events;
            this.fromBlock = fromBlock;
        }
    }

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
        TableRows t = tables.get(d);
        if (t == null) {
            t = new TableRows(d);
            tables.put(d, t);
            ordered.add(t);
        }
        return t;
    }

    public void countEvent() {
        events++;
    }

    public int events() {
        return events;
    }

    /** A header read from the node: its row replaces one made from a log. */
    public void header(BlockHeader h) {
        blocks.put(h.number(), new BlockRow(h.number(), h.hash(), Optional.of(h.parentHash()), h.timestamp()));
    }

    /** A block seen through one of its logs ({@code timestamp} may be {@link #NO_TIMESTAMP}); the first one counts. */
    public void blockFromLog(long number, String hash, long timestamp) {
        blocks.putIfAbsent(number, new BlockRow(number, hash, Optional.empty(), timestamp));
    }

    public boolean hasBlock(long number) {
        return blocks.containsKey(number);
    }

    /** Blocks that have rows but no timestamp yet: their headers must be read before the batch is written. */
    public List<Long> blocksWithoutTimestamp() {
        List<Long> out = new ArrayList<>();
        blocks.values().forEach(b -> {
            if (b.timestamp() == NO_TIMESTAMP) {
                out.add(b.number());
            }
        });
        return out;
    }

    /** Remembers the current size, before reading the logs of blocks {@code fromBlock} and later. */
    public Mark mark(long fromBlock) {
        Map<TableRows, Long> sizes = new IdentityHashMap<>();
        ordered.forEach(t -> sizes.put(t, t.mark()));
        return new Mark(sizes, events, fromBlock);
    }

    /** Forgets everything added since {@code mark} (a read that failed half-way). */
    public void reset(Mark mark) {
        for (TableRows t : ordered) {
            t.truncate(mark.tables.getOrDefault(t, 0L));
        }
        events = mark.events;
        blocks.tailMap(mark.fromBlock, true).clear();
    }

    public List<TableRows> tables() {
        return List.copyOf(ordered);
    }

    public List<BlockRow> blocks() {
        return new ArrayList<>(blocks.values());
    }
}
