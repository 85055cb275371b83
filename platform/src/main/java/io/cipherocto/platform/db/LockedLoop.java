package io.cipherocto.platform.db;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The loop of a background writer that must run alone across nodes (the settlement writer, the governance relayer, the
 * webhook dispatcher): it takes a dedicated connection from the pool and the session advisory lock of one
 * {@link LockScope} and id on it ({@code pg_try_advisory_lock}); while it holds the lock it checks that the session is
 * still alive ({@code SELECT 1}), runs a round and pauses, until {@link #stop()} or an interrupt. Without the lock it
 * returns the connection, pauses and tries again, so a second node waits and takes over when the first one's session
 * ends. A {@link RuntimeException} from a round or from the database is passed to the failure handler; the loop then
 * pauses, gives up the lock and the connection, and tries again. Stopping releases the lock explicitly (a pooled
 * connection outlives {@code close()}); a process that dies loses its session and so its lock.
 *
 * <p>A round that must not give up the lock on an error catches it itself; one that lets an error through (a lost
 * database, say) makes the loop re-acquire.
 */
public final class LockedLoop implements Runnable {
    private final Pool pool;
    private final long lockKey;
    private final Duration pause;
    private final Runnable round;
    private volatile Runnable onAcquired = () -> { };
    private volatile Consumer<RuntimeException> onFailure = e -> { };
    private volatile boolean stopped;
    private volatile boolean holdsLock;

    /**
     * @param pool where the lock's connection comes from
     * @param scope the lock's scope
     * @param id the lock's id within the scope (see {@link LockScope#key(String)})
     * @param pause the pause after each round and between attempts to take the lock
     * @param round one round of work, run only while the lock is held
     */
    public LockedLoop(Pool pool, LockScope scope, String id, Duration pause, Runnable round) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.lockKey = Objects.requireNonNull(scope, "scope").key(id);
        this.pause = Objects.requireNonNull(pause, "pause");
        this.round = Objects.requireNonNull(round, "round");
    }

    /** Runs {@code action} each time the lock is taken (a log line, say); returns this. */
    public LockedLoop onAcquired(Runnable action) {
        this.onAcquired = Objects.requireNonNull(action, "action");
        return this;
    }

    /** Passes each failure of a round or of the lock's connection to {@code handler} (a log line, say); returns this. */
    public LockedLoop onFailure(Consumer<RuntimeException> handler) {
        this.onFailure = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /** Asks the loop to end after the current round (or pause); it then releases the lock. */
    public void stop() {
        stopped = true;
    }

    /** Whether this loop holds the lock now (is the one running rounds). */
    public boolean holdsLock() {
        return holdsLock;
    }

    private boolean running() {
        return !stopped && !Thread.currentThread().isInterrupted();
    }

    @Override
    public void run() {
        while (running()) {
            SqlConnection conn = null;
            try {
                conn = pool.getConnectionAndAwait();
                boolean locked = conn.preparedQuery("SELECT pg_try_advisory_lock($1) AS ok")
                        .executeAndAwait(Tuple.of(lockKey)).iterator().next().getBoolean("ok");
                if (!locked) {
                    conn.closeAndAwait();
                    conn = null;
                    pause();
                    continue;
                }
                holdsLock = true;
                onAcquired.run();
                while (running()) {
                    conn.query("SELECT 1").executeAndAwait(); // the lock lives as long as this connection's session
                    round.run();
                    pause();
                }
            } catch (RuntimeException e) {
                onFailure.accept(e);
                pause();
            } finally {
                release(conn);
            }
        }
    }

    /** Unlocks (when held) and returns the connection; a stop's interrupt must not cut this short. */
    private void release(SqlConnection conn) {
        boolean interrupted = Thread.interrupted();
        try {
            if (conn != null) {
                if (holdsLock) {
                    conn.preparedQuery("SELECT pg_advisory_unlock($1)").executeAndAwait(Tuple.of(lockKey));
                }
                conn.closeAndAwait();
            }
        } catch (RuntimeException ignored) {
            // a broken connection is discarded by the pool; its session and lock end with it
        } finally {
            holdsLock = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
