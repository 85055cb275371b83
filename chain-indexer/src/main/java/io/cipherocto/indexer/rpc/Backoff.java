package io.cipherocto.indexer.rpc;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: attempt n waits a random time in [0, min(max, base * 2^n)]. */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private int attempt;

    public Backoff(Duration base, Duration max) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= max");
        }
        this.base = base;
        this.max = max;
    }

    /** The next wait; grows with every call until {@link #reset()}. */
    public Duration next() {
        long cap = Math.min(max.toMillis(), base.toMillis() << Math.min(attempt, 20));
        attempt++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    public int attempts() {
        return attempt;
    }

    public void reset() {
        attempt = 0;
    }
}
