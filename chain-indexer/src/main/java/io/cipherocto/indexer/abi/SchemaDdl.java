package io.cipherocto.indexer.abi;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import java.util.stream.Collectors;

/**
 * The DDL of the event tables, derived from the catalog. It writes the Flyway migration when events are added
 * ({@code EventTablesMigrationIT} checks that the migrated schema has exactly these tables and columns):
 * {@code java -cp ... io.cipherocto.indexer.abi.SchemaDdl > V1_x__event_tables.sql}.
 */
public final class SchemaDdl {
    private SchemaDdl() {}

    public static String table(EventDefinition d) {
        StringBuilder b = new StringBuilder();
        b.append("-- ").append(d.contractKind()).append('.').append(d.signature()).append(" topic0 ").append(d.topic0())
                .append('\n');
        b.append("CREATE TABLE ").append(EventTables.qualified(d)).append(" (\n");
        b.append("    block_number bigint NOT NULL,\n");
        b.append("    log_index integer NOT NULL,\n");
        b.append("    tx_index integer NOT NULL,\n");
        b.append("    block_hash text NOT NULL,\n");
        b.append("    tx_hash text NOT NULL,\n");
        b.append("    contract text NOT NULL,\n");
        for (EventParam p : d.params()) {
            b.append("    \"").append(p.column()).append("\" ").append(ColumnType.of(p.type()).sql()).append(" NOT NULL,\n");
        }
        b.append("    PRIMARY KEY (block_number, log_index)\n);\n");
        // Only the primary key: secondary indexes cost every insert and are added by the migration of the
        // service whose queries need them.
        return b.toString();
    }

    public static String all(EventCatalog catalog) {
        return catalog.all().stream().map(SchemaDdl::table).collect(Collectors.joining("\n"));
    }

    public static void main(String[] args) {
        System.out.print(all(EventCatalog.suite()));
    }
}
