package io.cipherocto.settlement.epoch;

import io.cipherocto.platform.db.LockScope;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The single settlement writer of a chain: holds the session advisory lock {@link LockScope#SETTLEMENT_WRITER} of the
 * chain id on a dedicated connection while it runs
 * {@link EpochSettler#step()} rounds; a second instance waits for the lock (polling) and takes over when the first
 * one's connection ends. Losing the connection drops the lock, so the worker stops writing and re-acquires.
 */
public class SettlementWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(SettlementWorker.class);

    private final Pool pool;
    private final long chainId;
    private final long lockKey;
    private final EpochSettler settler;
    private final Duration pollInterval;
    private volatile boolean stopped;
    private volatile boolean holdsLock;
    private String lastError = "";

    public SettlementWorker(Pool pool, long chainId, EpochSettler settler, Duration pollInterval) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.chainId = chainId;
        this.lockKey = LockScope.SETTLEMENT_WRITER.key(chainId);
        this.settler = Objects.requireNonNull(settler, "settler");
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    public void stop() {
        stopped = true;
    }

    /** Whether this worker currently holds the writer lock. */
    public boolean holdsLock() {
        return holdsLock;
    }

    @Override
    public void run() {
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            SqlConnection conn = null;
            try {
                conn = pool.getConnectionAndAwait();
                boolean locked = conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS ok")
                        .executeAndAwait(Tuple.of(lockKey)).iterator().next().getBoolean("ok");
                if (!locked) {
                    conn.closeAndAwait();
                    conn = null;
                    sleep();
                    continue;
                }
                holdsLock = true;
                LOG.infof("settlement writer lock acquired for chain %d", chainId);
                while (!stopped && !Thread.currentThread().isInterrupted()) {
                    conn.query("SELECT 1").executeAndAwait(); // the lock lives as long as this connection
                    round();
                    sleep();
                }
            } catch (RuntimeException e) {
                log(e);
                sleep();
            } finally {
                if (conn != null) {
                    try {
                        if (holdsLock) {
                            // A pooled connection outlives close(): release the session lock explicitly. (If the
                            // process dies, the session ends and PostgreSQL releases it.)
                            conn.preparedQuery("SELECT pg_advisory_unlock($1)").executeAndAwait(Tuple.of(lockKey));
                        }
                        conn.closeAndAwait();
                    } catch (RuntimeException ignored) {
                        // a broken connection is discarded by the pool; its session and lock end with it
                    }
                }
                holdsLock = false;
            }
        }
    }

    private void round() {
        try {
            EpochSettler.Step s = settler.step();
            lastError = "";
            if (s == EpochSettler.Step.PUBLISHED || s == EpochSettler.Step.COMPUTED) {
                round(); // go straight on to the next epoch if it is already closed
            }
        } catch (RuntimeException e) {
            log(e);
        }
    }

    private void log(RuntimeException e) {
        String msg = String.valueOf(e.getMessage());
        if (!msg.equals(lastError)) {
            LOG.warnf(e, "settlement round failed: %s", msg);
            lastError = msg;
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
