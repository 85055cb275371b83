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
 * @param deliveryRetention delivered and failed deliveries older than this (by creation) leave the delivery log;
 *     zero keeps them forever
 * @param retentionBatch most deliveries one round deletes for the retention
 * @param confirmations an indexed event is announced once this many blocks are on top of its block, so that a reorg
 *     shallower than that never reaches a receiver (the indexer re-reads such blocks before the dispatcher does)
 * @param targets which receivers may be called ({@link TargetGuard}: no private or local addresses unless allowed)
 */
public record DispatcherSettings(Duration pollInterval, long endingSoonSeconds, Duration retryBase, Duration retryMax,
        int maxAttempts, Duration timeout, int batch, Optional<Long> fromBlock, Duration deliveryRetention,
        int retentionBatch, long confirmations, TargetGuard targets) {
    /** The default of {@code octo.webhooks.delivery-retention}. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    /** The default of {@code octo.webhooks.retention-batch}. */
    public static final int DEFAULT_RETENTION_BATCH = 1000;

    /**
     * Settings with the default delivery retention (30 days, at most 1000 rows deleted per round), events announced at
     * the head (no confirmations) and every target allowed: tests and development.
     */
    public DispatcherSettings(Duration pollInterval, long endingSoonSeconds, Duration retryBase, Duration retryMax,
            int maxAttempts, Duration timeout, int batch, Optional<Long> fromBlock) {
        this(pollInterval, endingSoonSeconds, retryBase, retryMax, maxAttempts, timeout, batch, fromBlock,
                DEFAULT_RETENTION, DEFAULT_RETENTION_BATCH);
    }

    /** As the canonical constructor, events announced at the head and every target allowed (tests). */
    public DispatcherSettings(Duration pollInterval, long endingSoonSeconds, Duration retryBase, Duration retryMax,
            int maxAttempts, Duration timeout, int batch, Optional<Long> fromBlock, Duration deliveryRetention,
            int retentionBatch) {
        this(pollInterval, endingSoonSeconds, retryBase, retryMax, maxAttempts, timeout, batch, fromBlock,
                deliveryRetention, retentionBatch, 0, TargetGuard.permissive());
    }

    public DispatcherSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(retryBase, "retryBase");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(fromBlock, "fromBlock");
        Objects.requireNonNull(deliveryRetention, "deliveryRetention");
        Objects.requireNonNull(targets, "targets");
        if (confirmations < 0) {
            throw new IllegalArgumentException("octo.webhooks: need confirmations >= 0");
        }
        if (deliveryRetention.isNegative() || retentionBatch < 1) {
            throw new IllegalArgumentException("octo.webhooks: need delivery-retention >= 0 (0: keep forever) and "
                    + "retention-batch >= 1");
        }
        if (endingSoonSeconds < 0 || maxAttempts < 1 || batch < 1 || retryBase.isNegative() || retryMax.compareTo(retryBase) < 0
                || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("octo.webhooks: need ending-soon >= 0, max-attempts >= 1, batch >= 1, "
                    + "0 <= retry-base <= retry-max, timeout > 0");
        }
    }

    /** Whether finished deliveries are ever deleted (a retention of zero keeps them). */
    public boolean prunesDeliveries() {
        return !deliveryRetention.isZero();
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
