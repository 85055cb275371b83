package io.cipherocto.indexer.store;

import io.cipherocto.indexer.abi.EventCatalog;
import io.cipherocto.indexer.abi.EventDefinition;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * The indexer's tables in PostgreSQL (schema {@code indexer}, Flyway migrations in {@code db/migration/indexer}).
 * All writes of one chain go through one {@link Session}: one connection that holds the chain's advisory lock, so
 * a second indexer instance waits until the first one's connection is gone.
 */
public final class IndexerStore {
    private static final String CHECKPOINT = "SELECT block_number, block_hash FROM indexer.checkpoint WHERE chain_id = $1";

    private final Pool pool;
    private final long chainId;
    private final long lockKey;
    private final Map<EventDefinition, String> insertSql = new HashMap<>();
    private final List<String> eventTables = new ArrayList<>();

    public IndexerStore(Pool pool, long chainId, EventCatalog catalog) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.chainId = chainId;
        this.lockKey = lockKey(chainId);
        for (EventDefinition d : catalog.all()) {
            insertSql.put(d, TableRows.insertSql(d));
            eventTables.add(d.qualifiedTable());
        }
    }

    /** The advisory lock key of a chain: the first 8 bytes of keccak256("octo-indexer:" + chainId). */
    public static long lockKey(long chainId) {
        byte[] h = Hash.sha3(("octo-indexer:" + chainId).getBytes(StandardCharsets.UTF_8));
        long k = 0;
        for (int i = 0; i < 8; i++) {
            k = (k << 8) | (h[i] & 0xff);
        }
        return k;
    }

    public long chainId() {
        return chainId;
    }

    /**
     * Takes a connection and tries the chain's advisory lock. Empty when another instance holds it (the connection
     * is returned to the pool).
     */
    public Optional<Session> tryOpen() {
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            boolean locked = conn.preparedQuery("SELECT pg_try_advisory_lock($1)").executeAndAwait(Tuple.of(lockKey))
                    .iterator().next().getBoolean(0);
            if (!locked) {
                conn.closeAndAwait();
                return Optional.empty();
            }
            // Rows and checkpoint commit atomically, so a commit lost in a server crash is just read again:
            // the writer need not wait for the WAL flush.
            conn.query("SET synchronous_commit TO off").executeAndAwait();
            return Optional.of(new Session(conn));
        } catch (RuntimeException e) {
            conn.closeAndAwait();
            throw e;
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

    /** One writer's connection, holding the advisory lock until closed. */
    public final class Session implements AutoCloseable {
        private final SqlConnection conn;

        private Session(SqlConnection conn) {
            this.conn = conn;
        }

        public Optional<Checkpoint> checkpoint() {
            return readCheckpoint(conn.preparedQuery(CHECKPOINT).executeAndAwait(Tuple.of(chainId)));
        }

        /** Creates the checkpoint of a fresh database: nothing indexed up to {@code block}. */
        public Checkpoint init(long block) {
            conn.preparedQuery("INSERT INTO indexer.checkpoint (chain_id, block_number, block_hash) VALUES ($1, $2, NULL) "
                    + "ON CONFLICT (chain_id) DO NOTHING").executeAndAwait(Tuple.of(chainId, block));
            return checkpoint().orElseThrow();
        }

        /** The stored hash of a block, if a row for it exists. */
        public Optional<String> blockHash(long number) {
            var it = conn.preparedQuery("SELECT hash FROM indexer.blocks WHERE number = $1").executeAndAwait(Tuple.of(number))
                    .iterator();
            return it.hasNext() ? Optional.of(it.next().getString(0)) : Optional.empty();
        }

        /**
         * Writes the batch and moves the checkpoint from {@code expected} to {@code next} in one transaction. Fails
         * (and writes nothing) when the checkpoint is no longer {@code expected}.
         */
        public void commit(WriteBatch batch, Checkpoint expected, Checkpoint next) {
            Transaction tx = conn.beginAndAwait();
            try {
                writeBlocks(batch.blocks());
                for (TableRows rows : batch.tables()) {
                    if (rows.size() > 0) {
                        conn.preparedQuery(insertSql.get(rows.event())).executeAndAwait(rows.tuple());
                    }
                }
                moveCheckpoint(expected, next);
                tx.commitAndAwait();
            } catch (RuntimeException e) {
                rollbackQuietly(tx);
                throw e;
            }
        }

        /** Fills in the hash of the checkpoint block (read from a header once the block is final). */
        public Checkpoint anchor(Checkpoint expected, WriteBatch.BlockRow header) {
            Transaction tx = conn.beginAndAwait();
            try {
                if (header.number() >= 0) {
                    writeBlocks(List.of(header));
                }
                Checkpoint next = Checkpoint.of(expected.block(), header.hash());
                moveCheckpoint(expected, next);
                tx.commitAndAwait();
                return next;
            } catch (RuntimeException e) {
                rollbackQuietly(tx);
                throw e;
            }
        }

        /**
         * Undoes every block after {@code fork}: deletes their events and block rows, moves the checkpoint back and
         * records the reorg, in one transaction.
         */
        public Checkpoint rewind(Checkpoint expected, long fork, String forkHash, long oldHead, long newHead) {
            Transaction tx = conn.beginAndAwait();
            try {
                for (String table : eventTables) {
                    conn.preparedQuery("DELETE FROM " + table + " WHERE block_number > $1").executeAndAwait(Tuple.of(fork));
                }
                conn.preparedQuery("DELETE FROM indexer.blocks WHERE number > $1").executeAndAwait(Tuple.of(fork));
                conn.preparedQuery("INSERT INTO indexer.reorgs (chain_id, fork_block, fork_hash, old_checkpoint, new_head, depth) "
                        + "VALUES ($1, $2, $3, $4, $5, $6)")
                        .executeAndAwait(Tuple.tuple().addLong(chainId).addLong(fork).addString(forkHash)
                                .addLong(expected.block()).addLong(newHead).addLong(expected.block() - fork));
                Checkpoint next = Checkpoint.of(fork, forkHash);
                moveCheckpoint(expected, next);
                tx.commitAndAwait();
                return next;
            } catch (RuntimeException e) {
                rollbackQuietly(tx);
                throw e;
            }
        }

        private void writeBlocks(List<WriteBatch.BlockRow> blocks) {
            if (blocks.isEmpty()) {
                return;
            }
            Long[] number = new Long[blocks.size()];
            String[] hash = new String[blocks.size()];
            String[] parent = new String[blocks.size()];
            Long[] ts = new Long[blocks.size()];
            for (int i = 0; i < blocks.size(); i++) {
                WriteBatch.BlockRow b = blocks.get(i);
                number[i] = b.number();
                hash[i] = b.hash();
                parent[i] = b.parentHash().orElse(null);
                ts[i] = b.timestamp();
            }
            conn.preparedQuery("INSERT INTO indexer.blocks (number, hash, parent_hash, timestamp) "
                    + "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) "
                    + "ON CONFLICT (number) DO UPDATE SET hash = excluded.hash, "
                    + "parent_hash = coalesce(excluded.parent_hash, indexer.blocks.parent_hash), timestamp = excluded.timestamp")
                    .executeAndAwait(Tuple.of(number, hash, parent, ts));
        }

        private void moveCheckpoint(Checkpoint expected, Checkpoint next) {
            RowSet<Row> r = conn.preparedQuery("UPDATE indexer.checkpoint SET block_number = $1, block_hash = $2, updated_at = now() "
                    + "WHERE chain_id = $3 AND block_number = $4")
                    .executeAndAwait(Tuple.of(next.block(), next.hash().orElse(null), chainId, expected.block()));
            if (r.rowCount() != 1) {
                throw new IllegalStateException("checkpoint of chain " + chainId + " is no longer at block " + expected.block()
                        + ": another writer? (nothing written)");
            }
        }

        private void rollbackQuietly(Transaction tx) {
            try {
                tx.rollbackAndAwait();
            } catch (RuntimeException ignored) {
                // the connection is broken; the server rolls the transaction back by itself
            }
        }

        /** Releases the advisory lock (by closing the connection). */
        @Override
        public void close() {
            try {
                conn.closeAndAwait();
            } catch (RuntimeException ignored) {
                // already closed or broken: the lock is gone with the connection either way
            }
        }
    }
}
