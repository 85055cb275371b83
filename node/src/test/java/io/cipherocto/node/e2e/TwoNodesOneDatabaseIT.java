package io.cipherocto.node.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.devkit.DevEnvironment;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two full nodes (every role, the same keys) on one PostgreSQL and one chain: node A is {@code ./octo start-dev}, node
 * B is {@code octo start} pointed at A's database, chain and manifest. Exactly one indexer and one settlement writer
 * act (advisory locks): every settled epoch has exactly one RootSubmitted on chain and one row in the database. Then A
 * is killed with {@code kill -9} and B takes over: settlement goes on, still one root per epoch.
 */
class TwoNodesOneDatabaseIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BOOT = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoNodes_oneWriterActs_noRootTwice_andTheSecondTakesOverWhenTheFirstIsKilled() throws Exception {
        Path devDir = tmp.resolve("dev");
        int portA = NodeProcesses.freePort();
        int portB = NodeProcesses.freePort();
        String a = "http://localhost:" + portA;
        String b = "http://localhost:" + portB;
        List<String> commandA = NodeProcesses.nodeCommand();
        commandA.addAll(List.of("start-dev", "--port", String.valueOf(portA), "--dev-dir", devDir.toString()));
        Process nodeA = new ProcessBuilder(commandA).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("a.log").toFile()).start();
        Process nodeB = null;
        try {
            NodeProcesses.awaitReady(nodeA, a, tmp.resolve("a.log"), BOOT);
            JsonNode endpoints = JSON.readTree(devDir.resolve("endpoints.json").toFile());
            List<String> commandB = NodeProcesses.nodeCommand(
                    "-Docto.settlement.operator-key=" + DevAccounts.PRIVATE_KEYS.get(DevEnvironment.SETTLEMENT_ACCOUNT),
                    "-Docto.verifier.key=" + DevAccounts.PRIVATE_KEYS.get(DevEnvironment.VERIFIER_ACCOUNT),
                    "-Docto.governance.relayer-key=" + DevAccounts.PRIVATE_KEYS.get(DevEnvironment.RELAYER_ACCOUNT));
            commandB.add("start");
            ProcessBuilder pb = new ProcessBuilder(commandB).directory(tmp.toFile()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("b.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("OCTO_RPC_URL", endpoints.path("rpcUrl").asText());
            env.put("OCTO_DB_URL", endpoints.path("dbUrl").asText());
            env.put("OCTO_DB_USER", "postgres");
            env.put("OCTO_DB_PASSWORD", "postgres");
            env.put("OCTO_MANIFEST", endpoints.path("manifest").asText());
            env.put("OCTO_HTTP_PORT", String.valueOf(portB));
            nodeB = pb.start();
            NodeProcesses.awaitReady(nodeB, b, tmp.resolve("b.log"), BOOT);

            // Both run every role; epochs settle once each.
            long first = NodeProcesses.awaitPublishedAfter(b, -1, tmp.resolve("b.log"));
            long second = NodeProcesses.awaitPublishedAfter(b, first, tmp.resolve("b.log"));
            assertExactlyOneRootPerEpoch(endpoints.path("rpcUrl").asText(), devDir, second);
            String writerLog = Files.readString(tmp.resolve("a.log")) + Files.readString(tmp.resolve("b.log"));
            assertThat(count(writerLog, "published: root")).as("each epoch published once across both nodes' logs")
                    .isEqualTo(distinctPublished(writerLog));

            nodeA.destroyForcibly(); // kill -9: its database sessions, and so its advisory locks, end with it
            nodeA.waitFor(30, TimeUnit.SECONDS);
            long afterKill = NodeProcesses.awaitPublishedAfter(b, second, tmp.resolve("b.log"));
            long later = NodeProcesses.awaitPublishedAfter(b, afterKill, tmp.resolve("b.log"));
            assertThat(later).isGreaterThan(second);
            assertExactlyOneRootPerEpoch(endpoints.path("rpcUrl").asText(), devDir, later);
            assertThat(Files.readString(tmp.resolve("b.log"))).as("node B settled after the takeover")
                    .containsPattern("epoch " + later + " published: root");
        } finally {
            NodeProcesses.stopAll(devDir, nodeB, nodeA);
        }
    }

    /** RootSubmitted logs on chain: exactly one per epoch for every epoch up to {@code upTo}. */
    private void assertExactlyOneRootPerEpoch(String rpc, Path devDir, long upTo) throws Exception {
        JsonNode manifest = JSON.readTree(devDir.resolve("deployment.json").toFile());
        String rewards = manifest.path("contracts").path("RewardDistributor").asText();
        String topic = "0x" + org.web3j.crypto.Hash.sha3String("RootSubmitted(uint64,bytes32,uint256,bytes32)").substring(2);
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[{\"fromBlock\":\"0x0\","
                + "\"toBlock\":\"latest\",\"address\":\"" + rewards + "\",\"topics\":[\"" + topic + "\"]}]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rpc)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Map<Long, Integer> perEpoch = new HashMap<>();
        for (JsonNode log : JSON.readTree(r.body()).path("result")) {
            long epoch = new BigInteger(log.path("topics").get(1).asText().substring(2), 16).longValueExact();
            perEpoch.merge(epoch, 1, Integer::sum);
        }
        for (long e = 0; e <= upTo; e++) {
            assertThat(perEpoch.getOrDefault(e, 0)).as("RootSubmitted logs of epoch %d", e).isEqualTo(1);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static int distinctPublished(String text) {
        java.util.Set<String> epochs = new java.util.HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("epoch (\\d+) published: root").matcher(text);
        while (m.find()) {
            epochs.add(m.group(1));
        }
        return epochs.size();
    }
}
