package io.cipherocto.indexer.sync;

import java.time.Duration;
import java.util.Optional;

/**
 * How the indexer follows a chain.
 *
 * @param finalityDepth blocks below {@code head - finalityDepth} are final: read without headers, never rolled back
 * @param pollInterval how often the head is polled once caught up
 * @param targetLogsPerRequest the adaptive block range aims at about this many logs per {@code eth_getLogs}
 * @param maxRangeBlocks the largest block range asked for in one {@code eth_getLogs}
 * @param prefetch how many {@code eth_getLogs} ranges are fetched and decoded ahead of the writer (bounds memory)
 * @param headerConcurrency header batch requests in flight
 * @param maxTailBlocks the most blocks read per step inside the unfinalized tail
 * @param rpcTimeout per-request timeout (a timed-out {@code eth_getLogs} is retried with a smaller range)
 * @param startBlock first block to index on an empty database (default: the manifest's deployment block)
 */
public record IndexerConfig(
        int finalityDepth,
        Duration pollInterval,
        int targetLogsPerRequest,
        int maxRangeBlocks,
        int prefetch,
        int headerConcurrency,
        int maxTailBlocks,
        Duration rpcTimeout,
        Optional<Long> startBlock) {

    public IndexerConfig {
        if (finalityDepth < 1) {
            throw new IllegalArgumentException("octo.indexer.finality-depth must be >= 1");
        }
        if (targetLogsPerRequest < 1 || maxRangeBlocks < 1 || prefetch < 1 || headerConcurrency < 1 || maxTailBlocks < 1) {
            throw new IllegalArgumentException("indexer sizes must be >= 1");
        }
    }

    public static IndexerConfig defaults() {
        return new IndexerConfig(64, Duration.ofSeconds(1), 10_000, 5_000, 3, 4, 500, Duration.ofSeconds(30),
                Optional.empty());
    }

    public IndexerConfig withFinalityDepth(int depth) {
        return new IndexerConfig(depth, pollInterval, targetLogsPerRequest, maxRangeBlocks, prefetch, headerConcurrency,
                maxTailBlocks, rpcTimeout, startBlock);
    }

    public IndexerConfig withPollInterval(Duration d) {
        return new IndexerConfig(finalityDepth, d, targetLogsPerRequest, maxRangeBlocks, prefetch, headerConcurrency,
                maxTailBlocks, rpcTimeout, startBlock);
    }

    public IndexerConfig withRpcTimeout(Duration d) {
        return new IndexerConfig(finalityDepth, pollInterval, targetLogsPerRequest, maxRangeBlocks, prefetch,
                headerConcurrency, maxTailBlocks, d, startBlock);
    }

    public IndexerConfig withStartBlock(long block) {
        return new IndexerConfig(finalityDepth, pollInterval, targetLogsPerRequest, maxRangeBlocks, prefetch,
                headerConcurrency, maxTailBlocks, rpcTimeout, Optional.of(block));
    }

    public IndexerConfig withTargetLogs(int logs, int maxRange) {
        return new IndexerConfig(finalityDepth, pollInterval, logs, maxRange, prefetch, headerConcurrency, maxTailBlocks,
                rpcTimeout, startBlock);
    }
}
