package io.cipherocto.indexer.abi;

import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.Names;

/**
 * Where the indexer stores each event: one table per event of a contract kind in the schema {@value #SCHEMA}, named
 * {@code <contract>_<event>} in snake case, e.g. {@code indexer.octo_token_transfer}. The table names are the
 * indexer's business: other modules read the events through {@code IndexedEvents} and never name a table.
 */
public final class EventTables {
    /** The PostgreSQL schema of the indexer's tables (its Flyway migrations, {@code db/migration/indexer}). */
    public static final String SCHEMA = "indexer";

    private EventTables() {}

    /** The table name without the schema: {@code octo_token_transfer}. */
    public static String name(EventDefinition event) {
        return Names.snake(event.contractKind()) + "_" + Names.snake(event.name());
    }

    /** The schema-qualified table name: {@code indexer.octo_token_transfer}. */
    public static String qualified(EventDefinition event) {
        return SCHEMA + "." + name(event);
    }
}
