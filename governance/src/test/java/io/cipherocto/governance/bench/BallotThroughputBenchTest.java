package io.cipherocto.governance.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.governance.DevChain;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.GovernanceTestEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * Validated ballots per second through POST /api/v1/governance/votes (signature recovery and every check, ballots
 * stored in PostgreSQL before the 202; relay off the request path). Anvil + embedded PostgreSQL + the app in this
 * JVM; the load generator (java.net.http) runs in the same JVM on the same cores.
 *
 * <p>Setup: {@code octo.bench.members} members, {@code octo.bench.proposals} proposals created in one block (one
 * snapshot). Every member votes on every proposal (nonces 0, 1, ...), members concurrently, each member's ballots in
 * nonce order. The first two proposals are the warm-up (first touch of every voter: chain reads, JIT); the rest is
 * measured. Only runs with -Docto.bench=true: governance/tools/bench.sh.
 */
@QuarkusTest
@TestProfile(BenchProfile.class)
@WithTestResource(GovernanceTestEnvironment.class)
@EnabledIfSystemProperty(named = "octo.bench", matches = "true")
class BallotThroughputBenchTest {
    private static final int WARMUP_PROPOSALS = 2;

    @TestHTTPResource("/api/v1/governance/votes")
    URI votesUri;

    @Inject
    GovernanceRuntime runtime;

    @Inject
    io.cipherocto.governance.vote.VoteService votes;

    @Test
    void ballotsPerSecond() throws Exception {
        int members = Integer.getInteger("octo.bench.members", 640);
        int httpProposals = Integer.getInteger("octo.bench.proposals", 10);
        int directProposals = Integer.getInteger("octo.bench.direct-proposals", 4);
        int wrkWarmupProposals = WrkLoad.available() ? Integer.getInteger("octo.bench.wrk-warmup-proposals", 20) : 0;
        int proposals = WARMUP_PROPOSALS + directProposals + wrkWarmupProposals + httpProposals;
        int concurrency = Integer.getInteger("octo.bench.concurrency", 64);
        if (members % concurrency != 0) {
            System.out.printf("BENCH note: %d members over %d connections: some wrk threads have one voter more%n", members, concurrency);
        }
        DevChain chain = DevChain.fromConfig();

        long t0 = System.nanoTime();
        List<Credentials> voters = registerMembers(chain, members);
        List<BigInteger> pids = proposeInOneBlock(chain, proposals);
        chain.increaseTime(GovernanceTestEnvironment.VOTING_DELAY + 1);
        System.out.printf("setup: %d members, %d proposals in %.1f s%n", members, proposals, (System.nanoTime() - t0) / 1e9);

        Eip712Domain domain = chain.domain();
        t0 = System.nanoTime();
        String[][] bodies = new String[members][proposals];
        IntStream.range(0, members).parallel().forEach(m -> {
            for (int p = 0; p < proposals; p++) {
                BigInteger nonce = BigInteger.valueOf(p);
                bodies[m][p] = DevChain.ballotJson(pids.get(p), (m + p) % 2,
                        voters.get(m).getAddress(), nonce, DevChain.sign(voters.get(m), pids.get(p),
                                (m + p) % 2, nonce, domain));
            }
        });
        System.out.printf("signed %d ballots in %.1f s%n", members * proposals, (System.nanoTime() - t0) / 1e9);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        Result warm = fire(http, bodies, 0, WARMUP_PROPOSALS, concurrency);
        System.out.printf("BENCH chain reads during warm-up: %d%n", runtime.chain().gateway().calls());
        System.out.printf("BENCH warm-up (first touch of %d voters): %d ballots in %.2f s = %.0f ballots/s, errors %d %s%n",
                members, warm.ok, warm.seconds, warm.ok / warm.seconds, warm.errors, warm.codes);
        // Proposals in order: warm-up, in-process, [wrk warm-up], measured HTTP.
        int p = WARMUP_PROPOSALS;
        Result d = direct(bodies, p, p + directProposals, concurrency);
        p += directProposals;
        System.out.printf("BENCH measured in-process (VoteService.submit, no HTTP): %d ballots in %.2f s = %.0f ballots/s, "
                + "errors %d %s; JVM CPU %.0f us/ballot%n", d.ok, d.seconds, d.ok / d.seconds, d.errors, d.codes,
                d.cpuMicrosPerBallot);
        assertThat(d.errors).isZero();
        String client = System.getProperty("octo.bench.client", "auto");
        if ("auto".equals(client)) {
            client = WrkLoad.available() ? "wrk" : "java.net.http";
        }
        long stored = (long) members * (WARMUP_PROPOSALS + directProposals);
        if ("wrk".equals(client) && wrkWarmupProposals > 0) {
            // HTTP warm-up (JIT of the request path) until every ballot of these proposals is in; not measured
            WrkLoad.Outcome w = WrkLoad.run(votesUri, bodies, p, p + wrkWarmupProposals, concurrency);
            System.out.printf("BENCH wrk warm-up: %.0f ballots/s, %s %s%n", w.accepted() / w.seconds(), w.summary(), w.codes());
            assertThat(w.accepted()).isEqualTo(members * wrkWarmupProposals);
            p += wrkWarmupProposals;
            stored += w.accepted();
        }
        long calls0 = runtime.chain().gateway().calls();
        // wrk: the measured proposals in rounds (a server's JIT keeps compiling for a minute or two; later rounds are
        // closer to a long-running server); the other clients: one round.
        int rounds = "wrk".equals(client) ? Math.max(1, Integer.getInteger("octo.bench.rounds", 5)) : 1;
        int perRound = (proposals - p) / rounds;
        Result r = null;
        int measured = 0;
        for (int round = 1; round <= rounds; round++) {
            int to = round == rounds ? proposals : p + perRound;
            long jit0 = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            long pg0 = ProcessCpu.postgresNanos();
            Profiler profiler = round == rounds ? Profiler.start() : Profiler.none();
            int from = p;
            r = switch (client) {
                case "vertx" -> fireVertx(bodies, from, to, concurrency);
                case "wrk" -> fireWrk(bodies, from, to, concurrency);
                default -> fire(http, bodies, from, to, concurrency);
            };
            profiler.stop();
            long jitMillis = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
            long pgNanos = ProcessCpu.postgresNanos() - pg0;
            p = to;
            measured += r.ok;
            System.out.printf("BENCH client: %s%n", client);
            System.out.printf("BENCH measured HTTP, round %d/%d: %d ballots in %.2f s = %.0f ballots/s (concurrency %d), "
                            + "errors %d %s, p50 %.1f ms, p99 %.1f ms; CPU per ballot: JVM %.0f us (of it JIT compiler "
                            + "threads' elapsed time %.0f us), PostgreSQL %.0f us%s%n",
                    round, rounds, r.ok, r.seconds, r.ok / r.seconds, concurrency, r.errors, r.codes, r.p50Millis,
                    r.p99Millis, r.cpuMicrosPerBallot, jitMillis * 1e3 / Math.max(1, r.ok), pgNanos / 1e3 / Math.max(1, r.ok),
                    r.clientCpuMicrosPerBallot > 0 ? String.format(", wrk %.0f us", r.clientCpuMicrosPerBallot) : "");
            assertThat(r.errors).isZero();
        }
        System.out.printf("BENCH JVM CPU per ballot above counts %s%n", "wrk".equals(client)
                ? "the server only (wrk runs in its own process)" : "the server and the in-JVM client");
        System.out.printf("BENCH chain reads during the measured HTTP phase: %d%n", runtime.chain().gateway().calls() - calls0);
        System.out.printf("BENCH load: %s%n", new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim());
        if ("wrk".equals(client)) {
            assertThat(runtime.store().count()).isEqualTo(stored + measured);
        } else {
            assertThat(runtime.store().count()).isEqualTo((long) members * proposals);
        }
    }

    /**
     * async-profiler (optional, never in CI) over the measured phase: with {@code -Docto.bench.profile=<dir>} and
     * the async-profiler jar on the test classpath ({@code -Dmaven.test.additionalClasspath=...}), writes
     * collapsed stacks per thread (itimer, 1 ms) to {@code <dir>/ballots.collapsed}.
     */
    private record Profiler(Object instance, String dir) {
        static Profiler none() {
            return new Profiler(null, null);
        }

        static Profiler start() {
            String dir = System.getProperty("octo.bench.profile");
            if (dir == null || dir.isBlank()) {
                return new Profiler(null, null);
            }
            try {
                Object p = Class.forName("one.profiler.AsyncProfiler").getMethod("getInstance", String.class)
                        .invoke(null, System.getProperty("octo.bench.profile.lib"));
                p.getClass().getMethod("execute", String.class).invoke(p, "start,event=itimer,interval=1ms,threads");
                return new Profiler(p, dir);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("async-profiler not usable", e);
            }
        }

        void stop() throws Exception {
            if (instance != null) {
                instance.getClass().getMethod("execute", String.class).invoke(instance,
                        "stop,collapsed,file=" + dir + "/ballots.collapsed");
            }
        }
    }

    private record Result(int ok, int errors, Map<String, Integer> codes, double seconds, double p50Millis,
            double p99Millis, double cpuMicrosPerBallot, double clientCpuMicrosPerBallot) {
        Result(int ok, int errors, Map<String, Integer> codes, double seconds, double p50Millis, double p99Millis,
                double cpuMicrosPerBallot) {
            this(ok, errors, codes, seconds, p50Millis, p99Millis, cpuMicrosPerBallot, 0);
        }
    }

    /** CPU time of the PostgreSQL processes on this machine (the embedded server's postmaster and backends). */
    private static final class ProcessCpu {
        static long postgresNanos() {
            return ProcessHandle.allProcesses()
                    .filter(h -> h.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                    .mapToLong(h -> h.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
        }
    }

    /** CPU time of this whole JVM (app + load generator), all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Each worker takes whole voters and sends their ballots for proposals [from, to) in nonce order. */
    private Result fire(HttpClient http, String[][] bodies, int from, int to, int concurrency) throws Exception {
        AtomicInteger nextVoter = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        long[] latencies = new long[bodies.length * (to - from)];
        AtomicInteger li = new AtomicInteger();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int m = nextVoter.getAndIncrement(); m < bodies.length; m = nextVoter.getAndIncrement()) {
                    for (int p = from; p < to; p++) {
                        long s = System.nanoTime();
                        HttpResponse<String> resp = http.send(HttpRequest.newBuilder(votesUri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies[m][p], StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        latencies[li.getAndIncrement()] = System.nanoTime() - s;
                        if (resp.statusCode() == 202) {
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                            codes.merge(resp.statusCode() + " " + resp.body().replaceAll(".*\"error\":\"([a-z_]+)\".*", "$1"),
                                    1, Integer::sum);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long[] sorted = java.util.Arrays.copyOf(latencies, li.get());
        java.util.Arrays.sort(sorted);
        double cpuPer = (processCpuNanos() - cpu0) / 1e3 / Math.max(1, ok.get() + errors.get());
        return new Result(ok.get(), errors.get(), codes, seconds, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.99)] / 1e6, cpuPer);
    }

    /**
     * The measured ballots sent by wrk, a separate (C) process, so that the JVM's CPU is the server's alone: wrk's
     * threads each own a fixed set of voters and send their ballots proposal by proposal (nonce order per voter);
     * the JVM CPU per ballot counts the server only.
     */
    private Result fireWrk(String[][] bodies, int from, int to, int connections) throws Exception {
        long cpu0 = processCpuNanos();
        WrkLoad.Outcome o = WrkLoad.run(votesUri, bodies, from, to, connections);
        double cpuPer = (processCpuNanos() - cpu0) / 1e3 / Math.max(1, o.accepted() + o.refused());
        System.out.printf("BENCH wrk: %s%n", o.summary());
        return new Result(o.accepted(), o.refused(), o.codes(), o.seconds(), o.p50Millis(), o.p99Millis(), cpuPer,
                o.wrkCpuNanos() / 1e3 / Math.max(1, o.accepted() + o.refused()));
    }

    /** Like {@link #fire} with a Vert.x HTTP client on its own single event loop (cheaper per request than java.net.http). */
    private Result fireVertx(String[][] bodies, int from, int to, int concurrency) throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(1));
        io.vertx.core.http.HttpClient client = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setDefaultHost(votesUri.getHost()).setDefaultPort(votesUri.getPort()).setKeepAlive(true),
                new io.vertx.core.http.PoolOptions().setHttp1MaxSize(concurrency));
        AtomicInteger nextVoter = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(concurrency);
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        class Lane {
            int m = nextVoter.getAndIncrement();
            int p = from;

            void next() {
                if (p == to) {
                    m = nextVoter.getAndIncrement();
                    p = from;
                }
                if (m >= bodies.length) {
                    done.countDown();
                    return;
                }
                String body = bodies[m][p++];
                client.request(io.vertx.core.http.HttpMethod.POST, votesUri.getPath())
                        .compose(req -> req.putHeader("Content-Type", "application/json").send(body))
                        .compose(resp -> resp.body().map(b -> {
                            if (resp.statusCode() == 202) {
                                ok.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                                codes.merge(resp.statusCode() + " " + b, 1, Integer::sum);
                            }
                            return null;
                        }))
                        .onComplete(x -> {
                            if (x.failed()) {
                                errors.incrementAndGet();
                                codes.merge(String.valueOf(x.cause()), 1, Integer::sum);
                            }
                            next();
                        });
            }
        }
        for (int w = 0; w < concurrency; w++) {
            Lane lane = new Lane();
            vertx.runOnContext(v -> lane.next());
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuPer = (processCpuNanos() - cpu0) / 1e3 / Math.max(1, ok.get() + errors.get());
        vertx.close().toCompletionStage().toCompletableFuture().join();
        return new Result(ok.get(), errors.get(), codes, seconds, 0, 0, cpuPer);
    }

    /** The same pipeline without HTTP: validation, checks and the group-committed insert. */
    private Result direct(String[][] bodies, int from, int to, int concurrency) throws Exception {
        AtomicInteger nextVoter = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        long start = System.nanoTime();
        long cpu0 = processCpuNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int m = nextVoter.getAndIncrement(); m < bodies.length; m = nextVoter.getAndIncrement()) {
                    for (int p = from; p < to; p++) {
                        try {
                            votes.submit(bodies[m][p].getBytes(StandardCharsets.UTF_8)).toCompletableFuture().join();
                            ok.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            codes.merge(String.valueOf(e.getMessage()), 1, Integer::sum);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double cpuPer = (processCpuNanos() - cpu0) / 1e3 / Math.max(1, ok.get() + errors.get());
        return new Result(ok.get(), errors.get(), codes, seconds, 0, 0, cpuPer);
    }

    /** Members with 1,000..10,000 OCTO each; transactions sent without waiting, then the last receipt awaited. */
    private static List<Credentials> registerMembers(DevChain chain, int n) throws Exception {
        DeploymentManifest m = chain.manifest();
        String octo = m.address(DeploymentManifest.OCTO);
        String staking = m.address(DeploymentManifest.STAKING);
        List<Credentials> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Credentials.create(ECKeyPair.create(new BigInteger(1, Hash.sha3(("bench member " + i).getBytes(StandardCharsets.UTF_8))))));
        }
        Chain op = Chain.connect(chain.web3j(), DevAccounts.get(0));
        RawTransactionManager opTx = new RawTransactionManager(chain.web3j(), DevAccounts.get(0), op.chainId());
        BigInteger price = op.gas().getGasPrice();
        BigInteger gas = BigInteger.valueOf(200_000);
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigInteger stake = DevChain.octo(1_000 + 9L * i % 9_000);
            chain.setBalance(out.get(i).getAddress(), DevChain.E18);
            hashes.add(check(opTx.sendTransaction(price, gas, octo, FunctionEncoder.encode(new Function("transfer",
                    List.of(new Address(out.get(i).getAddress()), new Uint256(stake)), List.of())), BigInteger.ZERO)));
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                BigInteger stake = DevChain.octo(1_000 + 9L * i % 9_000);
                RawTransactionManager tx = new RawTransactionManager(chain.web3j(), out.get(i), op.chainId());
                check(tx.sendTransaction(price, gas, octo, FunctionEncoder.encode(new Function("approve",
                        List.of(new Address(staking), new Uint256(stake)), List.of())), BigInteger.ZERO));
                String h = check(tx.sendTransaction(price, gas, staking, FunctionEncoder.encode(new Function("registerMember",
                        List.of(new Uint256(stake)), List.of())), BigInteger.ZERO));
                synchronized (hashes) {
                    hashes.add(h);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (String h : hashes.subList(Math.max(0, hashes.size() - 50), hashes.size())) {
            awaitOk(chain, h);
        }
        return out;
    }

    private static List<BigInteger> proposeInOneBlock(DevChain chain, int count) throws Exception {
        Credentials proposer = chain.newAccount();
        Chain pc = Chain.connect(chain.web3j(), proposer);
        RawTransactionManager tx = new RawTransactionManager(chain.web3j(), proposer, pc.chainId());
        String rewards = chain.manifest().address(DeploymentManifest.REWARDS);
        byte[] calldata = Numeric.hexStringToByteArray(FunctionEncoder.encode(
                new Function("setActivationDelay", List.of(new Uint256(7200)), List.of())));
        List<BigInteger> ids = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        chain.automine(false);
        try {
            for (int i = 0; i < count; i++) {
                String description = "bench proposal " + i;
                hashes.add(check(tx.sendTransaction(pc.gas().getGasPrice(), BigInteger.valueOf(1_000_000),
                        chain.governorAddress(), FunctionEncoder.encode(new Function("propose", List.of(
                                new org.web3j.abi.datatypes.DynamicArray<>(Address.class, new Address(rewards)),
                                new org.web3j.abi.datatypes.DynamicArray<>(Uint256.class, new Uint256(0)),
                                new org.web3j.abi.datatypes.DynamicArray<>(org.web3j.abi.datatypes.DynamicBytes.class,
                                        new org.web3j.abi.datatypes.DynamicBytes(calldata)),
                                new org.web3j.abi.datatypes.Utf8String(description)), List.of())), BigInteger.ZERO)));
                ids.add(chain.governor().hashProposal(List.of(rewards), List.of(BigInteger.ZERO), List.of(calldata),
                        Hash.sha3(description.getBytes(StandardCharsets.UTF_8))).send());
            }
            chain.mine();
        } finally {
            chain.automine(true);
        }
        for (String h : hashes) {
            awaitOk(chain, h);
        }
        return ids;
    }

    private static String check(EthSendTransaction r) {
        if (r.hasError()) {
            throw new IllegalStateException(r.getError().getMessage());
        }
        return r.getTransactionHash();
    }

    private static void awaitOk(DevChain chain, String hash) throws Exception {
        for (int i = 0; i < 4_800; i++) { // up to 4 minutes: thousands of setup transactions on a loaded machine
            var receipt = chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                if (!receipt.get().isStatusOK()) {
                    throw new IllegalStateException("setup transaction reverted: " + hash);
                }
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("setup transaction not mined: " + hash);
    }
}
