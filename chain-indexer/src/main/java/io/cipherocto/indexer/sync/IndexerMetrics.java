package io.cipherocto.indexer.sync;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The indexer's meters (Prometheus names in brackets): chain head [octo_indexer_chain_head], indexed block
 * [octo_indexer_indexed_block], lag [octo_indexer_lag_blocks], events [octo_indexer_events_total; events/s is its
 * rate], reorgs [octo_indexer_reorgs_total], RPC errors [octo_indexer_rpc_errors_total], batch sizes
 * [octo_indexer_batch_events, octo_indexer_batch_blocks], logs not decoded [octo_indexer_skipped_logs_total].
 */
public final class IndexerMetrics {
    private final AtomicLong head = new AtomicLong(-1);
    private final AtomicLong indexed = new AtomicLong(-1);
    private final AtomicLong waited = new AtomicLong();
    private final Counter events;
    private final Counter reorgs;
    private final Counter rpcErrors;
    private final Counter unknown;
    private final Counter undecodable;
    private final DistributionSummary batchEvents;
    private final DistributionSummary batchBlocks;
    private final io.micrometer.core.instrument.Timer fetch;
    private final io.micrometer.core.instrument.Timer write;

    public IndexerMetrics(MeterRegistry registry) {
        Gauge.builder("octo.indexer.chain.head", head, AtomicLong::get).description("latest block of the chain").register(registry);
        Gauge.builder("octo.indexer.indexed.block", indexed, AtomicLong::get).description("checkpoint block").register(registry);
        Gauge.builder("octo.indexer.lag.blocks", this, m -> Math.max(0, m.head.get() - m.indexed.get()))
                .description("blocks behind the head").register(registry);
        events = Counter.builder("octo.indexer.events").description("events written").register(registry);
        reorgs = Counter.builder("octo.indexer.reorgs").description("reorgs undone").register(registry);
        rpcErrors = Counter.builder("octo.indexer.rpc.errors").description("failed JSON-RPC calls").register(registry);
        unknown = Counter.builder("octo.indexer.skipped.logs").tag("reason", "unknown_event").register(registry);
        undecodable = Counter.builder("octo.indexer.skipped.logs").tag("reason", "undecodable").register(registry);
        batchEvents = DistributionSummary.builder("octo.indexer.batch.events").register(registry);
        batchBlocks = DistributionSummary.builder("octo.indexer.batch.blocks").register(registry);
        fetch = io.micrometer.core.instrument.Timer.builder("octo.indexer.fetch").description("eth_getLogs + decode per range")
                .register(registry);
        write = io.micrometer.core.instrument.Timer.builder("octo.indexer.write").description("one batch's transaction")
                .register(registry);
    }

    void head(long h) {
        head.set(h);
    }

    void indexed(long b) {
        indexed.set(b);
    }

    void batch(long blocks, int n) {
        events.increment(n);
        batchEvents.record(n);
        batchBlocks.record(blocks);
    }

    void fetched(long nanos) {
        fetch.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void waited(long nanos) {
        waited.addAndGet(nanos);
    }

    void written(long nanos) {
        write.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * Seconds spent fetching+decoding (summed over the prefetch threads), the writer's wait for fetched ranges, and
     * writing.
     */
    public String timings() {
        return String.format("fetch+decode %.2f s in %d ranges, writer waited %.2f s, write %.2f s in %d batches",
                fetch.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) / 1e3, fetch.count(), waited.get() / 1e9,
                write.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS) / 1e3, write.count());
    }

    void reorg() {
        reorgs.increment();
    }

    void rpcError() {
        rpcErrors.increment();
    }

    void unknownLog() {
        unknown.increment();
    }

    void undecodableLog() {
        undecodable.increment();
    }

    public long head() {
        return head.get();
    }

    public long indexed() {
        return indexed.get();
    }

    public double reorgs() {
        return reorgs.count();
    }

    public double events() {
        return events.count();
    }
}
