package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.devnet.StaleProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a running {@code ./octo start-dev} (the packaged node as a process), then the same command again:
 * it starts without manual steps, stops the anvil and PostgreSQL the killed node left running, and loses nothing
 * (same deployment, the settled epochs still there, the chain continued). A second start-dev on a dev directory whose
 * node is alive is refused instead of disturbing it.
 */
class StartDevCrashRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void killMinus9_thenStartDevAgain_startsCleanly_stopsTheSurvivors_andKeepsTheChainAndTheDatabase() throws Exception {
        Path devDir = tmp.resolve("dev");
        int port = NodeProcesses.freePort();
        String base = "http://localhost:" + port;

        Process first = startDev(devDir, port, tmp.resolve("first.log"));
        Process second = null;
        try {
            NodeProcesses.awaitReady(first, base, tmp.resolve("first.log"), BOOT);
            long settled = awaitSettledEpoch(base, tmp.resolve("first.log"));
            String manifest = Files.readString(devDir.resolve("deployment.json"));
            long anvilPid = StaleProcess.pid(devDir.resolve("anvil.pid")).orElseThrow();
            long postgresPid = StaleProcess.pid(devDir.resolve("postgres").resolve("postmaster.pid")).orElseThrow();

            // A second start-dev on the same directory while the first is alive is refused and changes nothing.
            Process twin = startDev(devDir, NodeProcesses.freePort(), tmp.resolve("twin.log"));
            assertThat(twin.waitFor(60, TimeUnit.SECONDS)).as("the second start-dev exits").isTrue();
            assertThat(twin.exitValue()).isEqualTo(1);
            assertThat(Files.readString(tmp.resolve("twin.log"))).contains("another start-dev (pid " + first.pid() + ")");
            assertThat(alive(anvilPid)).isTrue();

            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor(30, TimeUnit.SECONDS);
            assertThat(alive(anvilPid) && alive(postgresPid)).as("anvil and PostgreSQL outlive a kill -9 of the node").isTrue();

            second = startDev(devDir, port, tmp.resolve("second.log"));
            NodeProcesses.awaitReady(second, base, tmp.resolve("second.log"), BOOT);
            String log = Files.readString(tmp.resolve("second.log"));
            assertThat(log).contains("stopping anvil (pid " + anvilPid + ")").contains("stopping postgres (pid " + postgresPid + ")");
            assertThat(log).doesNotContain("redeploying").doesNotContain("wiping");
            assertThat(alive(anvilPid)).as("the old anvil was stopped").isFalse();
            assertThat(alive(postgresPid)).as("the old postmaster was stopped").isFalse();
            assertThat(Files.readString(devDir.resolve("deployment.json"))).as("same deployment").isEqualTo(manifest);
            assertThat(epochs(base)).as("the settled epochs survived").contains(settled);
            long next = awaitSettledEpochAfter(base, settled, tmp.resolve("second.log"));
            assertThat(next).as("settlement continues on the kept chain and database").isGreaterThan(settled);
        } finally {
            for (Process p : new Process[] {second, first}) {
                if (p != null && p.isAlive()) {
                    p.destroy();
                    if (!p.waitFor(60, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                }
            }
            // whatever is still running from the first node (if the test failed early)
            StaleProcess.reap(devDir.resolve("anvil.pid"), "anvil", m -> { });
            StaleProcess.reap(devDir.resolve("postgres").resolve("postmaster.pid"), "postgres", m -> { });
        }
    }

    private Process startDev(Path devDir, int port, Path log) throws IOException {
        Path nodeDir = Path.of(System.getProperty("user.dir"));
        Path jar = nodeDir.resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged node (built in the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Docto.home=" + nodeDir.toAbsolutePath().getParent(), "-jar", jar.toString(),
                "start-dev", "--port", String.valueOf(port), "--dev-dir", devDir.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The first epoch settlement publishes (empty epochs settle without waiting for attestations). */
    private long awaitSettledEpoch(String base, Path log) throws Exception {
        return awaitSettledEpochAfter(base, -1, log);
    }

    private long awaitSettledEpochAfter(String base, long after, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> e = epochs(base).stream().filter(x -> x > after).findFirst();
            if (e.isPresent()) {
                return e.get();
            }
            Thread.sleep(1000);
        }
        fail("no epoch after %d published within 150 s; log:%n%s", after, NodeProcesses.tail(log));
        return -1;
    }

    private List<Long> epochs(String base) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/epochs"))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return List.of();
        }
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode e : JSON.readTree(r.body())) {
            if ("published".equals(e.path("status").asText())) {
                out.add(e.path("epoch").asLong());
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

}
