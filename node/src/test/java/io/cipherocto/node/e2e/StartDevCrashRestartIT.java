package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.devnet.StaleProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    private static final Duration BOOT = Duration.ofSeconds(180);

    @TempDir
    Path tmp;


    @Test
    void killMinus9_thenStartDevAgain_startsCleanly_stopsTheSurvivors_andKeepsTheChainAndTheDatabase() throws Exception {
        Path devDir = tmp.resolve("dev");
        int port = NodeProcesses.freePort();
        String base = "http://localhost:" + port;

        Process first = startDev(devDir, port, tmp.resolve("first.log"));
        Process second = null;
        try {
            NodeProcesses.awaitReady(first, base, tmp.resolve("first.log"), BOOT);
            long settled = NodeProcesses.awaitPublishedAfter(base, -1, tmp.resolve("first.log"));
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
            assertThat(NodeProcesses.publishedEpochs(base)).as("the settled epochs survived").contains(settled);
            long next = NodeProcesses.awaitPublishedAfter(base, settled, tmp.resolve("second.log"));
            assertThat(next).as("settlement continues on the kept chain and database").isGreaterThan(settled);
        } finally {
            NodeProcesses.stopAll(devDir, second, first);
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

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

}
