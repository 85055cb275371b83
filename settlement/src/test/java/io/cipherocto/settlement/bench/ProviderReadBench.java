package io.cipherocto.settlement.bench;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Issue #15's read target, "GET of one provider's receipts in an epoch: p99 <= 50 ms" at 100M stored receipts. Fills
 * {@code settlement.receipts} with SQL (generate_series; random-looking hex job ids, hashes and signatures, so the
 * rows, the keys' order and the indexes are the sizes and shapes of real ones; receipt i of an epoch belongs to provider
 * {@code i % providers}, so a provider's receipts are spread over the whole partition as arrival order spreads them),
 * then issues GET /api/v1/epochs/{n}/receipts?provider=&limit=100 (a first page) for random epochs and providers over
 * HTTP, one at a time, and prints latency percentiles. Each epoch's partition is filled as a plain table and then
 * attached, so its indexes are built once, sorted, instead of row by row (the fill is not what is measured). The
 * table's size per million receipts is printed, for extrapolating.
 *
 * <p>Two options stand in for what a 100M-receipt store adds that this machine's disk cannot hold (100 epochs of 1M
 * receipts take about 108 GB): {@code -Dbench.readExtraEpochs=N} attaches N more partitions of
 * {@code -Dbench.readExtraPerEpoch} receipts (default 10,000), so the planner prunes among as many partitions as such a
 * store has (the GETs read only the full epochs); {@code -Dbench.readCold=true} empties the OS page cache and
 * PostgreSQL's shared buffers after the warm-up, so the measured GETs read the heap and index pages from disk, as
 * requests for epochs that are not hot do when the table is several times the RAM.
 */
final class ProviderReadBench {
    private static final long FIRST_EPOCH = 2_000_000;
    private static final int WARMUP = 200;

    private final Pool pool;
    private final Consumer<String> out;

    ProviderReadBench(Pool pool, Consumer<String> out) {
        this.pool = pool;
        this.out = out;
    }

    void run(int receipts, int epochs, int providers, int reads, int port) throws Exception {
        int perEpoch = receipts / epochs;
        int extraEpochs = Integer.getInteger("bench.readExtraEpochs", 0);
        int extraPerEpoch = Integer.getInteger("bench.readExtraPerEpoch", 10_000);
        boolean cold = Boolean.getBoolean("bench.readCold");
        long t0 = System.nanoTime();
        for (int k = 0; k < epochs; k++) {
            long t = System.nanoTime();
            fill(FIRST_EPOCH + k, perEpoch, providers);
            out.accept(String.format("  epoch %d: %,d receipts filled and attached in %.1f s", FIRST_EPOCH + k, perEpoch,
                    (System.nanoTime() - t) / 1e9));
        }
        for (int k = 0; k < extraEpochs; k++) { // only for the planner's partition count: never read below
            fill(FIRST_EPOCH + epochs + k, extraPerEpoch, providers);
        }
        if (extraEpochs > 0) {
            out.accept(String.format("  %d more partitions of %,d receipts attached (%d partitions in all)", extraEpochs,
                    extraPerEpoch, epochs + extraEpochs));
        }
        double fill = (System.nanoTime() - t0) / 1e9;
        pool.query("ANALYZE settlement.receipts").executeAndAwait();
        Row size = pool.query("SELECT sum(pg_relation_size(c.oid)), sum(pg_indexes_size(c.oid)), sum(pg_total_relation_size(c.oid)) "
                + "FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'settlement.receipts'::regclass")
                .executeAndAwait().iterator().next();
        long total = (long) perEpoch * epochs + (long) extraPerEpoch * extraEpochs;
        double millions = total / 1e6;
        out.accept(String.format("provider reads: %,d receipts in %d epochs (%,d per epoch), %,d providers (%,d receipts per "
                + "provider and epoch); filled in %.0f s", total, epochs, perEpoch, providers, perEpoch / providers, fill));
        out.accept(String.format("  size: heap %.2f GB, indexes %.2f GB, total %.2f GB; per million receipts: heap %.0f MB, "
                + "indexes %.0f MB, total %.0f MB", gb(size.getLong(0)), gb(size.getLong(1)), gb(size.getLong(2)),
                size.getLong(0) / millions / 1e6, size.getLong(1) / millions / 1e6, size.getLong(2) / millions / 1e6));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < WARMUP; i++) { // JIT and connections, not measured
            get(http, port, FIRST_EPOCH + random.nextInt(epochs), random.nextInt(providers));
        }
        if (cold) {
            dropCaches();
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long[] nanos = new long[reads];
        long rows = 0;
        for (int i = 0; i < reads; i++) {
            long epoch = FIRST_EPOCH + random.nextInt(epochs);
            int provider = random.nextInt(providers);
            long t = System.nanoTime();
            String body = get(http, port, epoch, provider);
            nanos[i] = System.nanoTime() - t;
            rows += body.split("\"jobId\"", -1).length - 1;
        }
        Arrays.sort(nanos);
        out.accept(String.format("  GET /epochs/{n}/receipts?provider=&limit=100, %,d requests one at a time (%.1f receipts "
                + "each), %s, load average %.2f before: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", reads,
                (double) rows / reads, cold ? "caches emptied after the warm-up" : "caches warm", load, 
                BenchEpochs.percentileMs(nanos, 0.50), BenchEpochs.percentileMs(nanos, 0.95),
                BenchEpochs.percentileMs(nanos, 0.99), nanos[reads - 1] / 1e6));
        for (Row r : pool.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) " + io.cipherocto.settlement.api.ReceiptQueries.PROVIDER_PAGE)
                .executeAndAwait(Tuple.of(FIRST_EPOCH + epochs / 2, provider(providers - 1), "", 100))) {
            out.accept("  plan: " + r.getString(0));
        }
    }

    /**
     * Empties PostgreSQL's shared buffers (pg_buffercache_evict, PostgreSQL 17) and then the OS page cache (needs root:
     * /proc/sys/vm/drop_caches), so the next reads come from disk. Refuses to go on if either cannot be done: a "cold"
     * figure from warm caches would be wrong.
     */
    private void dropCaches() throws Exception {
        pool.query("CREATE EXTENSION IF NOT EXISTS pg_buffercache").executeAndAwait();
        Row evicted = pool.query("SELECT count(*) FILTER (WHERE pg_buffercache_evict(bufferid)), count(*) FROM pg_buffercache "
                + "WHERE relfilenode IS NOT NULL").executeAndAwait().iterator().next();
        Process sync = new ProcessBuilder("sync").inheritIO().start();
        if (sync.waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/sys/vm/drop_caches"), "3");
        out.accept(String.format("  caches emptied: %,d of %,d used shared buffers evicted, OS page cache dropped",
                evicted.getLong(0), evicted.getLong(1)));
    }

    private static double gb(long bytes) {
        return bytes / 1e9;
    }

    private static String provider(int p) {
        return String.format("0x%040x", 0x100000 + p);
    }

    private static String get(HttpClient http, int port, long epoch, int provider) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/epochs/" + epoch
                + "/receipts?limit=100&provider=" + provider(provider))).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private void fill(long epoch, int n, int providers) {
        BenchEpochs.fillPartition(pool, epoch, n, providers, "1GB");
    }
}
