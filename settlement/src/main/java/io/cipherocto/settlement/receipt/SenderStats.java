package io.cipherocto.settlement.receipt;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The running counts of one (address or bucket, side) of {@link SenderActivity}: receipts by code, last seen and last
 * accepted (epoch millis, 0 = never). One array of atomics rather than an adder per code: it is written once per batch,
 * not per receipt, so contention is low, and it keeps a tracked sender to about 150 bytes.
 */
final class SenderStats {
    private static final ReceiptCode[] CODES = ReceiptCode.values();
    private final AtomicLongArray counts = new AtomicLongArray(CODES.length);
    private final AtomicLong lastSeen = new AtomicLong();
    private final AtomicLong lastAccepted = new AtomicLong();

    /** Adds one batch's counts (indexed by code ordinal), seen at {@code now}. */
    void add(long[] delta, long now) {
        for (int i = 0; i < delta.length; i++) {
            if (delta[i] != 0) {
                counts.addAndGet(i, delta[i]);
            }
        }
        lastSeen.accumulateAndGet(now, Math::max);
        if (delta[ReceiptCode.ACCEPTED.ordinal()] > 0) {
            lastAccepted.accumulateAndGet(now, Math::max);
        }
    }

    long accepted() {
        return counts.get(ReceiptCode.ACCEPTED.ordinal());
    }

    long duplicates() {
        return counts.get(ReceiptCode.DUPLICATE.ordinal());
    }

    /** Every code that is neither accepted nor duplicate (the receipt's status {@code rejected}). */
    long rejected() {
        long n = 0;
        for (ReceiptCode c : CODES) {
            if (!c.stored()) {
                n += counts.get(c.ordinal());
            }
        }
        return n;
    }

    long lastSeenMillis() {
        return lastSeen.get();
    }

    SenderPage.Sender view(String sender, SenderActivity.Side side) {
        Map<String, Long> byCode = new TreeMap<>();
        for (ReceiptCode c : CODES) {
            long n = counts.get(c.ordinal());
            if (!c.stored() && n > 0) {
                byCode.put(c.code(), n);
            }
        }
        long accepted = lastAccepted.get();
        return new SenderPage.Sender(sender, side.label(), accepted(), duplicates(), rejected(), byCode,
                Instant.ofEpochMilli(lastSeen.get()).toString(), accepted == 0 ? null : Instant.ofEpochMilli(accepted).toString());
    }
}
