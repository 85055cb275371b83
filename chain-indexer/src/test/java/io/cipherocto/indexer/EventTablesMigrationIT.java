package io.cipherocto.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.abi.ColumnType;
import io.cipherocto.indexer.abi.EventTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Flyway migrations create exactly the tables and columns the event catalog (the contracts' ABIs) needs: a
 * changed contract event without a new migration fails here.
 */
class EventTablesMigrationIT {
    @Test
    void migratedSchema_hasOneTablePerCatalogEvent_withTheCatalogsColumnsAndTypes() throws Exception {
        EventCatalog catalog = EventCatalog.suite();
        Map<String, List<String>> actual = new LinkedHashMap<>();
        try (TestDatabase db = TestDatabase.start("indexer"); Connection c = db.jdbc();
                ResultSet rs = c.createStatement().executeQuery("SELECT table_name, column_name, data_type FROM "
                        + "information_schema.columns WHERE table_schema = 'indexer' ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                actual.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add(rs.getString(2) + " " + rs.getString(3));
            }
        }
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (EventDefinition d : catalog.all()) {
            List<String> cols = new ArrayList<>(List.of("block_number bigint", "log_index integer", "tx_index integer",
                    "block_hash text", "tx_hash text", "contract text"));
            for (EventParam p : d.params()) {
                String type = switch (ColumnType.of(p.type())) {
                    case TEXT -> "text";
                    case BOOLEAN -> "boolean";
                    case BIGINT -> "bigint";
                    case NUMERIC -> "numeric";
                    case JSONB -> "jsonb";
                };
                cols.add(p.column() + " " + type);
            }
            expected.put(EventTables.name(d), cols);
        }
        for (String core : List.of("checkpoint", "blocks", "reorgs")) {
            actual.remove(core);
        }
        assertThat(actual).isEqualTo(expected);
    }
}
