package io.cipherocto.settlement.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.epoch.EpochComputation;
import io.cipherocto.settlement.epoch.EpochComputer;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * Benchmarks (run by settlement/tools/bench.sh, not by the build: the class name matches no surefire pattern).
 * 1. Receipts validated and stored per second through POST /api/v1/receipts (batches of 1,000 and 10,000, signed by
 * eight providers and one requester). 2. Settlement of one epoch of 100,000 receipts from the database: first the
 * commitment (receipts root, requester fees, data hash), then sample set, rewards, cumulative tree, every leaf's
 * proof, and storing the result, each with the heap high-water mark (sum of the heap pools' peaks). 3. With {@code -Dbench.single}: batches of
 * 10,000 single-signed receipts from two clients at once ({@link #singleBench}). 4. With {@code -Dbench.envelopes} or
 * {@code -Dbench.envelopesOnly}: batch-signed envelopes ({@link #envelopeBench}). Add {@code -Docto.db.fsync=true} for
 * figures with receipts durable before the answer. Numbers go to stdout and target/bench/settlement.txt. With {@code -Dbench.providerReads=N} instead: {@link ProviderReadBench}, the latency of
 * GET /api/v1/epochs/{n}/receipts?provider= over a table filled with SQL.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
class SettlementBench {
    @Inject
    SettlementRuntime runtime;

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final StringBuilder report = new StringBuilder();

    private synchronized void out(String line) {
        System.out.println("[bench] " + line);
        report.append(line).append('\n');
    }

    @Test
    void bench() throws Exception {
        int jobReads = Integer.getInteger("bench.jobReads", 0);
        if (jobReads > 0) {
            new JobsReadBench(runtime, this::out).run(Integer.getInteger("bench.jobReceipts", 1_000_000),
                    Integer.getInteger("bench.jobProviders", 100_000), jobReads, io.restassured.RestAssured.port);
            writeReport();
            return;
        }
        int providerReads = Integer.getInteger("bench.providerReads", 0);
        if (providerReads > 0) {
            new ProviderReadBench(runtime.pool(), this::out).run(Integer.getInteger("bench.readReceipts", 1_000_000),
                    Integer.getInteger("bench.readEpochs", 10), Integer.getInteger("bench.readProviders", 1_000), providerReads,
                    io.restassured.RestAssured.port);
            writeReport();
            return;
        }
        Actors actors = new Actors(SettlementTestEnvironment.anvil, SettlementTestEnvironment.manifest);
        Eip712Domain domain = actors.domain();
        List<Credentials> providers = IntStream.range(1, 9).mapToObj(DevAccounts::get).toList();
        Credentials requester = DevAccounts.get(9);
        for (Credentials p : providers) {
            actors.stakeProvider(p, 0);
        }
        actors.deposit(requester, Actors.octo(1_000_000));
        long e = actors.openEpoch(5, false);
        out("signature recovery: " + SignatureRecoveries.best().name() + ", cpus: " + Runtime.getRuntime().availableProcessors()
                + ", max heap: " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        long job = 0;
        boolean envelopesOnly = Boolean.getBoolean("bench.envelopesOnly");
        int[][] plan = Boolean.getBoolean("bench.epochOnly") || envelopesOnly ? new int[0][] : new int[][] {{1_000, 5}, {10_000, 2}};
        for (int[] p : plan) {
            int size = p[0];
            for (int round = 0; round < p[1]; round++) {
                List<Map<String, Object>> batch = sign(e, job, size, providers, requester, domain);
                job += size;
                byte[] body = JSON.writeValueAsBytes(Map.of("receipts", batch)); // client-side JSON is not timed
                long t0 = System.nanoTime();
                int accepted = given().contentType(ContentType.JSON).body(body).post("/api/v1/receipts")
                        .then().statusCode(200).extract().path("accepted");
                double s = (System.nanoTime() - t0) / 1e9;
                assertThat(accepted).isEqualTo(size);
                out(String.format("POST /receipts batch %,d (%,d bytes): %.3f s, %,.0f receipts/s", size, body.length, s, size / s));
            }
        }
        if (Boolean.getBoolean("bench.single")) {
            singleBench(e, providers, requester, domain);
        }
        if (envelopesOnly || Boolean.getBoolean("bench.envelopes")) {
            envelopeBench(e, providers, requester, domain);
        }
        if (!Boolean.getBoolean("bench.receiptsOnly") && !envelopesOnly) {
            int warmup = Integer.getInteger("bench.warmupReceipts", 0);
            if (warmup > 0) {
                // A running settlement service has closed epochs before: settle a smaller, earlier epoch first (its
                // JIT, and the previous cumulative amounts the measured epoch then builds on, as in production).
                out("warm-up epoch (a service that has settled before), not the measurement:");
                settleBench(warmup, Math.min(1_000, Integer.getInteger("bench.epochProviders", 1_000)), 999_000, 0xd0000000L);
                out("measured epoch:");
            }
            settleBench(Integer.getInteger("bench.epochReceipts", 100_000), Integer.getInteger("bench.epochProviders", 1_000),
                    1_000_000, 0xc0000000L);
        }
        writeReport();
    }

    static void resetHeapPeak() {
        java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since {@link #resetHeapPeak} (includes garbage not yet collected). */
    static long heapPeakMiB() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private void writeReport() throws IOException {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("settlement.txt"), report.toString());
    }

    /**
     * Batch-signed receipts through POST /api/v1/receipts/envelopes: {@code bench.envelopeRequests} requests (default
     * 12) of {@code bench.envelopesPerRequest} envelopes (default 4, one provider each) of {@code bench.envelopeReceipts}
     * receipts (default 8,000), sent by {@code bench.envelopeClients} client threads at once (default 2), with
     * java.net.http (less client CPU than rest-assured; the client shares the JVM and the 2 cores with the server).
     * The bodies are built and signed before the clock starts. The first two requests warm up and are not counted.
     */
    private void envelopeBench(long epoch, List<Credentials> providers, Credentials requester, Eip712Domain domain)
            throws Exception {
        int perEnvelope = Integer.getInteger("bench.envelopeReceipts", 8_000);
        int perRequest = Integer.getInteger("bench.envelopesPerRequest", 4);
        int requests = Integer.getInteger("bench.envelopeRequests", 12);
        int clients = Integer.getInteger("bench.envelopeClients", 2);
        int warm = 2;
        List<byte[]> bodies = new ArrayList<>();
        long job = 0xe0000000L;
        for (int q = 0; q < requests + warm; q++) {
            List<Map<String, Object>> envelopes = new ArrayList<>();
            for (int k = 0; k < perRequest; k++) {
                Credentials p = providers.get((q * perRequest + k) % providers.size());
                long first = job;
                List<JobReceipt> rs = IntStream.range(0, perEnvelope).parallel().mapToObj(i -> Actors.receipt(
                        Actors.word(first + i), epoch, requester, p, 0, BigInteger.valueOf(100 + i % 900), BigInteger.ONE)).toList();
                job += perEnvelope;
                envelopes.add(Actors.envelope(rs, domain, p, requester, java.util.Optional.empty()));
            }
            bodies.add(JSON.writeValueAsBytes(Map.of("envelopes", envelopes)));
        }
        var http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/receipts/envelopes");
        out(String.format("POST /receipts/envelopes: %d requests of %d envelopes x %,d receipts (%,d bytes each), %d clients, "
                + "PostgreSQL fsync %s", requests, perRequest, perEnvelope, bodies.get(warm).length, clients, fsync()));
        long accepted = postAll("/api/v1/receipts/envelopes", bodies, warm, clients);
        assertThat(accepted).isEqualTo((long) requests * perRequest * perEnvelope);
    }

    private static String fsync() {
        return Boolean.getBoolean("octo.db.fsync") ? "on" : "off (add -Docto.db.fsync=true)";
    }

    /**
     * POSTs {@code bodies} with java.net.http (less client CPU than rest-assured, whose JSON path over a 10,000-result
     * answer cost more than the server's work): the first {@code warm} one by one and not counted, the rest by
     * {@code clients} threads at once. Prints each request and the total rate; returns the receipts accepted in the
     * counted part.
     */
    private long postAll(String path, List<byte[]> bodies, int warm, int clients) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        java.net.URI uri = java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + path);
        java.util.function.IntFunction<Integer> send = i -> {
            try {
                var res = http.send(java.net.http.HttpRequest.newBuilder(uri).header("content-type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + res.statusCode() + ": " + new String(res.body()));
                }
                return JSON.readTree(res.body()).get("accepted").asInt();
            } catch (IOException | InterruptedException x) {
                throw new IllegalStateException(x);
            }
        };
        for (int i = 0; i < warm; i++) {
            long ts = System.nanoTime();
            int a = send.apply(i);
            out(String.format("  warm-up request %d: %,d accepted in %.3f s", i, a, (System.nanoTime() - ts) / 1e9));
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(warm);
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        var cpu = CpuSplit.start();
        long t0 = System.nanoTime();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
            List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                        long ts = System.nanoTime();
                        int a = send.apply(i);
                        accepted.addAndGet(a);
                        out(String.format("  request %d: %,d accepted in %.3f s", i, a, (System.nanoTime() - ts) / 1e9));
                    }
                    return null;
                }));
            }
            for (var f : fs) {
                f.get();
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        out(String.format("%s total: %,d receipts in %.2f s: %,.0f receipts/s", path, accepted.get(), s, accepted.get() / s));
        cpu.ifPresent(c -> out("  " + c.finish()));
        return accepted.get();
    }

    /**
     * Single-signed receipts through POST /api/v1/receipts at the production limit, as {@link #postAll} sends them:
     * {@code bench.singleRequests} batches (default 8) of {@code bench.singleBatch} receipts (default 10,000), two
     * warm-up batches first, {@code bench.envelopeClients} clients.
     */
    private void singleBench(long epoch, List<Credentials> providers, Credentials requester, Eip712Domain domain)
            throws Exception {
        int size = Integer.getInteger("bench.singleBatch", 10_000);
        int requests = Integer.getInteger("bench.singleRequests", 8);
        int clients = Integer.getInteger("bench.envelopeClients", 2);
        List<byte[]> bodies = new ArrayList<>();
        long job = 0xf0000000L;
        for (int q = 0; q < requests + 2; q++) {
            bodies.add(JSON.writeValueAsBytes(Map.of("receipts", sign(epoch, job, size, providers, requester, domain))));
            job += size;
        }
        out(String.format("POST /receipts: %d requests of %,d single-signed receipts (%,d bytes each), %d clients, "
                + "PostgreSQL fsync %s", requests, size, bodies.get(2).length, clients, fsync()));
        assertThat(postAll("/api/v1/receipts", bodies, 2, clients)).isEqualTo((long) requests * size);
    }

    private static List<Map<String, Object>> sign(long epoch, long firstJob, int n, List<Credentials> providers,
            Credentials requester, Eip712Domain domain) {
        return IntStream.range(0, n).parallel().mapToObj(i -> {
            Credentials p = providers.get(i % providers.size());
            JobReceipt r = Actors.receipt(Actors.word(0xb0000000L + firstJob + i), epoch, requester, p, 0,
                    BigInteger.valueOf(100 + i % 900), BigInteger.ONE);
            return Actors.signed(r, domain, p, requester);
        }).toList();
    }

    /**
     * One epoch of {@code n} receipts ({@code providerCount} providers, 100 requesters, 8 roles) stored directly, then
     * settled from the database, each phase timed.
     */
    /** {@code epoch}: far from the chain's epochs (nothing here touches the chain); {@code jobBase}: first job id. */
    private void settleBench(int n, int providerCount, long epoch, long jobBase) throws IOException {
        ReceiptStore store = runtime.receiptStore();
        String[] providerIds = new String[providerCount];
        for (int p = 0; p < providerCount; p++) {
            providerIds[p] = String.format("0x%040x", 0x100000 + p);
        }
        String[] requesterIds = new String[100];
        for (int q = 0; q < 100; q++) {
            requesterIds[q] = String.format("0x%040x", 0x200000 + q);
        }
        long t0 = System.nanoTime();
        for (int from = 0; from < n; from += 10_000) {
            List<SignedReceipt> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 10_000); i++) {
                String provider = providerIds[i % providerCount];
                String requester = requesterIds[i % 100];
                JobReceipt r = new JobReceipt(Actors.word(jobBase + i), epoch, requester, provider, i % 8, Actors.word(1),
                        Actors.word(2), Actors.word(3), BigInteger.valueOf(100 + i % 1000),
                        BigInteger.valueOf(1_000_000_000_000L + i));
                chunk.add(new SignedReceipt(r, "0x00", "0x00", Actors.word(i)));
            }
            List<ReceiptCode> codes = store.store(chunk, q -> BigInteger.TEN.pow(30), 0);
            assertThat(codes).containsOnly(ReceiptCode.ACCEPTED);
        }
        out(String.format("store %,d receipts (no signatures, 10,000 per transaction): %.2f s", n, (System.nanoTime() - t0) / 1e9));
        store.closeEpoch(epoch); // as the settlement worker does before it reads the epoch (not timed)

        RewardParams params = BenchEpochs.params();
        EpochStore epochs = runtime.epochStore();
        EpochComputer computer = new EpochComputer(store, epochs);
        byte[] seed = Hex.decode(Actors.word(0x5eed));
        BigInteger rate = new BigInteger("10000000000000000"); // 1% sampled
        if (Boolean.getBoolean("bench.explain")) { // diagnostics, before the timed part: the read's plan and settings
            var pool = epochs.pool();
            for (var row : pool.query("SELECT current_setting('work_mem') || ' ' || datcollate FROM pg_database "
                    + "WHERE datname = current_database()").executeAndAwait()) {
                out("  work_mem, collation: " + row.getString(0));
            }
            for (var row : pool.preparedQuery("EXPLAIN SELECT job_id, epoch, requester, provider, role, work_units::text, "
                    + "fee::text FROM settlement.receipts WHERE epoch = $1")
                    .executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(epoch))) {
                out("  plan: " + row.getString(0));
            }
        }
        System.gc();
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // The commitment, as the settler makes it before the seed: receipts root and count, requester fees, data hash.
        resetHeapPeak();
        long c0 = System.nanoTime();
        EpochComputer.Commitment commitment = computer.commitment(epoch);
        long c1 = System.nanoTime();
        byte[] dataHash = computer.dataHash(epoch);
        long c2 = System.nanoTime();
        out(String.format("commit epoch of %,d receipts: receipts root %s (%,d leaves) in %.2f s, data hash in %.2f s, total "
                + "%.2f s; heap high-water %,d MiB (max heap %,d MiB)", n, commitment.rootHex(), commitment.size(),
                (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c2 - c0) / 1e9, heapPeakMiB(), Runtime.getRuntime().maxMemory() >> 20));
        assertThat(dataHash).hasSize(32);
        commitment = null;
        System.gc();
        resetHeapPeak();
        Map<String, Long> phases = new java.util.LinkedHashMap<>();
        long t1 = System.nanoTime();
        EpochComputation c = computer.compute(epoch, 0, seed, rate, params, Map.<String, Verdict>of(), p -> false, phases::put);
        long t2 = System.nanoTime();
        int leaves = c.tree().tree().size();
        for (int i = 0; i < leaves; i++) {
            c.tree().tree().proof(i);
        }
        long t3 = System.nanoTime();
        Map<String, Long> storeSteps = new java.util.LinkedHashMap<>();
        epochs.saveComputed(c, storeSteps::put);
        long t4 = System.nanoTime();
        phases.put("all proofs", t3 - t2);
        phases.put("store result", t4 - t3);
        phases.putAll(storeSteps);
        out(String.format("settle epoch of %,d receipts from %,d providers (%,d sampled, tree of %,d leaves), load average %.2f "
                + "before:", n, providerCount, c.samples().size(), leaves, load));
        phases.forEach((phase, nanos) -> out(String.format("  %-28s %6.2f s", phase, nanos / 1e9)));
        out(String.format("  %-28s %6.2f s", "total", (t4 - t1) / 1e9));
        out(String.format("  heap high-water during the close: %,d MiB (max heap %,d MiB)", heapPeakMiB(),
                Runtime.getRuntime().maxMemory() >> 20));
        if (Boolean.getBoolean("bench.explain")) { // diagnostics after the timed part: PostgreSQL's own time
            var pool = epochs.pool();
            for (var row : pool.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) SELECT job_id, epoch, requester, provider, role, "
                    + "work_units::text, fee::text FROM settlement.receipts WHERE epoch = $1")
                    .executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(epoch))) {
                out("  read again: " + row.getString(0));
            }
            var conn = pool.getConnectionAndAwait();
            var tx = conn.beginAndAwait();
            for (var row : conn.preparedQuery("EXPLAIN (ANALYZE, BUFFERS) INSERT INTO settlement.rewards (epoch, earner, token, "
                    + "kind, amount, cumulative, leaf_index) SELECT epoch + 1, earner, token, kind, amount, cumulative, leaf_index "
                    + "FROM settlement.rewards WHERE epoch = $1").executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(epoch))) {
                out("  rewards again: " + row.getString(0));
            }
            tx.rollbackAndAwait();
            conn.closeAndAwait();
        }
        // Fingerprints of the results, to compare runs of the same parameters before and after a change.
        out(String.format("  root %s, samples hash %08x, requester fees hash %08x, debited %s", c.tree().tree().rootHex(),
                c.samples().stream().map(x -> x.jobId() + x.provider() + x.verdict().name()).toList().hashCode(),
                c.rewards().requesterFees().hashCode(), c.rewards().debited()));
    }
}
