package io.cipherocto.governance.bench;

import io.cipherocto.governance.DevChain;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.GovernanceTestEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Issue #17's "Reads at scale", governance side: the proposal list and detail and the member profile with
 * {@code octo.bench.proposals} (10,000) proposals stored. Run by governance/tools/read-bench.sh only
 * (-Docto.bench=true; the class name matches no surefire pattern either).
 *
 * <p>Seeding (not measured): ProposalCreated rows written with SQL straight into the chain-indexer's table
 * {@code indexer.octo_governor_proposal_created} (one per block, each with its own snapshot timestamp in the past, so
 * each has a quorum read of its own the first time; the newest {@code octo.bench.active} are Active), and VoteCast rows
 * ({@code octo.bench.votes}, voters among {@code octo.bench.voters} addresses) into {@code indexer.octo_governor_vote_cast}.
 * A few real proposals are made on the dev chain for GET /proposals/{id} (which asks the governor). Then each endpoint
 * is requested over HTTP, one request at a time, random keys; p50/p95/p99/max printed. The list is timed cold (every
 * snapshot's quorum not cached yet: a walk of keyset pages over all proposals) and warm (after that walk).
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@WithTestResource(GovernanceTestEnvironment.class)
@EnabledIfSystemProperty(named = "octo.bench", matches = "true")
class ProposalReadBench {
    private static final long FIRST_BLOCK = 1_000_000;
    private static final BigInteger ID_BASE = BigInteger.TEN.pow(30);
    private static final Pattern CURSOR = Pattern.compile("\"next\":\"([0-9]+-[0-9]+)\"");

    @Inject
    GovernanceRuntime runtime;

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    private synchronized void out(String line) {
        System.out.println("[bench] " + line);
        report.append(line).append('\n');
    }

    @Test
    void bench() throws Exception {
        port = io.restassured.RestAssured.port;
        int proposals = Integer.getInteger("octo.bench.proposals", 10_000);
        int active = Integer.getInteger("octo.bench.active", 100);
        int votes = Integer.getInteger("octo.bench.votes", 50_000);
        int voters = Integer.getInteger("octo.bench.voters", 1_000);
        int reads = Integer.getInteger("octo.bench.reads", 2_000);
        int warmup = Integer.getInteger("octo.bench.warmup", 100);
        double seconds = Double.parseDouble(System.getProperty("octo.bench.endpoint-seconds", "60"));
        out("cpus: " + Runtime.getRuntime().availableProcessors() + ", max heap: " + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MiB");
        DevChain chain = DevChain.fromConfig();
        List<BigInteger> real = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            real.add(chain.propose(chain.newAccount(), "read bench " + i));
        }
        long now = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp()
                .longValueExact();
        long t0 = System.nanoTime();
        seed(runtime.pool(), proposals, active, votes, voters, now);
        out(String.format("seed: %,d ProposalCreated rows (%,d Active), %,d VoteCast rows from %,d voters, in %.1f s; 5 proposals "
                + "on the dev chain", proposals, active, votes, voters, (System.nanoTime() - t0) / 1e9));
        out(String.format("heap after GC before the reads: %,d MB", heapAfterGc()));

        // cold: every page's snapshots not seen before (one quorum read each), walking all proposals by keyset
        List<String> cursors = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        String next = "";
        double load = load();
        while (next != null) {
            cursors.add(next);
            long t = System.nanoTime();
            String body = get("/api/v1/governance/proposals?size=20&before=" + next);
            cold.add(System.nanoTime() - t);
            Matcher m = CURSOR.matcher(body);
            next = m.find() ? m.group(1) : null;
        }
        print("COLD GET /proposals?size=20&before= (walk of all pages, each snapshot's quorum read once)", load,
                cold.stream().mapToLong(Long::longValue).toArray(), 0);

        SplittableRandom random = new SplittableRandom(17);
        run("WARM GET /proposals?size=20 (first page)", reads, warmup, seconds, i -> "/api/v1/governance/proposals?size=20");
        run("WARM GET /proposals?size=20&before=<random deep cursor>", reads, warmup, seconds,
                i -> "/api/v1/governance/proposals?size=20&before=" + cursors.get(random.nextInt(cursors.size())));
        run("WARM GET /proposals?state=Active&size=20&before= (keyset, first page)", reads, warmup, seconds,
                i -> "/api/v1/governance/proposals?state=Active&size=20&before=");
        run("WARM GET /proposals?state=Active&size=20 (offset form: reads " + 1_000 + " proposals)", reads, warmup, seconds,
                i -> "/api/v1/governance/proposals?state=Active&size=20");
        run("WARM GET /proposals?state=Defeated&size=20&before=<random deep cursor>", reads, warmup, seconds,
                i -> "/api/v1/governance/proposals?state=Defeated&size=20&before=" + cursors.get(random.nextInt(cursors.size())));
        run("GET /proposals/{id} (a real proposal: the governor's views)", reads, warmup, seconds,
                i -> "/api/v1/governance/proposals/" + real.get(random.nextInt(real.size())));
        run("GET /members/{address} (" + votes / voters + " votes each)", reads, warmup, seconds,
                i -> "/api/v1/governance/members/" + voter(random.nextInt(voters)));
        out(String.format("heap after GC after the reads: %,d MB (bounded cache: IndexedProposalViews keeps at most 10,000 "
                + "quorums)", heapAfterGc()));
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/proposal-reads.txt"), report);
    }

    private static String voter(int v) {
        return String.format("0x%040x", 0x300000 + v);
    }

    private static void seed(Pool pool, int proposals, int active, int votes, int voters, long now) {
        // proposal i at block FIRST_BLOCK + i; the newest `active` ones are Active, the others past (own snapshots)
        pool.query("INSERT INTO indexer.octo_governor_proposal_created (block_number, log_index, tx_index, block_hash, tx_hash, "
                + "contract, proposal_id, proposer, targets, \"values\", signatures, calldatas, vote_start, vote_end, description) "
                + "SELECT " + FIRST_BLOCK + " + i, 0, 0, '0x' || md5(i::text) || md5(i::text), '0x' || md5('t' || i) || md5('t' || i), "
                + "'0x00000000000000000000000000000000000000aa', " + ID_BASE + " + i, '0x' || lpad(to_hex(4194304 + i % 100), 40, '0'), "
                + "'[\"0x00000000000000000000000000000000000000bb\"]', '[\"0\"]', '[\"\"]', "
                + "'[\"0x5d6b1ba80000000000000000000000000000000000000000000000000000000000001c20\"]', "
                + "CASE WHEN i >= " + (proposals - active) + " THEN " + (now - 5) + " ELSE " + now + " - 1000000 + i * 60 END, "
                + "CASE WHEN i >= " + (proposals - active) + " THEN " + (now + 10_000_000) + " ELSE " + now + " - 1000000 + i * 60 + 30 END, "
                + "'bench proposal ' || i FROM generate_series(0, " + (proposals - 1) + ") AS i").executeAndAwait();
        pool.query("INSERT INTO indexer.octo_governor_vote_cast (block_number, log_index, tx_index, block_hash, tx_hash, contract, "
                + "voter, proposal_id, support, weight, reason) "
                + "SELECT " + (FIRST_BLOCK + proposals) + " + j / 100, 1 + j % 100, 0, '0x' || md5(j::text) || md5(j::text), "
                + "'0x' || md5('v' || j) || md5('v' || j), '0x00000000000000000000000000000000000000aa', "
                + "'0x' || lpad(to_hex(3145728 + j % " + voters + "), 40, '0'), " + ID_BASE + " + (j * 7919) % " + proposals + ", "
                + "j % 3, 1000000000000000000000 + j, '' FROM generate_series(0, " + (votes - 1) + ") AS j").executeAndAwait();
        pool.query("ANALYZE indexer.octo_governor_proposal_created").executeAndAwait();
        pool.query("ANALYZE indexer.octo_governor_vote_cast").executeAndAwait();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private void run(String name, int reads, int warmup, double seconds, IntFunction<String> path) {
        try {
            for (int i = 0; i < warmup; i++) {
                get(path.apply(i));
            }
            double load = load();
            long[] nanos = new long[reads];
            long bytes = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            int n = 0;
            while (n < reads && System.nanoTime() < end) {
                String p = path.apply(n);
                long t = System.nanoTime();
                bytes += get(p).length();
                nanos[n++] = System.nanoTime() - t;
            }
            print(name, load, Arrays.copyOf(nanos, n), bytes / Math.max(1, n));
        } catch (Exception e) {
            out(name + ": NOT MEASURED: " + e);
        }
    }

    private void print(String name, double load, long[] nanos, long bytesPerAnswer) {
        Arrays.sort(nanos);
        int n = nanos.length;
        out(String.format("%s: %,d requests (load average %.2f before, %,d bytes/answer): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
                + "max %.2f ms", name, n, load, bytesPerAnswer, ms(nanos, 0.50), ms(nanos, 0.95), ms(nanos, 0.99), nanos[n - 1] / 1e6));
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private String get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET()
                .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(300, r.body().length())));
        }
        return r.body();
    }
}
