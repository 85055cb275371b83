package io.cipherocto.settlement.bench;

import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.epoch.EpochComputation;
import io.cipherocto.settlement.epoch.EpochComputer;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Issue #17's "Reads at scale": latency of each settlement read endpoint with 1,000,000 receipts from 100,000 providers
 * stored (run by settlement/tools/read-bench.sh, not by the build: the class name matches no surefire pattern).
 *
 * <p>Seeding (not measured): one epoch's receipts are filled with SQL (as {@link ProviderReadBench}: receipt i belongs
 * to provider {@code i % providers}), the epoch is settled by the real code ({@link EpochComputer#compute} and
 * {@link EpochStore#saveComputed}: samples, rewards rows, leaf indexes, the standard-v1 tree dump), then history is
 * made with SQL: the epoch's {@code settlement.epochs} row (tree included) is copied to {@code bench.historyEpochs}
 * older epochs, and its rewards and samples rows to {@code bench.rewardEpochs} older epochs. Then each endpoint is
 * requested over HTTP (java.net.http, one request at a time, random keys) {@code bench.reads} times or for
 * {@code bench.endpointSeconds}, whichever ends first, after {@code bench.warmup} unmeasured requests; p50/p95/p99/max
 * are printed. The heap after a full GC is printed before and after the request runs (MemoryMXBean).
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
class ReadApiBench {
    private static final long EPOCH = 3_000_000;

    @Inject
    SettlementRuntime runtime;

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    private synchronized void out(String line) {
        System.out.println("[bench] " + line);
        report.append(line).append('\n');
        try { // as it goes: a run that dies later keeps what it printed
            Files.createDirectories(Path.of("target/bench"));
            Files.writeString(Path.of("target/bench/read-api.txt"), report);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void bench() throws Exception {
        port = io.restassured.RestAssured.port;
        int receipts = Integer.getInteger("bench.receipts", 1_000_000);
        int providers = Integer.getInteger("bench.providers", 100_000);
        int historyEpochs = Integer.getInteger("bench.historyEpochs", 59);
        int rewardEpochs = Integer.getInteger("bench.rewardEpochs", 9);
        int reads = Integer.getInteger("bench.reads", 2_000);
        int warmup = Integer.getInteger("bench.warmup", 100);
        double seconds = Double.parseDouble(System.getProperty("bench.endpointSeconds", "60"));
        Pool pool = runtime.pool();
        out("cpus: " + Runtime.getRuntime().availableProcessors() + ", max heap: " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB");

        long t0 = System.nanoTime();
        BenchEpochs.fillPartition(pool, EPOCH, receipts, providers, "512MB");
        runtime.receiptStore().closeEpoch(EPOCH);
        out(String.format("seed: %,d receipts from %,d providers filled with SQL in %.1f s", receipts, providers,
                (System.nanoTime() - t0) / 1e9));
        long t1 = System.nanoTime();
        settle(EPOCH);
        out(String.format("seed: epoch %d settled by EpochComputer + EpochStore.saveComputed in %.1f s", EPOCH,
                (System.nanoTime() - t1) / 1e9));
        long t2 = System.nanoTime();
        history(pool, historyEpochs, rewardEpochs);
        out(String.format("seed: %d older epochs rows (tree included), %d of them with the rewards and samples rows, in %.1f s",
                historyEpochs, rewardEpochs, (System.nanoTime() - t2) / 1e9));
        pool.query("ANALYZE").executeAndAwait();
        Row sizes = pool.query("SELECT (SELECT count(*) FROM settlement.epochs), (SELECT count(*) FROM settlement.rewards), "
                + "(SELECT count(*) FROM settlement.rewards WHERE epoch = " + EPOCH + "), (SELECT count(*) FROM settlement.samples), "
                + "(SELECT count(*) FROM settlement.receipts), (SELECT octet_length(tree) FROM settlement.epochs WHERE epoch = "
                + EPOCH + "), pg_total_relation_size('settlement.epochs'), pg_total_relation_size('settlement.rewards')")
                .executeAndAwait().iterator().next();
        long treeBytes = sizes.getLong(5);
        out(String.format("stored: %,d epochs rows, %,d rewards rows (%,d in epoch %d), %,d samples, %,d receipts; one epoch's "
                + "tree dump %,d bytes; settlement.epochs %,d MB, settlement.rewards %,d MB", sizes.getLong(0), sizes.getLong(1),
                sizes.getLong(2), EPOCH, sizes.getLong(3), sizes.getLong(4), treeBytes, sizes.getLong(6) >> 20,
                sizes.getLong(7) >> 20));
        // reward rows in (earner, token) order: the keyset positions and the offset pages
        String[] keys = pool.preparedQuery("SELECT earner || ',' || token FROM settlement.rewards WHERE epoch = $1 ORDER BY earner, token")
                .executeAndAwait(io.vertx.mutiny.sqlclient.Tuple.of(EPOCH)).stream().map(r -> r.getString(0)).toArray(String[]::new);
        int pageSize = runtime.config().pageSize();
        long oldest = EPOCH - historyEpochs;
        int epochCount = historyEpochs + 1;

        out(String.format("heap after GC before the reads: %,d MB", heapAfterGc()));
        SplittableRandom random = new SplittableRandom(17);
        run("GET /epochs/{n}/rewards?after=<random earner,token>&limit=100 (" + keys.length + " rows)", reads, warmup, seconds,
                i -> "/api/v1/epochs/" + EPOCH + "/rewards?limit=100&after=" + keys[random.nextInt(keys.length)]);
        run("GET /epochs/{n}/rewards?page=<random> (offset, page size " + pageSize + ")", reads, warmup, seconds,
                i -> "/api/v1/epochs/" + EPOCH + "/rewards?page=" + random.nextInt(Math.max(1, keys.length / pageSize)));
        run("GET /rewards/{address}/epochs (" + (rewardEpochs + 1) + " epochs each)", reads, warmup, seconds,
                i -> "/api/v1/rewards/" + provider(random.nextInt(providers)) + "/epochs");
        run("GET /epochs/{n}/receipts?provider=&limit=100", reads, warmup, seconds,
                i -> "/api/v1/epochs/" + EPOCH + "/receipts?limit=100&provider=" + provider(random.nextInt(providers)));
        run("GET /attestations?provider=", reads, warmup, seconds,
                i -> "/api/v1/attestations?provider=" + provider(random.nextInt(providers)));
        run("GET /rewards/{address} (no root on the dev chain)", reads, warmup, seconds,
                i -> "/api/v1/rewards/" + provider(random.nextInt(providers)));
        run("GET /providers/{address} (no root on the dev chain)", Math.min(reads, 500), 20, seconds,
                i -> "/api/v1/providers/" + provider(random.nextInt(providers)));
        String root = runtime.epochStore().epoch(EPOCH).orElseThrow().root();
        int slot = activateRoot(EPOCH, root);
        out(String.format("the epoch's root %s set active in the RewardDistributor's storage (slots %d and %d, "
                + "anvil_setStorageAt): GET /rewards reads it from the chain as it would a submitted root", root, slot, slot + 1));
        long cold = System.nanoTime();
        get("/api/v1/rewards/" + provider(0));
        out(String.format("GET /rewards/{address}, first request with the root on chain (tree dump read and loaded): %.1f ms",
                (System.nanoTime() - cold) / 1e6));
        run("GET /rewards/{address} (root on chain: active root and claimed per token read on chain, leaf proofs)", reads, warmup,
                seconds, i -> "/api/v1/rewards/" + provider(random.nextInt(providers)));
        run("GET /providers/{address} (root on chain: claimable with proofs)", Math.min(reads, 500), 20, seconds,
                i -> "/api/v1/providers/" + provider(random.nextInt(providers)));
        out(String.format("heap after GC after the reads above: %,d MB", heapAfterGc()));
        // last: these read settlement.epochs rows, tree column included
        run("GET /epochs/{n} (random of " + epochCount + ")", reads, warmup, seconds, i -> "/api/v1/epochs/" + (oldest + random.nextInt(epochCount)));
        run("GET /epochs?before=<random>&limit=50", reads, warmup, seconds,
                i -> "/api/v1/epochs?limit=50&before=" + (oldest + 1 + random.nextInt(epochCount)));
        run("GET /epochs (offset page 0, page size " + pageSize + ")", reads, warmup, seconds, i -> "/api/v1/epochs");
        out(String.format("heap after GC after the reads: %,d MB (bounded caches: RewardQueries keeps at most 4 trees)",
                heapAfterGc()));
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/read-api.txt"), report);
    }

    /**
     * Makes {@code root} the RewardDistributor's active root for {@code epoch} on the dev chain without a settlement:
     * finds the storage slot of {@code _latest} (RootInfo: root, then epoch | activatesAt << 64 | disabled << 112 packed
     * in the next slot) by writing the root into each slot in turn until {@code latestRoot()} shows it, then writes the
     * packed word with activatesAt = 1 (active since 1970). Returns the slot.
     */
    private int activateRoot(long epoch, String root) throws Exception {
        var chain = runtime.chain();
        var web3j = chain.web3j();
        String distributor = chain.manifest().address(io.cipherocto.contracts.deploy.DeploymentManifest.REWARDS);
        for (int slot = 0; slot < 64; slot++) {
            String key = String.format("0x%064x", slot);
            String old = web3j.ethGetStorageAt(distributor, BigInteger.valueOf(slot),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getData();
            setStorage(web3j, distributor, key, root);
            if (chain.latestRoot().root().equals(root)) {
                BigInteger packed = BigInteger.valueOf(epoch).or(BigInteger.ONE.shiftLeft(64));
                setStorage(web3j, distributor, String.format("0x%064x", slot + 1), String.format("0x%064x", packed));
                var active = chain.activeRoot();
                if (!active.root().equals(root) || active.epoch() != epoch) {
                    throw new IllegalStateException("root not active after the write: " + active);
                }
                return slot;
            }
            setStorage(web3j, distributor, key, String.format("0x%064x", new BigInteger(old.substring(2).isEmpty() ? "0"
                    : old.substring(2), 16)));
        }
        throw new IllegalStateException("no storage slot of the RewardDistributor holds latestRoot().root");
    }

    private static void setStorage(org.web3j.protocol.Web3j web3j, String contract, String slot, String value) {
        var r = io.cipherocto.settlement.support.SettlementTestEnvironment.anvil.call("anvil_setStorageAt",
                java.util.List.of(contract, slot, value));
        if (r.hasError()) {
            throw new IllegalStateException("anvil_setStorageAt: " + r.getError().getMessage());
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    /** Warm-up requests, then up to {@code reads} requests or {@code seconds}; prints the percentiles. */
    private void run(String name, int reads, int warmup, double seconds, IntFunction<String> path) {
        try {
            long warmEnd = System.nanoTime() + (long) (seconds * 1e8); // warm-up: at most a tenth of the run's time
            for (int i = 0; i < warmup && System.nanoTime() < warmEnd; i++) {
                get(path.apply(i));
            }
            double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            long[] nanos = new long[reads];
            long bytes = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            int n = 0;
            while (n < reads && System.nanoTime() < end) {
                String p = path.apply(n);
                long t = System.nanoTime();
                bytes += get(p);
                nanos[n++] = System.nanoTime() - t;
            }
            long[] done = Arrays.copyOf(nanos, n);
            Arrays.sort(done);
            out(String.format("%s: %,d requests (load average %.2f before, %,d bytes/answer): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
                    + "max %.2f ms", name, n, load, bytes / Math.max(1, n),
                    BenchEpochs.percentileMs(done, 0.50), BenchEpochs.percentileMs(done, 0.95), BenchEpochs.percentileMs(done, 0.99),
                    done[n - 1] / 1e6));
        } catch (Exception e) {
            out(name + ": NOT MEASURED: " + e);
        }
    }

    private long get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body().length();
    }

    private static String provider(int p) {
        return String.format("0x%040x", 0x100000 + p);
    }

    /** As SettlementBench.settleBench: 8 roles with a token each, 1 % sampled, no verdicts. */
    private void settle(long epoch) {
        RewardParams params = BenchEpochs.params();
        EpochStore epochs = runtime.epochStore();
        EpochComputation c = new EpochComputer(runtime.receiptStore(), epochs).compute(epoch, 0, Hex.decode(Actors.word(0x5eed)),
                new BigInteger("10000000000000000"), params, Map.<String, Verdict>of(), p -> false, (phase, nanos) -> { });
        epochs.saveComputed(c);
    }

    /** Older epochs: copies of the settled epoch's row (tree included), rewards and samples. */
    private static void history(Pool pool, int historyEpochs, int rewardEpochs) {
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            conn.query("INSERT INTO settlement.epochs (epoch, status, closing_block, seed, sampling_rate_wad, params, receipt_count, "
                    + "sample_count, attested_pass, attested_fail, unattested, forfeited, totals, root, tree, computed_at) "
                    + "SELECT " + EPOCH + " - k, status, closing_block, seed, sampling_rate_wad, params, receipt_count, sample_count, "
                    + "attested_pass, attested_fail, unattested, forfeited, totals, root, tree, computed_at "
                    + "FROM settlement.epochs, generate_series(1, " + historyEpochs + ") AS k WHERE epoch = " + EPOCH)
                    .executeAndAwait();
            conn.query("INSERT INTO settlement.rewards (epoch, earner, token, kind, amount, cumulative, leaf_index) "
                    + "SELECT " + EPOCH + " - k, earner, token, kind, amount, cumulative, leaf_index "
                    + "FROM settlement.rewards, generate_series(1, " + rewardEpochs + ") AS k WHERE epoch = " + EPOCH)
                    .executeAndAwait();
            conn.query("INSERT INTO settlement.samples (epoch, job_id, provider, verdict) SELECT " + EPOCH + " - k, job_id, "
                    + "provider, verdict FROM settlement.samples, generate_series(1, " + rewardEpochs + ") AS k WHERE epoch = "
                    + EPOCH).executeAndAwait();
        } finally {
            conn.closeAndAwait();
        }
    }

}
