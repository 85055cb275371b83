package io.cipherocto.indexer.store;

import io.cipherocto.indexer.abi.ColumnType;
import io.cipherocto.indexer.abi.EventDefinition;
import io.cipherocto.indexer.abi.EventParam;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows of one event table in one batch, kept column by column so that the whole batch is one
 * {@code INSERT ... SELECT * FROM unnest(...)} statement.
 */
public final class TableRows {
    private final EventDefinition event;
    private final List<Long> blockNumber = new ArrayList<>();
    private final List<Integer> logIndex = new ArrayList<>();
    private final List<Integer> txIndex = new ArrayList<>();
    private final List<String> blockHash = new ArrayList<>();
    private final List<String> txHash = new ArrayList<>();
    private final List<String> contract = new ArrayList<>();
    private final List<List<Object>> params;

    public TableRows(EventDefinition event) {
        this.event = event;
        this.params = new ArrayList<>();
        for (int i = 0; i < event.params().size(); i++) {
            params.add(new ArrayList<>());
        }
    }

    public void add(long block, int log, int tx, String bHash, String tHash, String address, Object[] values) {
        if (values.length != params.size()) {
            throw new IllegalArgumentException("expected " + params.size() + " values for " + event.signature());
        }
        blockNumber.add(block);
        logIndex.add(log);
        txIndex.add(tx);
        blockHash.add(bHash);
        txHash.add(tHash);
        contract.add(address);
        for (int i = 0; i < values.length; i++) {
            params.get(i).add(values[i]);
        }
    }

    public int size() {
        return blockNumber.size();
    }

    public EventDefinition event() {
        return event;
    }

    /** The insert statement of this event's table (the same for every batch). */
    public static String insertSql(EventDefinition d) {
        StringBuilder cols = new StringBuilder("block_number, log_index, tx_index, block_hash, tx_hash, contract");
        StringBuilder args = new StringBuilder("$1::bigint[], $2::integer[], $3::integer[], $4::text[], $5::text[], $6::text[]");
        int n = 7;
        for (EventParam p : d.params()) {
            cols.append(", \"").append(p.column()).append('"');
            args.append(", $").append(n++).append("::").append(p.type().column().arrayParameter());
        }
        return "INSERT INTO " + d.qualifiedTable() + " (" + cols + ") SELECT * FROM unnest(" + args + ")";
    }

    public Tuple tuple() {
        Tuple t = Tuple.tuple()
                .addArrayOfLong(blockNumber.toArray(Long[]::new))
                .addArrayOfInteger(logIndex.toArray(Integer[]::new))
                .addArrayOfInteger(txIndex.toArray(Integer[]::new))
                .addArrayOfString(blockHash.toArray(String[]::new))
                .addArrayOfString(txHash.toArray(String[]::new))
                .addArrayOfString(contract.toArray(String[]::new));
        for (int i = 0; i < params.size(); i++) {
            ColumnType c = event.params().get(i).type().column();
            List<Object> col = params.get(i);
            switch (c) {
                case BIGINT -> t.addArrayOfLong(col.stream().map(o -> (Long) o).toArray(Long[]::new));
                case BOOLEAN -> t.addArrayOfBoolean(col.stream().map(o -> (Boolean) o).toArray(Boolean[]::new));
                default -> t.addArrayOfString(col.stream().map(String::valueOf).toArray(String[]::new));
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return event.table() + "[" + size() + "]" + params.stream().map(List::size).map(String::valueOf)
                .collect(Collectors.joining(","));
    }
}
