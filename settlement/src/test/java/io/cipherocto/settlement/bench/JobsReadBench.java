package io.cipherocto.settlement.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.protocol.EpochJob;
import io.cipherocto.contracts.protocol.JobPage;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.epoch.EpochComputer;
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
 * The job set of a large committed epoch, as a verifier operator reads it: {@code GET /api/v1/epochs/{n}/jobs}, every
 * receipt with its inclusion proof. Fills one epoch with SQL ({@link BenchEpochs#fillPartition}), commits it as the
 * settler does (its receipts root read in batches, {@link EpochComputer#commitment}, stored in
 * settlement.epoch_commitments), then times the first page (which builds the epoch's tree from its receipts), the heap
 * that build peaks at and what stays held, and random pages afterwards; every proof of the pages read is checked
 * against the committed root. Run with {@code -Dbench.jobReads=N [-Dbench.jobReceipts=10000000]} and a heap limit in
 * {@code -DargLine}.
 */
final class JobsReadBench {
    private static final long EPOCH = 3_000_000;
    private static final int LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettlementRuntime runtime;
    private final Consumer<String> out;

    JobsReadBench(SettlementRuntime runtime, Consumer<String> out) {
        this.runtime = runtime;
        this.out = out;
    }

    void run(int receipts, int providers, int reads, int port) throws Exception {
        long t0 = System.nanoTime();
        BenchEpochs.fillPartition(runtime.pool(), EPOCH, receipts, providers, "1GB");
        runtime.pool().query("ANALYZE settlement.receipts").executeAndAwait();
        out.accept(String.format("jobs reads: epoch of %,d receipts from %,d providers filled in %.1f s; max heap %,d MiB",
                receipts, providers, (System.nanoTime() - t0) / 1e9, Runtime.getRuntime().maxMemory() >> 20));

        System.gc();
        SettlementBench.resetHeapPeak();
        long t1 = System.nanoTime();
        EpochComputer.Commitment c = new EpochComputer(runtime.receiptStore(), runtime.epochStore()).commitment(EPOCH);
        runtime.pool().preparedQuery("INSERT INTO settlement.epoch_commitments (epoch, receipts_root, receipt_count, data_hash, "
                + "requesters) VALUES ($1, $2, $3, $4, '{}'::jsonb)")
                .executeAndAwait(Tuple.of(EPOCH, c.rootHex(), (long) c.size(), "0x" + "0".repeat(64)));
        out.accept(String.format("  commitment (root of %,d receipts read in batches): %.2f s, heap peak %,d MiB", c.size(),
                (System.nanoTime() - t1) / 1e9, SettlementBench.heapPeakMiB()));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        System.gc();
        long before = usedAfterGc();
        SettlementBench.resetHeapPeak();
        long t2 = System.nanoTime();
        JobPage first = page(http, port, null);
        double firstSeconds = (System.nanoTime() - t2) / 1e9;
        long peak = SettlementBench.heapPeakMiB();
        check(first, c.rootHex());
        System.gc();
        out.accept(String.format("  first page of %d jobs (builds the epoch's tree): %.2f s, heap peak %,d MiB, held after GC "
                + "%,d MiB more than before", first.jobs().size(), firstSeconds, peak, (usedAfterGc() - before) >> 20));

        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 50; i++) { // JIT, not measured
            page(http, port, randomJobId(random));
        }
        long[] nanos = new long[reads];
        int proofs = 0;
        for (int i = 0; i < reads; i++) {
            String after = randomJobId(random);
            long t = System.nanoTime();
            JobPage p = page(http, port, after);
            nanos[i] = System.nanoTime() - t;
            if (i % 10 == 0) {
                proofs += check(p, c.rootHex());
            }
        }
        Arrays.sort(nanos);
        out.accept(String.format("  GET /epochs/{n}/jobs?limit=%d&after=<random job id>, %,d requests one at a time: p50 %.2f ms, "
                + "p95 %.2f ms, p99 %.2f ms, max %.2f ms; %,d proofs checked against the committed root", LIMIT, reads,
                
                BenchEpochs.percentileMs(nanos, 0.50), BenchEpochs.percentileMs(nanos, 0.95),
                BenchEpochs.percentileMs(nanos, 0.99), nanos[reads - 1] / 1e6, proofs + first.jobs().size()));
    }

    private static int check(JobPage page, String root) {
        if (!page.receiptsRoot().equals(root)) {
            throw new IllegalStateException("page root " + page.receiptsRoot() + ", committed " + root);
        }
        for (EpochJob j : page.jobs()) {
            if (!JobPage.verify(j, root)) {
                throw new IllegalStateException("the proof of job " + j.jobId() + " does not verify");
            }
        }
        return page.jobs().size();
    }

    private static String randomJobId(SplittableRandom random) {
        return String.format("0x%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong());
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static JobPage page(HttpClient http, int port, String after) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/epochs/" + EPOCH
                + "/jobs?limit=" + LIMIT + (after == null ? "" : "&after=" + after))).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readValue(r.body(), JobPage.class);
    }
}
