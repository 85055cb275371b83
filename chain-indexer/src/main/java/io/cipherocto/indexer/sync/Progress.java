package io.cipherocto.indexer.sync;

import java.time.Duration;
import org.jboss.logging.Logger;

/** Progress lines during a long backfill: blocks done of total, events/s, ETA; at most one line per interval. */
final class Progress {
    private static final Logger LOG = Logger.getLogger(Progress.class);

    private final Duration interval;
    private long start;
    private long first;
    private long last;
    private long events;
    private long startedAt;
    private long lastLineAt;

    Progress(Duration interval) {
        this.interval = interval;
    }

    void begin(long fromBlock, long toBlock) {
        first = fromBlock;
        last = toBlock;
        events = 0;
        startedAt = System.nanoTime();
        lastLineAt = startedAt;
        start = fromBlock;
        LOG.infof("backfill: blocks %d..%d (%d blocks)", fromBlock, toBlock, toBlock - fromBlock + 1);
    }

    void advance(long block, int batchEvents) {
        events += batchEvents;
        long now = System.nanoTime();
        if (now - lastLineAt >= interval.toNanos() || block >= last) {
            lastLineAt = now;
            double secs = Math.max(1e-9, (now - startedAt) / 1e9);
            long done = block - first + 1;
            long total = last - start + 1;
            double blocksPerSec = done / secs;
            long eta = blocksPerSec > 0 ? (long) ((last - block) / blocksPerSec) : -1;
            LOG.infof("backfill: %d/%d blocks (%.1f%%), %d events, %.0f events/s, ETA %ds", done, total,
                    100.0 * done / Math.max(1, total), events, events / secs, eta);
        }
    }
}
