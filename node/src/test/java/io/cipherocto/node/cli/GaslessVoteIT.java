package io.cipherocto.node.cli;

import static io.cipherocto.node.cli.CliChain.octo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.devkit.DevEnvironment;
import io.cipherocto.devkit.TestDatabase;
import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * {@code octo vote --gasless} end to end: the packaged node runs the governance role ({@code octo start --roles
 * governance}, relayer dev account #7) against anvil and an embedded PostgreSQL; the CLI signs the ballot, the node's
 * API validates it (signature, nonce, membership), its relayer sends it, and the CLI follows it to "confirmed".
 */
class GaslessVoteIT {
    @TempDir
    Path tmp;

    @Test
    void gaslessVote_isAcceptedByTheNode_relayed_andCountedOnChain_whileTheVoterSendsNothing() throws Exception {
        try (CliChain chain = new CliChain(); TestDatabase db = TestDatabase.start()) {
            Credentials voter = chain.member(octo(400));
            BigInteger id = chain.proposal("gasless through the node", true);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path nodeDir = Path.of(System.getProperty("user.dir"));
            Path jar = nodeDir.resolve("target/quarkus-app/quarkus-run.jar");
            assertThat(jar).as("the packaged node (built in the package phase)").exists();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Docto.home=" + nodeDir.toAbsolutePath().getParent(),
                    "-Docto.governance.relayer-key=" + DevAccounts.PRIVATE_KEYS.get(DevEnvironment.RELAYER_ACCOUNT),
                    "-jar", jar.toString(), "start", "--roles", "governance"));
            Path log = tmp.resolve("node.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("OCTO_"));
            pb.environment().put("OCTO_RPC_URL", chain.anvil.rpcUrl());
            pb.environment().put("OCTO_DB_URL", db.reactiveUrl());
            pb.environment().put("OCTO_DB_USER", "postgres");
            pb.environment().put("OCTO_DB_PASSWORD", "postgres");
            pb.environment().put("OCTO_MANIFEST", chain.manifestPath.toString());
            pb.environment().put("OCTO_HTTP_PORT", String.valueOf(port));
            Process node = pb.start();
            try {
                String base = "http://127.0.0.1:" + port;
                awaitReady(node, base, log);
                BigInteger sentBefore = chain.sent(voter.getAddress());
                CliChain.Run r = chain.run(VoteCommand::run, voter, id.toString(), "for", "--gasless", "--reason",
                        "through the relayer", "--node", base, "--wait", "60");
                assertThat(r.exit()).as(r.out() + r.err() + "\nnode log:\n" + tail(log)).isZero();
                assertThat(r.out()).contains("queued").contains("confirmed").contains("(gasless): tx 0x");
                OctoGovernor governor = OctoGovernor.load(chain.manifest.address(DeploymentManifest.GOVERNOR),
                        chain.anvil.web3j(), chain.operator.txManager(), chain.operator.gas());
                assertThat(governor.hasVoted(id, voter.getAddress()).send()).isTrue();
                assertThat(governor.proposalVotes(id).send().component2()).isEqualTo(octo(400).sqrt());
                assertThat(chain.sent(voter.getAddress())).isEqualTo(sentBefore);

                // A second ballot: the node refuses it (already voted), the CLI exits 1 before signing anything new
                CliChain.Run twice = chain.run(VoteCommand::run, voter, id.toString(), "against", "--gasless", "--node", base);
                assertThat(twice.exit()).isEqualTo(1);
                assertThat(twice.err()).contains("has already voted");
            } finally {
                node.destroy();
                if (!node.waitFor(60, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
            }
        }
    }

    private static void awaitReady(Process node, String base, Path log) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.isAlive()) {
                fail("the node exited with %d; log:%n%s", node.exitValue(), tail(log));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail("not ready within 120 s; log:%n%s", tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
