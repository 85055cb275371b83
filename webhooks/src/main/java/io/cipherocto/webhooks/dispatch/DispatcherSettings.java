package io.cipherocto.webhooks.dispatch;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the dispatcher works (docs/operations.md, {@code octo.webhooks.*}).
 *
 * @param pollInterval pause between rounds (scan, triggers, deliveries)
 * @param endingSoonSeconds {@code proposal.voting_ending_soon} fires this many seconds before voteEnd
 * @param retryBase delay after the first failed attempt; doubles per attempt
 * @param retryMax the longest delay between attempts
 * @param maxAttempts attempts before a delivery is given up ({@code failed})
 * @param timeout connect and response timeout of one attempt
 * @param batch most deliveries attempted per round (in parallel)
 * @param fromBlock where the first scan starts; empty: the head block at the first scan (no history)
 */
public record DispatcherSettings(Duration pollInterval, long endingSoonSeconds, Duration retryBase, Duration retryMax,
        int maxAttempts, Duration timeout, int batch, Optional<Long> fromBlock) {
    public DispatcherSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(fromBlock, "fromBlock");
        if (endingSoonSeconds < 0 || maxAttempts < 1 || batch < 1 || retryBase.isNegative() || retryMax.compareTo(retryBase) < 0
                || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("octo.webhooks: need ending-soon >= 0, max-attempts >= 1, batch >= 1, "
                    + "0 <= retry-base <= retry-max, timeout > 0");
        }
    }

    /**
     * The delay before attempt {@code attempts + 1}, after {@code attempts} failed ones: retryBase x 2^(attempts-1),
     * at most retryMax, less a random jitter of up to a fifth (so that receivers coming back are not hit in step).
     */
    public long retryDelayMillis(int attempts, java.util.random.RandomGenerator random) {
        long base = retryBase.toMillis();
        long max = retryMax.toMillis();
        int shift = Math.max(0, Math.min(attempts - 1, 40));
        long delay = base > (max >> shift) ? max : Math.min(max, base << shift);
        long jitter = delay / 5;
        return delay - (jitter > 0 ? random.nextLong(jitter + 1) : 0);
    }
}
