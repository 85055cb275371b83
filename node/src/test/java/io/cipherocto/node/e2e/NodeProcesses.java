package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the end-to-end tests of the packaged node share: readiness, log tails, free ports. */
final class NodeProcesses {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private NodeProcesses() {
    }

    /** Waits for /q/health/ready to answer 200; fails with the log's tail if the process exits or time runs out. */
    static void awaitReady(Process node, String base, Path log, Duration boot) throws Exception {
        long deadline = System.nanoTime() + boot.toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                fail("start-dev exited with %d; log:%n%s", node.exitValue(), tail(log));
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("not ready within %s; log:%n%s", boot, tail(log));
    }

    /** The last 80 lines of a log. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * The start of a command line running the packaged node ({@code java -Docto.home=... [extra -D flags] -jar
     * quarkus-run.jar}); the caller appends the {@code octo} command and its options.
     */
    static List<String> nodeCommand(String... systemProperties) {
        Path nodeDir = Path.of(System.getProperty("user.dir"));
        Path jar = nodeDir.resolve("target/quarkus-app/quarkus-run.jar");
        org.assertj.core.api.Assertions.assertThat(jar).as("the packaged node (built in the package phase)").exists();
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Docto.home=" + nodeDir.toAbsolutePath().getParent());
        cmd.addAll(List.of(systemProperties));
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * Stops the node processes (SIGTERM, SIGKILL after 60 s), then whatever a killed node left running on
     * {@code devDir} (anvil, PostgreSQL), so that a test never leaves processes behind, whether it passed or not.
     */
    static void stopAll(Path devDir, Process... nodes) throws InterruptedException {
        for (Process p : nodes) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        io.cipherocto.contracts.devnet.StaleProcess.reap(devDir.resolve("anvil.pid"), "anvil", m -> { });
        io.cipherocto.contracts.devnet.StaleProcess.reap(devDir.resolve("postgres").resolve("postmaster.pid"), "postgres",
                m -> { });
    }

    /** The published epochs a node lists (GET /api/v1/epochs), ascending; empty while it does not answer. */
    static List<Long> publishedEpochs(String base) throws InterruptedException {
        List<Long> out = new java.util.ArrayList<>();
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/epochs"))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                for (com.fasterxml.jackson.databind.JsonNode e : new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(r.body())) {
                    if ("published".equals(e.path("status").asText())) {
                        out.add(e.path("epoch").asLong());
                    }
                }
            }
        } catch (IOException busy) {
            // next round
        }
        out.sort(null);
        return out;
    }

    /** The first epoch above {@code after} the node has published, waiting up to 150 s. */
    static long awaitPublishedAfter(String base, long after, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (System.nanoTime() < deadline) {
            for (long e : publishedEpochs(base)) {
                if (e > after) {
                    return e;
                }
            }
            Thread.sleep(1000);
        }
        fail("no epoch after %d published within 150 s; log:%n%s", after, tail(log));
        return -1;
    }
}
