package io.cipherocto.indexer.store;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.indexer.abi.EventTables;
import io.cipherocto.platform.db.LockScope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * The indexer's tables in PostgreSQL (schema {@code indexer}, Flyway migrations in {@code db/migration/indexer}).
 * All writes of one chain go through one {@link Session}: one JDBC connection of its own that holds the chain's
 * advisory lock (a second indexer instance waits until the first one's connection is gone) and writes each batch's
 * rows with binary {@code COPY}.
 */
public final class IndexerStore {
    private static final String CHECKPOINT = "SELECT block_number, block_hash FROM indexer.checkpoint WHERE chain_id = $1";

    private static final String CHECKPOINT_JDBC = "SELECT block_number, block_hash FROM indexer.checkpoint WHERE chain_id = ?";

    private final Pool pool;
    private final WriterConnections writer;
    private final long chainId;
    private final long lockKey;
    private final Map<EventDefinition, String> copySql = new HashMap<>();
    private final List<String> eventTables = new ArrayList<>();

    /**
     * @param pool for readers (the checkpoint for health and the audit API)
     * @param writer the writer session's own connections
     */
    public IndexerStore(Pool pool, WriterConnections writer, long chainId, EventCatalog catalog) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.chainId = chainId;
        this.lockKey = lockKey(chainId);
        for (EventDefinition d : catalog.all()) {
            copySql.put(d, TableRows.copySql(d));
            eventTables.add(EventTables.qualified(d));
        }
    }

    /** The advisory lock key of a chain's indexer writer: {@link LockScope#INDEXER_WRITER} of the chain id. */
    public static long lockKey(long chainId) {
        return LockScope.INDEXER_WRITER.key(chainId);
    }

    public long chainId() {
        return chainId;
    }

    /**
     * Opens the writer connection and tries the chain's advisory lock. Empty when another instance holds it (the
     * connection is closed again).
     */
    public Optional<Session> tryOpen() {
        Connection conn;
        try {
            conn = writer.open();
        } catch (SQLException e) {
            throw new StoreException("cannot connect: " + e.getMessage(), e);
        }
        try {
            boolean locked;
            try (PreparedStatement st = conn.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                st.setLong(1, lockKey);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                conn.close();
                return Optional.empty();
            }
            try (Statement st = conn.createStatement()) {
                // Rows and checkpoint commit atomically, so a commit lost in a server crash is just read again:
                // the writer need not wait for the WAL flush.
                st.execute("SET synchronous_commit TO off");
                st.execute("CREATE TEMP TABLE IF NOT EXISTS blocks_in (number bigint, hash text, parent_hash text, "
                        + "timestamp bigint) ON COMMIT DELETE ROWS");
            }
            conn.setAutoCommit(false);
            return Optional.of(new Session(conn));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(conn);
            throw e instanceof SQLException q ? new StoreException(q.getMessage(), q) : (RuntimeException) e;
        }
    }

    /** Reads the checkpoint without the lock (for readers such as health and the audit API). */
    public Optional<Checkpoint> checkpoint() {
        return readCheckpoint(pool.preparedQuery(CHECKPOINT).executeAndAwait(Tuple.of(chainId)));
    }

    private static Optional<Checkpoint> readCheckpoint(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Row r = it.next();
        return Optional.of(Checkpoint.of(r.getLong(0), r.getString(1)));
    }

    /** One writer's connection, holding the advisory lock until closed. Any SQL failure is a {@link StoreException}. */
    public final class Session implements AutoCloseable {
        private final Connection conn;
        private final CopyManager copy;

        private Session(Connection conn) throws SQLException {
            this.conn = conn;
            this.copy = conn.unwrap(PGConnection.class).getCopyAPI();
        }

        public Optional<Checkpoint> checkpoint() {
            return sql(() -> {
                try (PreparedStatement st = conn.prepareStatement(CHECKPOINT_JDBC)) {
                    st.setLong(1, chainId);
                    try (ResultSet rs = st.executeQuery()) {
                        Optional<Checkpoint> cp = rs.next() ? Optional.of(Checkpoint.of(rs.getLong(1), rs.getString(2)))
                                : Optional.empty();
                        conn.commit();
                        return cp;
                    }
                }
            });
        }

        /** Creates the checkpoint of a fresh database: nothing indexed up to {@code block}. */
        public Checkpoint init(long block) {
            inTransaction(() -> {
                try (PreparedStatement st = conn.prepareStatement("INSERT INTO indexer.checkpoint (chain_id, block_number, "
                        + "block_hash) VALUES (?, ?, NULL) ON CONFLICT (chain_id) DO NOTHING")) {
                    st.setLong(1, chainId);
                    st.setLong(2, block);
                    st.executeUpdate();
                }
                return null;
            });
            return checkpoint().orElseThrow();
        }

        /** The stored hash of a block, if a row for it exists. */
        public Optional<String> blockHash(long number) {
            return sql(() -> {
                try (PreparedStatement st = conn.prepareStatement("SELECT hash FROM indexer.blocks WHERE number = ?")) {
                    st.setLong(1, number);
                    try (ResultSet rs = st.executeQuery()) {
                        Optional<String> h = rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                        conn.commit();
                        return h;
                    }
                }
            });
        }

        /**
         * Writes the batch and moves the checkpoint from {@code expected} to {@code next} in one transaction. Fails
         * (and writes nothing) when the checkpoint is no longer {@code expected}.
         */
        public void commit(WriteBatch batch, Checkpoint expected, Checkpoint next) {
            inTransaction(() -> {
                writeBlocks(batch.blocks());
                for (TableRows rows : batch.tables()) {
                    if (rows.size() > 0) {
                        copyIn(copySql.get(rows.event()), rows.bytes(), rows.byteSize());
                    }
                }
                moveCheckpoint(expected, next);
                return null;
            });
        }

        /** Fills in the hash of the checkpoint block (read from a header once the block is final). */
        public Checkpoint anchor(Checkpoint expected, WriteBatch.BlockRow header) {
            return inTransaction(() -> {
                if (header.number() >= 0) {
                    writeBlocks(List.of(header));
                }
                Checkpoint next = Checkpoint.of(expected.block(), header.hash());
                moveCheckpoint(expected, next);
                return next;
            });
        }

        /**
         * Undoes every block after {@code fork}: deletes their events and block rows, moves the checkpoint back and
         * records the reorg, in one transaction.
         */
        public Checkpoint rewind(Checkpoint expected, long fork, String forkHash, long oldHead, long newHead) {
            return inTransaction(() -> {
                for (String table : eventTables) {
                    update("DELETE FROM " + table + " WHERE block_number > ?", fork);
                }
                update("DELETE FROM indexer.blocks WHERE number > ?", fork);
                try (PreparedStatement st = conn.prepareStatement("INSERT INTO indexer.reorgs (chain_id, fork_block, "
                        + "fork_hash, old_checkpoint, new_head, depth) VALUES (?, ?, ?, ?, ?, ?)")) {
                    st.setLong(1, chainId);
                    st.setLong(2, fork);
                    st.setString(3, forkHash);
                    st.setLong(4, expected.block());
                    st.setLong(5, newHead);
                    st.setLong(6, expected.block() - fork);
                    st.executeUpdate();
                }
                Checkpoint next = Checkpoint.of(fork, forkHash);
                moveCheckpoint(expected, next);
                return next;
            });
        }

        /** Block rows go through a temporary table so that a row read from a header replaces one made from a log. */
        private void writeBlocks(List<WriteBatch.BlockRow> blocks) throws SQLException {
            if (blocks.isEmpty()) {
                return;
            }
            CopyBuffer rows = new CopyBuffer(blocks.size() * 170);
            for (WriteBatch.BlockRow b : blocks) {
                rows.row(4);
                rows.int8(b.number());
                rows.text(b.hash());
                if (b.parentHash().isPresent()) {
                    rows.text(b.parentHash().get());
                } else {
                    rows.nullField();
                }
                rows.int8(b.timestamp());
            }
            copyIn("COPY blocks_in FROM STDIN (FORMAT binary)", rows.bytes(), rows.length());
            try (Statement st = conn.createStatement()) {
                st.executeUpdate("INSERT INTO indexer.blocks (number, hash, parent_hash, timestamp) SELECT * FROM blocks_in "
                        + "ON CONFLICT (number) DO UPDATE SET hash = excluded.hash, "
                        + "parent_hash = coalesce(excluded.parent_hash, indexer.blocks.parent_hash), timestamp = excluded.timestamp");
            }
        }

        private void copyIn(String sql, byte[] rows, int length) throws SQLException {
            CopyIn in = copy.copyIn(sql);
            try {
                in.writeToCopy(CopyBuffer.HEADER, 0, CopyBuffer.HEADER.length);
                in.writeToCopy(rows, 0, length);
                in.writeToCopy(CopyBuffer.TRAILER, 0, CopyBuffer.TRAILER.length);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }

        private void moveCheckpoint(Checkpoint expected, Checkpoint next) throws SQLException {
            int n;
            try (PreparedStatement st = conn.prepareStatement("UPDATE indexer.checkpoint SET block_number = ?, block_hash = ?, "
                    + "updated_at = now() WHERE chain_id = ? AND block_number = ?")) {
                st.setLong(1, next.block());
                st.setString(2, next.hash().orElse(null));
                st.setLong(3, chainId);
                st.setLong(4, expected.block());
                n = st.executeUpdate();
            }
            if (n != 1) {
                throw new IllegalStateException("checkpoint of chain " + chainId + " is no longer at block " + expected.block()
                        + ": another writer? (nothing written)");
            }
        }

        private void update(String sql, long arg) throws SQLException {
            try (PreparedStatement st = conn.prepareStatement(sql)) {
                st.setLong(1, arg);
                st.executeUpdate();
            }
        }

        private <T> T inTransaction(SqlWork<T> work) {
            try {
                T t = work.run();
                conn.commit();
                return t;
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StoreException(e.getMessage(), e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        }

        private <T> T sql(SqlWork<T> work) {
            try {
                return work.run();
            } catch (SQLException e) {
                rollbackQuietly();
                throw new StoreException(e.getMessage(), e);
            }
        }

        private void rollbackQuietly() {
            try {
                conn.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the server rolls the transaction back by itself
            }
        }

        /** Releases the advisory lock (by closing the connection). */
        @Override
        public void close() {
            closeQuietly(conn);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** A database failure of the writer session (the session ends; the indexer opens a new one). */
    public static final class StoreException extends RuntimeException {
        StoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already closed or broken: the lock is gone with the connection either way
        }
    }
}
