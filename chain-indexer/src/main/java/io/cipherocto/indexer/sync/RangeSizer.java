package io.cipherocto.indexer.sync;

/**
 * Chooses how many blocks to ask {@code eth_getLogs} for: shrinks when the node refuses a range or times out,
 * grows (at most 2x per answer) while answers stay small, aiming at a target number of logs per request.
 */
public final class RangeSizer {
    private final int target;
    private final int max;
    private volatile long blocks;

    public RangeSizer(int targetLogs, int maxBlocks, long initialBlocks) {
        if (targetLogs < 1 || maxBlocks < 1) {
            throw new IllegalArgumentException("targetLogs and maxBlocks must be >= 1");
        }
        this.target = targetLogs;
        this.max = maxBlocks;
        this.blocks = Math.max(1, Math.min(maxBlocks, initialBlocks));
    }

    public long blocks() {
        return blocks;
    }

    /** A range of {@code rangeBlocks} blocks returned {@code logs} logs. */
    public synchronized void observe(long rangeBlocks, int logs) {
        if (rangeBlocks <= 0) {
            return;
        }
        double perBlock = Math.max(logs, 1) / (double) rangeBlocks;
        long ideal = (long) Math.max(1, Math.min(max, target / perBlock));
        // Shrink at once (a dense region must not produce huge answers); grow to at most twice the range that
        // was answered, not twice the current size: answers of ranges fetched in parallel would otherwise compound
        // (3 quiet answers = 8x) and overshoot into the next dense stretch.
        blocks = Math.max(1, Math.min(Math.min(ideal, Math.max(blocks, rangeBlocks * 2)), max));
    }

    /** The node refused or timed out on a range of {@code rangeBlocks}. */
    public synchronized void shrink(long rangeBlocks) {
        blocks = Math.max(1, Math.min(blocks, rangeBlocks / 2));
    }
}
