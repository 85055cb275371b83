package io.cipherocto.settlement.store;

import io.cipherocto.platform.db.LockScope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates the partition of {@code settlement.receipts} of each epoch on demand ({@code settlement.receipts_e<epoch>},
 * one LIST partition per epoch, migration {@code V2_7__receipts_partitioned.sql}). The table has no DEFAULT partition,
 * so a receipt of an epoch without its partition cannot be inserted: {@link ReceiptStore} calls {@link #ensure} before
 * each batch. The epochs whose partition is known to exist are remembered, so in the steady state (every batch of an
 * epoch after its first) this costs no statement at all; one instance is shared by the node's receipt stores.
 *
 * <p>Creation runs in a short transaction of its own, before the batch's transaction, for two reasons. DDL takes
 * table locks that are held until commit: inside the batch's transaction they would be held for the whole batch (and
 * ordered after the escrow advisory locks, inviting deadlocks). And a failed batch must not undo a partition another
 * batch may already rely on. Two batches (or two API instances on one database) asking for the same new epoch are
 * serialised by a transaction-scoped advisory lock per epoch ({@link LockScope#SETTLEMENT_RECEIPT_PARTITION}, epochs
 * in ascending order); the second one finds the partition attached and creates nothing ({@code CREATE TABLE IF NOT
 * EXISTS} alone is not safe against a concurrent creator: it can fail on the catalog's unique index).
 *
 * <p>Locks: the partition is created as a plain table ({@code LIKE settlement.receipts}: same columns, defaults and
 * CHECKs) and then attached. {@code ATTACH PARTITION} takes SHARE UPDATE EXCLUSIVE on {@code settlement.receipts},
 * which does not conflict with the readers and inserts of other epochs (ACCESS SHARE, ROW EXCLUSIVE), whereas
 * {@code CREATE TABLE ... PARTITION OF} would take ACCESS EXCLUSIVE on the parent: it would wait for every running
 * read of any epoch (an epoch's settlement reads a million rows) and queue every later statement behind it. ATTACH
 * still waits for other DDL on the parent and for a manual {@code ANALYZE settlement.receipts}; {@code lock_timeout}
 * bounds that wait, the batch then fails with a server error and can be retried. The new, empty table is checked
 * against its partition bound at once, and the parent's indexes are created on it.
 */
public final class ReceiptPartitions {
    /** Whether {@code settlement.receipts_e<epoch>} (the parameter) is a partition of {@code settlement.receipts}. */
    static final String ATTACHED = "SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            + "WHERE i.inhparent = 'settlement.receipts'::regclass AND c.relname = $1 "
            + "AND c.relnamespace = 'settlement'::regnamespace)";
    private static final String LOCK_TIMEOUT = "SET LOCAL lock_timeout = '10s'";

    private final Set<Long> known = ConcurrentHashMap.newKeySet();

    /** The partition's table name (in schema {@code settlement}). */
    public static String tableName(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0: " + epoch);
        }
        return "receipts_e" + epoch;
    }

    /** Makes sure each of {@code epochs} has its partition; creates the missing ones (see the class comment). */
    public void ensure(Pool pool, Collection<Long> epochs) {
        TreeSet<Long> missing = new TreeSet<>();
        for (Long e : epochs) {
            if (!known.contains(e)) {
                missing.add(e);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            Transaction tx = conn.beginAndAwait();
            try {
                conn.query(LOCK_TIMEOUT).executeAndAwait();
                for (long e : missing) {
                    conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                            .executeAndAwait(Tuple.of(LockScope.SETTLEMENT_RECEIPT_PARTITION.key(e)));
                    boolean attached = conn.preparedQuery(ATTACHED).executeAndAwait(Tuple.of(tableName(e)))
                            .iterator().next().getBoolean(0);
                    if (!attached) {
                        // the name and bound are a number formatted here, never caller text
                        conn.query("CREATE TABLE settlement." + tableName(e) + " (LIKE settlement.receipts INCLUDING DEFAULTS "
                                + "INCLUDING CONSTRAINTS)").executeAndAwait();
                        conn.query("ALTER TABLE settlement.receipts ATTACH PARTITION settlement." + tableName(e)
                                + " FOR VALUES IN (" + e + ")").executeAndAwait();
                    }
                }
                tx.commitAndAwait();
            } catch (RuntimeException ex) {
                try {
                    tx.rollbackAndAwait();
                } catch (RuntimeException ignored) {
                    // closing the connection ends the transaction
                }
                throw ex;
            }
        } finally {
            conn.closeAndAwait();
        }
        known.addAll(missing);
    }

    /**
     * Forgets the known partitions: after an insert found none for its epoch (a partition detached or dropped by
     * hand), the next {@link #ensure} looks again.
     */
    public void forget() {
        known.clear();
    }
}
