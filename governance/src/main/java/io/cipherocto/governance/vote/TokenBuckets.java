package io.cipherocto.governance.vote;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory token buckets keyed by a string (client address, voter). Integer arithmetic in micro-tokens: no floating
 * point. Bounded: past {@code maxKeys} keys the table is cleared (a reset grants at most one extra burst).
 */
public final class TokenBuckets {
    private static final long MICRO = 1_000_000;
    private final long perSecond;
    private final long burstMicro;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(long perSecond, long burst, int maxKeys) {
        if (perSecond <= 0 || burst <= 0 || maxKeys <= 0) {
            throw new IllegalArgumentException("rate, burst and maxKeys must be > 0");
        }
        this.perSecond = perSecond;
        this.burstMicro = Math.multiplyExact(burst, MICRO);
        this.maxKeys = maxKeys;
    }

    /** Takes one token for {@code key}: 0 when allowed, else the whole seconds to wait before one is available. */
    public long take(String key) {
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burstMicro, System.nanoTime())).take(System.nanoTime());
    }

    private final class Bucket {
        private long micro;
        private long last;

        Bucket(long micro, long last) {
            this.micro = micro;
            this.last = last;
        }

        synchronized long take(long now) {
            long elapsed = Math.max(0, now - last);
            last = now;
            // perSecond tokens per 1e9 ns = perSecond / 1000 micro-tokens per ns; cap elapsed to avoid overflow.
            long refill = Math.min(elapsed, 3_600_000_000_000L) / 1000 * perSecond;
            micro = Math.min(burstMicro, micro + refill);
            if (micro >= MICRO) {
                micro -= MICRO;
                return 0;
            }
            long missingMicro = MICRO - micro;
            long waitNanos = missingMicro * 1000 / perSecond;
            return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }
}
