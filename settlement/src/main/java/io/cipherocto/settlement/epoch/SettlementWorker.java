package io.cipherocto.settlement.epoch;

import io.cipherocto.platform.db.LockScope;
import io.cipherocto.platform.db.LockedLoop;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * The single settlement writer of a chain: holds the session advisory lock {@link LockScope#SETTLEMENT_WRITER} of the
 * chain id on a dedicated connection while it runs
 * {@link EpochSettler#step()} rounds (the shared {@link LockedLoop}); a second instance waits for the lock (polling)
 * and takes over when the first one's connection ends. Losing the connection drops the lock, so the worker stops
 * writing and re-acquires.
 */
public class SettlementWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(SettlementWorker.class);

    private final EpochSettler settler;
    private final LockedLoop loop;
    private String lastError = "";

    public SettlementWorker(Pool pool, long chainId, EpochSettler settler, Duration pollInterval) {
        this.settler = Objects.requireNonNull(settler, "settler");
        this.loop = new LockedLoop(pool, LockScope.SETTLEMENT_WRITER, Long.toString(chainId), pollInterval, this::round)
                .onAcquired(() -> LOG.infof("settlement writer lock acquired for chain %d", chainId))
                .onFailure(this::log);
    }

    public void stop() {
        loop.stop();
    }

    /** Whether this worker currently holds the writer lock. */
    public boolean holdsLock() {
        return loop.holdsLock();
    }

    @Override
    public void run() {
        loop.run();
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
}
