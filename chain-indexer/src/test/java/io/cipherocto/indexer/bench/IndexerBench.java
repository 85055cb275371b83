package io.cipherocto.indexer.bench;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.rpc.ChainRpc;
import io.cipherocto.indexer.store.IndexerStore;
import io.cipherocto.indexer.support.IndexerHarness;
import io.cipherocto.indexer.sync.ContractSet;
import io.cipherocto.indexer.sync.Indexer;
import io.cipherocto.indexer.sync.IndexerConfig;
import io.cipherocto.indexer.sync.IndexerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The indexer benchmark (issue #3): 200,000 OCTO Transfer events on anvil in two layouts, sparse (10 per block over
 * 20,000 blocks) and dense (500 per block over 400 blocks), then indexed cold (empty database) by the indexer in a
 * separate JVM, which reports events/s end to end (start to caught up with the head) and its peak RSS.
 *
 * <p>Run: {@code chain-indexer/tools/bench.sh [sparse|dense|both] [events]}.
 */
public final class IndexerBench {
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("index")) {
            index(args[1], Integer.parseInt(args[2]), Path.of(args[3]), args[4]);
            return;
        }
        String layouts = args.length > 0 ? args[0] : "both";
        long events = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        String jvm = System.getProperty("bench.child.jvm", "-Xmx256m -XX:+UseSerialGC");
        List<String> results = new ArrayList<>();
        if (!layouts.equals("dense")) {
            results.add(layout("sparse", 10, events, jvm));
        }
        if (!layouts.equals("sparse")) {
            results.add(layout("dense", 500, events, jvm));
        }
        System.out.println();
        System.out.println("layout  events   blocks  seconds  events/s  peak RSS (MB)  CPU seconds during indexing   (indexer JVM: " + jvm + ")");
        results.forEach(System.out::println);
    }

    private static String layout(String name, int perBlock, long events, String jvm) throws Exception {
        int blocks = (int) (events / perBlock);
        AnvilNode.Options o = new AnvilNode.Options().extraArg("--prune-history");
        try (AnvilNode anvil = AnvilNode.start(o); TestDatabase db = TestDatabase.start("indexer")) {
            IndexerHarness h = new IndexerHarness(anvil, db);
            long t0 = System.nanoTime();
            for (int done = 0; done < blocks; done += 500) {
                h.driver.transfers(Math.min(500, blocks - done), perBlock);
                System.out.printf("[%s] generated %d/%d blocks (%.0f s)%n", name, Math.min(blocks, done + 500), blocks,
                        (System.nanoTime() - t0) / 1e9);
            }
            h.driver.mine(70);
            Path manifest = Files.createTempFile("bench-manifest", ".json");
            h.manifest.write(manifest);
            System.out.printf("[%s] chain ready: head %d; indexing cold in a separate JVM%n", name, h.head());
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of(jvm.split(" ")));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), IndexerBench.class.getName(), "index",
                    anvil.rpcUrl(), String.valueOf(db.server().port()), manifest.toString(), name));
            int runs = Integer.getInteger("bench.runs", 1);
            StringBuilder out = new StringBuilder();
            for (int run = 1; run <= runs; run++) {
                if (run > 1) {
                    fresh(db); // every run starts on an empty database
                }
                out.append(out.isEmpty() ? "" : "\n").append(indexOnce(cmd, anvil, db));
            }
            return out.toString();
        }
    }

    /** One cold run: the indexer in a separate JVM from an empty database to the head. */
    private static String indexOnce(List<String> cmd, AnvilNode anvil, TestDatabase db) throws Exception {
        int anvilPort = java.net.URI.create(anvil.rpcUrl()).getPort();
        java.util.Map<String, Double> cpu0 = CpuAccounting.snapshot(anvilPort, db.server().port());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String last = "";
        try (var r = p.inputReader()) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    last = line.substring(7);
                } else if (line.contains("backfill") || line.contains("ERROR")) {
                    System.out.println("  " + line);
                }
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("indexer child failed");
        }
        java.util.Map<String, Double> cpu1 = CpuAccounting.snapshot(anvilPort, db.server().port());
        String cpu = String.format("   CPU s: anvil %.1f, postgres %.1f",
                cpu1.getOrDefault("anvil", 0.0) - cpu0.getOrDefault("anvil", 0.0),
                cpu1.getOrDefault("postgres", 0.0) - cpu0.getOrDefault("postgres", 0.0));
        System.out.println("  " + last + cpu);
        return last + cpu;
    }

    /** Drops the indexer schema and migrates it again: the next run starts on empty tables. */
    private static void fresh(TestDatabase db) throws java.sql.SQLException {
        try (var c = db.jdbc(); var st = c.createStatement()) {
            st.execute("DROP SCHEMA indexer CASCADE");
            st.execute("DROP TABLE IF EXISTS public.flyway_schema_history");
            st.execute("CHECKPOINT");
        }
        db.migrate("indexer");
    }

    /** The child: index until caught up with the head, then print the result line. */
    private static void index(String rpcUrl, int pgPort, Path manifestPath, String name) throws Exception {
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
        // A node has used JDBC before its indexer starts (Flyway migrates over it at boot): do the same here, so that
        // the measured time does not include loading the driver.
        io.cipherocto.indexer.store.WriterConnections jdbc = io.cipherocto.indexer.store.WriterConnections.of(
                "jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "");
        try (java.sql.Connection c = jdbc.open(); java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT 1");
        }
        DeploymentManifest m = DeploymentManifest.read(manifestPath);
        Vertx vertx = Vertx.vertx();
        Pool pool = Pool.newInstance(PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PgConnectOptions().setHost("localhost").setPort(pgPort).setDatabase("postgres")
                        .setUser("postgres").setPassword(""))
                .using(vertx.getDelegate()).build());
        EventCatalog catalog = EventCatalog.suite();
        IndexerConfig config = IndexerConfig.defaults().withPollInterval(Duration.ofMillis(20));
        ChainRpc rpc = new ChainRpc(rpcUrl, config.rpcTimeout(), config.headerConcurrency());
        long head = rpc.head();
        IndexerMetrics metrics = new IndexerMetrics(new SimpleMeterRegistry());
        Indexer indexer = new Indexer(rpc, new IndexerStore(pool, jdbc, m.chainId(), catalog), catalog, ContractSet.of(m), config,
                metrics, m.deployBlock());
        AtomicLong reached = new AtomicLong(-1);
        indexer.onCommit(cp -> reached.set(cp.block()));
        double cpu0 = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(-1.0);
        long t0 = System.nanoTime();
        Thread t = new Thread(indexer, "indexer");
        t.start();
        while (reached.get() < head) {
            Thread.sleep(5);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        indexer.stop();
        t.interrupt();
        t.join(5_000);
        long events = (long) metrics.events();
        long rssKb = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        double cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(-1.0);
        System.out.printf("RESULT %-7s %-8d %-7d %-8.2f %-9.0f %-14d indexer JVM %.1f (%.1f before the start)%n", name,
                events, head - m.deployBlock() + 1, secs, events / secs, rssKb / 1024, cpu, cpu0);
        System.out.println("INFO: backfill timings: " + metrics.timings());
        rpc.close();
        pool.closeAndAwait();
        vertx.closeAndAwait();
        System.exit(0);
    }
}
