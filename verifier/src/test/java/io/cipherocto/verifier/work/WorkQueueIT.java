package io.cipherocto.verifier.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.reexec.Verdict;
import io.cipherocto.verifier.sim.ProviderSimulator;
import io.vertx.mutiny.sqlclient.Pool;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several verifier instances share the work table on a real PostgreSQL and never process a job twice. */
class WorkQueueIT {
    private static final String HONEST = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String CHEATER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
    private static TestDatabase db;
    private final JobExecutor cpu = new JobExecutor(new CpuBackend());

    @BeforeAll
    static void start() {
        db = TestDatabase.start("verifier");
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE verifier.work");
        }
    }

    private List<ProviderSimulator.SimulatedJob> jobs(int n) {
        byte[] seed = new byte[32];
        seed[5] = 9;
        return new ProviderSimulator(seed, List.of(new ProviderSimulator.Provider(HONEST, 0, 0),
                new ProviderSimulator.Provider(CHEATER, 1, 300)), cpu).jobs(2, n);
    }

    @Test
    void concurrentInstances_neverProcessTheSameJobTwice_andFinishAllWork() throws Exception {
        List<ProviderSimulator.SimulatedJob> sim = jobs(120);
        WorkQueue queue = new WorkQueue(db.pool());
        assertThat(queue.enqueue(sim.stream().map(ProviderSimulator.SimulatedJob::job).toList())).isEqualTo(120);

        Map<String, String> processedBy = new ConcurrentHashMap<>();
        Map<String, Boolean> passedById = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        int instances = 4;
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        List<Pool> pools = new ArrayList<>();
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                Pool pool = db.newPool(2);
                pools.add(pool);
                String name = "verifier-" + i;
                VerifierWorker worker = new VerifierWorker(name, new WorkQueue(pool), new ReExecutor(cpu), 3,
                        Duration.ofMinutes(5));
                done.add(threads.submit(() -> {
                    int n = 0;
                    VerifierWorker.Batch batch;
                    while ((batch = worker.runBatch()).claimed() > 0) {
                        for (Verdict v : batch.verdicts()) {
                            String id = HexFormat.of().formatHex(v.job().jobId());
                            if (processedBy.putIfAbsent(id, name) != null) {
                                duplicates.incrementAndGet();
                            }
                            passedById.put(id, v.passed());
                            n++;
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            List<Integer> perInstance = new ArrayList<>();
            for (Future<Integer> f : done) {
                perInstance.add(f.get());
                total += perInstance.get(perInstance.size() - 1);
            }
            assertThat(duplicates).hasValue(0);
            assertThat(total).isEqualTo(120);
            assertThat(processedBy).hasSize(120);
            System.out.println("jobs per instance: " + perInstance); // scheduling decides the spread
        } finally {
            threads.shutdownNow();
            pools.forEach(Pool::closeAndAwait);
        }
        assertThat(queue.counts()).containsExactlyEntriesOf(Map.of("done", 120L));
        for (ProviderSimulator.SimulatedJob j : sim) {
            assertThat(passedById.get(HexFormat.of().formatHex(j.job().jobId()))).isEqualTo(!j.cheated());
        }
        try (Connection c = db.jdbc(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT max(attempts), count(*) FILTER (WHERE NOT passed) FROM verifier.work")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
            assertThat(r.getLong(2)).isEqualTo(sim.stream().filter(ProviderSimulator.SimulatedJob::cheated).count())
                    .isPositive();
        }
    }

    @Test
    void expiredLease_isReclaimedByAnotherInstance_andTheStaleHolderCannotComplete() throws Exception {
        Job job = jobs(1).get(0).job();
        WorkQueue queue = new WorkQueue(db.pool());
        queue.enqueue(List.of(job));
        ClaimedJob a = queue.claim("a", 10, Duration.ZERO).get(0);
        Thread.sleep(20);
        List<ClaimedJob> b = queue.claim("b", 10, Duration.ofMinutes(5));
        assertThat(b).hasSize(1);
        assertThat(b.get(0).attempts()).isEqualTo(2);
        assertThat(b.get(0).job().spec()).isEqualTo(job.spec());
        Verdict v = new ReExecutor(cpu).verify(job);
        assertThat(queue.complete(a, v)).isFalse();
        assertThat(queue.complete(b.get(0), v)).isTrue();
        assertThat(queue.claim("a", 10, Duration.ofMinutes(5))).isEmpty();
        assertThat(queue.counts()).containsExactlyEntriesOf(Map.of("done", 1L));
    }

    @Test
    void claim_skipsRowsLockedByAnInFlightClaim_insteadOfWaitingOrTakingThem() throws Exception {
        List<Job> js = jobs(4).stream().map(ProviderSimulator.SimulatedJob::job).toList();
        WorkQueue queue = new WorkQueue(db.pool());
        queue.enqueue(js);
        try (Connection other = db.jdbc()) {
            other.setAutoCommit(false);
            List<String> locked = new ArrayList<>();
            try (Statement s = other.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT job_id FROM verifier.work ORDER BY epoch, job_id LIMIT 2 FOR UPDATE")) {
                while (r.next()) {
                    locked.add(HexFormat.of().formatHex(r.getBytes(1)));
                }
            }
            long t0 = System.nanoTime();
            List<ClaimedJob> got = queue.claim("b", 10, Duration.ofMinutes(5));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(got).hasSize(2);
            assertThat(got).extracting(c -> HexFormat.of().formatHex(c.job().jobId())).doesNotContainAnyElementsOf(locked);
            other.rollback();
        }
        assertThat(queue.claim("c", 10, Duration.ofMinutes(5))).hasSize(2);
    }

    @Test
    void jobWithUnavailableInputs_isRetried_thenMarkedError_whileOtherJobsComplete() {
        WorkQueue queue = new WorkQueue(db.pool());
        Job ok = jobs(1).get(0).job();
        byte[] missing = new byte[32];
        missing[0] = 1;
        Job unresolvable = new Job(missing, 2, HONEST, 0, io.cipherocto.gpuverifier.spec.JobSpec.of(
                new io.cipherocto.gpuverifier.spec.MatmulParams(2, 2, 2, 2),
                new io.cipherocto.gpuverifier.spec.InputSource.ContentHash(missing)), new byte[32]);
        queue.enqueue(List.of(ok, unresolvable));
        VerifierWorker worker = new VerifierWorker("w", queue, new ReExecutor(cpu), 10, Duration.ofMinutes(5));
        VerifierWorker.Batch first = worker.runBatch();
        assertThat(first.claimed()).isEqualTo(2);
        assertThat(first.verdicts()).hasSize(1);
        assertThat(queue.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("done", 1L, "pending", 1L));
        assertThat(worker.runBatch().claimed()).isEqualTo(1);
        assertThat(worker.runBatch().claimed()).isEqualTo(1);
        assertThat(worker.runBatch().claimed()).isZero();
        assertThat(queue.counts()).containsExactlyInAnyOrderEntriesOf(Map.of("done", 1L, "error", 1L));
    }

    @Test
    void enqueue_isIdempotentPerEpochAndJobId() {
        WorkQueue queue = new WorkQueue(db.pool());
        List<Job> js = jobs(3).stream().map(ProviderSimulator.SimulatedJob::job).toList();
        assertThat(queue.enqueue(js)).isEqualTo(3);
        assertThat(queue.enqueue(js)).isZero();
        assertThat(queue.counts()).containsExactlyEntriesOf(Map.of("pending", 3L));
    }
}
