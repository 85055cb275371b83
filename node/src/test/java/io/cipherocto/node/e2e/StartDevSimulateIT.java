package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.devnet.DevAccounts;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: {@code octo start-dev --fresh --simulate} as a separate process (the packaged quarkus-app), observed only
 * through the HTTP API: a root is posted, a provider's claim is paid, the cheating provider (#4) is slashed, the
 * simulation's ballots are counted. Then SIGTERM: the process and its anvil and PostgreSQL are gone.
 */
class StartDevSimulateIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(150);
    /** After readiness; the simulation needs about 1.5 minutes on an idle 2-core machine. */
    private static final Duration CHECKS = Duration.ofSeconds(210);
    /** When the class was loaded, just before the test: the times printed at the end count from here. */
    private static final long STARTED = System.nanoTime();
    private static final Pattern PROPOSAL = Pattern.compile("\\[sim\\] proposal (\\d+) created");

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void simulate_settlesClaimsSlashesAndVotes() throws Exception {
        Path nodeDir = Path.of(System.getProperty("user.dir"));
        Path jar = nodeDir.resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged node (built in the package phase)").exists();
        Path home = nodeDir.toAbsolutePath().getParent();
        Path devDir = tmp.resolve("dev");
        Path log = tmp.resolve("node.log");
        int port = NodeProcesses.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // every sampled job is re-executed: the cheater (30 % of its jobs wrong) is caught in the first epochs
        Process node = new ProcessBuilder(java, "-Docto.home=" + home, "-Docto.sim.sampling-rate=1", "-jar", jar.toString(),
                "start-dev", "--fresh", "--simulate", "--port", String.valueOf(port), "--dev-dir", devDir.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://localhost:" + port;
        List<ProcessHandle> children = new ArrayList<>();
        Optional<Long> postgresPid = Optional.empty();
        Map<String, String> seen = new LinkedHashMap<>();
        try {
            NodeProcesses.awaitReady(node, base, log, BOOT);
            node.descendants().forEach(children::add);
            postgresPid = postmasterPid(devDir);
            String cheater = DevAccounts.get(4).getAddress();
            long deadline = System.nanoTime() + CHECKS.toNanos();
            while (seen.size() < 4 && System.nanoTime() < deadline) {
                assertThat(node.isAlive()).as("node process alive; log:%n%s", NodeProcesses.tail(log)).isTrue();
                check(seen, "root", () -> rootPosted(base));
                check(seen, "claim", () -> claimPaid(base));
                check(seen, "slash", () -> slashed(base, cheater));
                check(seen, "vote", () -> voteCounted(base, log));
                Thread.sleep(2000);
            }
            System.out.println("start-dev --simulate: seen " + seen);
            if (seen.size() < 4) {
                fail("within %s only %s were seen; node log:%n%s", CHECKS, seen, NodeProcesses.tail(log));
            }
            // the simulation printed its per-epoch lines
            assertThat(Files.readString(log)).containsPattern("\\[sim\\] epoch \\d+: \\d+ receipts");
            verifyEveryPublishedEpochFromItsBundle(base, devDir);
            if (children.isEmpty()) {
                node.descendants().forEach(children::add);
            }
        } finally {
            if (postgresPid.isEmpty()) {
                postgresPid = postmasterPid(devDir);
            }
            node.descendants().forEach(children::add);
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                node.waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(children).as("anvil ran as a child of the node").isNotEmpty();
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < until && (children.stream().anyMatch(ProcessHandle::isAlive) || alive(postgresPid))) {
            Thread.sleep(200);
        }
        assertThat(children.stream().filter(ProcessHandle::isAlive).map(p -> p.pid() + " " + p.info().command().orElse("?")))
                .as("child processes left after the node stopped").isEmpty();
        assertThat(postgresPid).as("PostgreSQL's postmaster.pid was found").isPresent();
        assertThat(alive(postgresPid)).as("PostgreSQL (pid %s) stopped with the node", postgresPid).isFalse();
    }

    /**
     * Every published epoch recomputes from its public bundle and the chain alone ({@code octo audit verify-epoch N
     * --bundle FILE --rpc URL --manifest FILE}, no database); one byte changed in one receipt of a bundle gives a
     * mismatch that names that receipt.
     */
    private void verifyEveryPublishedEpochFromItsBundle(String base, Path devDir) throws Exception {
        String rpc = JSON.readTree(devDir.resolve("endpoints.json").toFile()).path("rpcUrl").asText();
        String manifest = devDir.resolve("deployment.json").toString();
        List<Long> published = new ArrayList<>();
        for (JsonNode e : get(base + "/api/v1/epochs")) {
            if (e.hasNonNull("txHash")) {
                published.add(e.get("epoch").asLong());
            }
        }
        assertThat(published).isNotEmpty();
        Path tampered = null;
        int receiptsChecked = 0;
        for (long n : published) {
            Path file;
            try (var files = Files.list(devDir.resolve("bundles"))) {
                file = files.filter(f -> f.getFileName().toString().startsWith("epoch-" + n + "-")).findFirst()
                        .orElseThrow(() -> new AssertionError("no bundle file of epoch " + n + " in " + devDir.resolve("bundles")));
            }
            var out = new java.io.ByteArrayOutputStream();
            var err = new java.io.ByteArrayOutputStream();
            int rc = io.cipherocto.node.cli.AuditCommand.run(new String[] {"verify-epoch", Long.toString(n), "--bundle",
                    file.toString(), "--rpc", rpc, "--manifest", manifest}, new java.io.PrintStream(out, true),
                    new java.io.PrintStream(err, true));
            assertThat(rc).as("epoch %d from its bundle alone:%n%s%n%s", n, out, err).isZero();
            assertThat(out.toString()).contains("epoch " + n + ": MATCH");
            JsonNode bundle = JSON.readTree(file.toFile());
            receiptsChecked += bundle.path("receipts").size();
            if (tampered == null && bundle.path("receipts").size() > 0) {
                String text = Files.readString(file);
                String job = bundle.path("receipts").get(0).path("jobId").asText();
                int at = text.indexOf("\"workUnits\":\"", text.indexOf(job)) + "\"workUnits\":\"".length();
                char[] chars = text.toCharArray();
                chars[at] = chars[at] == '9' ? '1' : (char) (chars[at] + 1);
                tampered = tmp.resolve("tampered-" + n + ".json");
                Files.writeString(tampered, new String(chars));
                var tout = new java.io.ByteArrayOutputStream();
                int trc = io.cipherocto.node.cli.AuditCommand.run(new String[] {"verify-epoch", Long.toString(n), "--bundle",
                        tampered.toString(), "--rpc", rpc, "--manifest", manifest}, new java.io.PrintStream(tout, true),
                        new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true));
                assertThat(trc).isEqualTo(1);
                assertThat(tout.toString()).contains("MISMATCH: receipt #0 (job " + job + ")");
            }
        }
        assertThat(tampered).as("a bundle with receipts to tamper with").isNotNull();
        System.out.println("start-dev --simulate: " + published.size() + " published epochs recomputed from their bundles ("
                + receiptsChecked + " receipts); a changed byte named its receipt");
    }

    @FunctionalInterface
    private interface Probe {
        Optional<String> run() throws Exception;
    }

    private static void check(Map<String, String> seen, String what, Probe probe) {
        if (seen.containsKey(what)) {
            return;
        }
        try {
            probe.run().ifPresent(v -> seen.put(what, v + " (after " + (System.nanoTime() - STARTED) / 1_000_000_000 + " s)"));
        } catch (Exception notYet) {
            // the API is busy or the data is not there yet: next round
        }
    }

    private Optional<String> rootPosted(String base) throws Exception {
        for (JsonNode e : get(base + "/api/v1/epochs")) {
            if (e.hasNonNull("root") && e.hasNonNull("txHash")) {
                JsonNode one = get(base + "/api/v1/epochs/" + e.get("epoch").asLong());
                if (one.hasNonNull("txHash") && one.path("root").asText().matches("0x[0-9a-f]{64}")) {
                    return Optional.of("epoch " + e.get("epoch").asLong() + " tx " + one.get("txHash").asText());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> claimPaid(String base) throws Exception {
        for (int p = 1; p <= 4; p++) {
            String a = DevAccounts.get(p).getAddress();
            for (JsonNode t : get(base + "/api/v1/rewards/" + a).path("rewards")) {
                if (new BigInteger(t.path("claimed").asText("0")).signum() > 0) {
                    return Optional.of("#" + p + " claimed " + t.path("claimed").asText() + " of " + t.path("token").asText());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> slashed(String base, String cheater) throws Exception {
        JsonNode a = get(base + "/api/v1/attestations?provider=" + cheater);
        // Protocol v2: the fail attestation queues the slash; it counts once executed after the (dev: 30 s) veto window.
        if (a.path("failAttestationsOnChain").size() > 0 && a.path("slashesExecuted").size() > 0) {
            return Optional.of(a.path("failAttestationsOnChain").size() + " fail attestations on chain, "
                    + a.path("slashesExecuted").size() + " slashes executed after the veto window");
        }
        return Optional.empty();
    }

    private Optional<String> voteCounted(String base, Path log) throws Exception {
        Matcher m = PROPOSAL.matcher(Files.readString(log));
        if (!m.find()) {
            return Optional.empty();
        }
        JsonNode p = get(base + "/api/v1/governance/proposals/" + m.group(1));
        BigInteger votesFor = new BigInteger(p.path("votes").path("for").asText("0"));
        return votesFor.signum() > 0 ? Optional.of("proposal " + p.path("state").asText() + " for " + votesFor) : Optional.empty();
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + ": " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    /** The postmaster's pid (first line of postmaster.pid in the data directory), while it runs. */
    private static Optional<Long> postmasterPid(Path devDir) {
        Path pidFile = devDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (Files.exists(pidFile)) {
                return Optional.of(Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim()));
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: reported by the caller's assertion
        }
        return Optional.empty();
    }

    private static boolean alive(Optional<Long> pid) {
        return pid.flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
    }

}
