package io.cipherocto.verifier.cosign;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code perMinute} co-sign requests per finder in each minute: a co-sign request can cost a re-execution, so
 * a registered but misbehaving verifier cannot keep its peers' GPUs busy. Fixed one-minute windows per finder address,
 * in memory (a restart forgets them, which only ever lets a request through).
 */
final class CosignLimiter {
    private final int perMinute;
    private final LongSupplier clockMillis;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>(); // finder -> {window start, count}

    CosignLimiter(int perMinute, LongSupplier clockMillis) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be >= 1");
        }
        this.perMinute = perMinute;
        this.clockMillis = clockMillis;
    }

    /** Counts a request; empty when allowed, else the seconds until the finder's window ends. */
    OptionalLong acquire(String finder) {
        long now = clockMillis.getAsLong();
        long[] w = windows.compute(finder.toLowerCase(Locale.ROOT), (k, v) -> {
            if (v == null || now - v[0] >= 60_000) {
                return new long[] {now, 1};
            }
            v[1]++;
            return v;
        });
        if (w[1] <= perMinute) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (w[0] + 60_000 - now + 999) / 1000));
    }
}
