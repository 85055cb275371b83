package io.cipherocto.indexer.query;

import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.indexer.abi.ColumnType;
import io.cipherocto.indexer.abi.EventTables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes rows straight into an event table for read tests: the log's position, and each parameter from {@code values}
 * (by column name, as text) or a default of its column type.
 */
final class EventRowWriter {
    private EventRowWriter() {}

    static void insert(Connection c, EventDefinition d, long block, int logIndex, Map<String, String> values)
            throws SQLException {
        StringBuilder cols = new StringBuilder("block_number, log_index, tx_index, block_hash, tx_hash, contract");
        StringBuilder params = new StringBuilder("?, ?, 0, ?, ?, '0x00000000000000000000000000000000000000c0'");
        for (EventParam p : d.params()) {
            cols.append(", \"").append(p.column()).append('"');
            params.append(", ?::").append(ColumnType.of(p.type()).sql());
        }
        try (PreparedStatement st = c.prepareStatement("INSERT INTO " + EventTables.qualified(d) + " (" + cols + ") VALUES ("
                + params + ")")) {
            st.setLong(1, block);
            st.setInt(2, logIndex);
            st.setString(3, "0xb" + block);
            st.setString(4, "0xt" + block + "-" + logIndex);
            int i = 5;
            for (EventParam p : d.params()) {
                st.setString(i++, values.getOrDefault(p.column(), switch (ColumnType.of(p.type())) {
                    case TEXT -> "0x00";
                    case BOOLEAN -> "false";
                    case BIGINT, NUMERIC -> "0";
                    case JSONB -> "[]";
                }));
            }
            st.executeUpdate();
        }
    }
}
