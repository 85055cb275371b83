package io.cipherocto.indexer.query;

import io.cipherocto.chain.events.IndexerUnavailableException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a read of the indexer's tables; a table or schema that is not there (the chain-indexer's migrations were not
 * applied) becomes {@link IndexerUnavailableException} instead of a bare database error.
 */
final class TableReads {
    /** undefined_table, invalid_schema_name. */
    private static final Set<String> MISSING = Set.of("42P01", "3F000");

    private final Pool pool;

    TableReads(Pool pool) {
        this.pool = pool;
    }

    RowSet<Row> query(String sql, Tuple args) {
        try {
            return pool.preparedQuery(sql).executeAndAwait(args);
        } catch (RuntimeException e) {
            throw missing(e).<RuntimeException>map(pg -> new IndexerUnavailableException(pg.getErrorMessage()
                    + ": the indexer's tables are not in this database (is the chain-indexer installed?)")).orElse(e);
        }
    }

    private static Optional<PgException> missing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && MISSING.contains(pg.getSqlState())) {
                return Optional.of(pg);
            }
        }
        return Optional.empty();
    }
}
