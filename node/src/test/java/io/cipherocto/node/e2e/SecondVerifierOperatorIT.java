package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.devnet.DevAccounts;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * A second verifier operator as a separate node process, with its own key, its own database and no settlement role
 * ({@code octo start --roles verifier}), meets the first node only through the chain and the public APIs: it reads the
 * epochs' jobs and specs from the first node's API, verifies the sampled jobs, commits its pass attestations, and
 * co-signs the fail attestations the registry's quorum of 2 requires, so the cheater gets slashed. Node A is
 * {@code start-dev --simulate}; the simulation registers B as a second verifier and sets the quorum to 2 (the dev
 * shortcut: anvil impersonates the timelock).
 */
class SecondVerifierOperatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(180);
    private static final Duration CHECKS = Duration.ofSeconds(240);
    /** Operator B's key: not one of anvil's dev accounts (funded with ETH by the test). */
    private static final Credentials B = Credentials.create("0x" + "b0".repeat(32));

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void secondOperator_ownNodeKeyAndDatabase_verifiesThroughTheApi_andCosignsTheSlash() throws Exception {
        Path devDir = tmp.resolve("dev");
        int portA = NodeProcesses.freePort();
        int portB = NodeProcesses.freePort();
        String a = "http://127.0.0.1:" + portA;
        String b = "http://127.0.0.1:" + portB;
        String cheater = DevAccounts.get(4).getAddress().toLowerCase();

        List<String> commandA = NodeProcesses.nodeCommand("-Docto.sim.sampling-rate=1", "-Docto.sim.extra-verifiers="
                + B.getAddress(), "-Docto.verifier.peers=" + b, "-Docto.settlement.verifier-urls=" + a + "," + b);
        commandA.addAll(List.of("start-dev", "--fresh", "--simulate", "--port", String.valueOf(portA), "--dev-dir", devDir.toString()));
        Process nodeA = new ProcessBuilder(commandA).directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("a.log").toFile()).start();
        Process nodeB = null;
        try {
            NodeProcesses.awaitReady(nodeA, a, tmp.resolve("a.log"), BOOT);
            JsonNode endpoints = JSON.readTree(devDir.resolve("endpoints.json").toFile());
            String rpc = endpoints.path("rpcUrl").asText();
            JsonNode manifest = JSON.readTree(devDir.resolve("deployment.json").toFile());
            String registry = manifest.path("contracts").path("AttestationRegistry").asText();
            rpc(rpc, "anvil_setBalance", "[\"" + B.getAddress() + "\",\"0x56bc75e2d63100000\"]");
            // B's own database: a separate database on the dev PostgreSQL server (B never sees A's tables)
            String dbUrl = endpoints.path("dbUrl").asText();
            URI pg = URI.create(dbUrl.replaceFirst("^postgresql://", "http://"));
            String jdbcServer = "jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort() + "/postgres";
            try (Connection c = DriverManager.getConnection(jdbcServer, "postgres", "postgres")) {
                c.createStatement().execute("CREATE DATABASE operator_b");
            }
            String dbB = "postgresql://" + pg.getHost() + ":" + pg.getPort() + "/operator_b";

            List<String> commandB = NodeProcesses.nodeCommand("-Docto.verifier.key=" + toHex(B), "-Docto.verifier.jobs-url=" + a,
                    "-Docto.verifier.peers=" + a, "-Docto.verifier.poll-interval=1s");
            commandB.addAll(List.of("start", "--roles", "verifier"));
            ProcessBuilder pb = new ProcessBuilder(commandB).directory(tmp.toFile()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("b.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("OCTO_RPC_URL", rpc);
            env.put("OCTO_DB_URL", dbB);
            env.put("OCTO_DB_USER", "postgres");
            env.put("OCTO_DB_PASSWORD", "postgres");
            env.put("OCTO_MANIFEST", devDir.resolve("deployment.json").toString());
            env.put("OCTO_HTTP_PORT", String.valueOf(portB));
            nodeB = pb.start();
            NodeProcesses.awaitReady(nodeB, b, tmp.resolve("b.log"), BOOT);

            String failTopic = topic("FailAttestationAccepted(uint64,bytes32,address,uint8,bytes32,bytes32,bytes32,address,uint256)");
            String passTopic = topic("PassAttestationsCommitted(uint64,address,bytes32,uint32)");
            String quorumTopic = topic("QuorumSet(uint256)");
            long deadline = System.nanoTime() + CHECKS.toNanos();
            List<JsonNode> bPasses = new ArrayList<>();
            List<JsonNode> cheaterFails = new ArrayList<>();
            long quorumTwoFrom = -1;
            while (System.nanoTime() < deadline) {
                assertThat(nodeA.isAlive()).as("node A alive; log:%n%s", NodeProcesses.tail(tmp.resolve("a.log"))).isTrue();
                assertThat(nodeB.isAlive()).as("node B alive; log:%n%s", NodeProcesses.tail(tmp.resolve("b.log"))).isTrue();
                for (JsonNode log : logs(rpc, registry, quorumTopic)) {
                    if (new BigInteger(log.path("data").asText().substring(2), 16).intValue() == 2) {
                        quorumTwoFrom = Long.decode(log.path("blockNumber").asText());
                    }
                }
                bPasses.clear();
                for (JsonNode log : logs(rpc, registry, passTopic)) {
                    if (log.path("topics").get(2).asText().endsWith(B.getAddress().substring(2).toLowerCase())) {
                        bPasses.add(log);
                    }
                }
                cheaterFails.clear();
                for (JsonNode log : logs(rpc, registry, failTopic)) {
                    long block = Long.decode(log.path("blockNumber").asText());
                    if (quorumTwoFrom >= 0 && block > quorumTwoFrom && log.path("topics").get(3).asText().endsWith(cheater.substring(2))) {
                        cheaterFails.add(log);
                    }
                }
                if (!bPasses.isEmpty() && !cheaterFails.isEmpty()) {
                    break;
                }
                Thread.sleep(2000);
            }
            if (bPasses.isEmpty() || cheaterFails.isEmpty()) {
                fail("within %s: %d pass commitments of operator B, %d fail attestations of the cheater under quorum 2 "
                        + "(quorum 2 from block %d)%nnode A:%n%s%nnode B:%n%s", CHECKS, bPasses.size(), cheaterFails.size(),
                        quorumTwoFrom, NodeProcesses.tail(tmp.resolve("a.log")), NodeProcesses.tail(tmp.resolve("b.log")));
            }
            System.out.println("second operator: " + bPasses.size() + " pass commitments of B, " + cheaterFails.size()
                    + " fail attestations of the cheater accepted under quorum 2 (both operators signed)");
            // B learnt jobs and specs only through A's API, into its own database; it has no settlement role.
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pg.getHost() + ":" + pg.getPort()
                    + "/operator_b", "postgres", "postgres")) {
                assertThat(count(c, "SELECT count(*) FROM verifier.specs")).as("specs fetched from A's API").isPositive();
                // B's first pass commitments may be of epochs with nothing sampled for it, and its co-signature re-executes
                // outside its work queue: give its own queue until a later epoch to show a job re-executed
                long doneBy = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
                while (count(c, "SELECT count(*) FROM verifier.work WHERE status = 'done'") == 0 && System.nanoTime() < doneBy) {
                    Thread.sleep(2000);
                }
                assertThat(count(c, "SELECT count(*) FROM verifier.work WHERE status = 'done'")).as("jobs B re-executed "
                        + "(work by status: %s); node B:%n%s", strings(c, "SELECT status || ':' || count(*) || ':' || "
                        + "coalesce(max(last_error), '') FROM verifier.work GROUP BY status"), NodeProcesses.tail(tmp.resolve("b.log")))
                        .isPositive();
                assertThat(count(c, "SELECT count(*) FROM verifier.cosignatures")
                        + count(c, "SELECT count(*) FROM verifier.fail_attestations")).as("B's part in fail quorums")
                        .isPositive();
            }
            // B serves its pass sets, and no settlement API (octo.roles=verifier)
            HttpResponse<String> passes = http.send(HttpRequest.newBuilder(URI.create(b + "/api/v1/verifier/epochs/"
                    + Long.decode(bPasses.get(0).path("topics").get(1).asText()) + "/passes")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(passes.statusCode()).isEqualTo(200);
            assertThat(passes.body()).containsIgnoringCase(B.getAddress());
            HttpResponse<String> noSettlement = http.send(HttpRequest.newBuilder(URI.create(b + "/api/v1/epochs"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noSettlement.statusCode()).isEqualTo(404);
            assertThat(noSettlement.body()).contains("role_not_served");
            assertThat(Files.readString(tmp.resolve("b.log"))).doesNotContain("settlement worker started");
        } finally {
            NodeProcesses.stopAll(devDir, nodeB, nodeA);
        }
    }

    private static String toHex(Credentials c) {
        return "0x" + String.format("%064x", c.getEcKeyPair().getPrivateKey());
    }

    private static String topic(String signature) {
        return Hash.sha3String(signature);
    }

    private static List<String> strings(Connection c, String sql) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private JsonNode rpc(String url, String method, String params) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode out = JSON.readTree(r.body());
        if (out.has("error")) {
            throw new IllegalStateException(method + ": " + out.path("error"));
        }
        return out.path("result");
    }

    private List<JsonNode> logs(String url, String address, String topic0) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        rpc(url, "eth_getLogs", "[{\"fromBlock\":\"0x0\",\"toBlock\":\"latest\",\"address\":\"" + address + "\",\"topics\":[\""
                + topic0 + "\"]}]").forEach(out::add);
        return out;
    }
}
