package io.cipherocto.node.cli;

import static io.cipherocto.node.cli.CliChain.octo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.devkit.DevEnvironment;
import io.cipherocto.settlement.api.RewardQueries;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * {@code octo claim} against anvil: the test posts a cumulative root for epoch 0 on the real RewardDistributor (as the
 * dev settlement account, with role-token emissions), and serves {@code GET /api/v1/rewards/{address}} from that tree
 * and the chain, in the node's format ({@link RewardQueries.AddressRewards}), from a small in-test HTTP server (the
 * node's own endpoint needs its database to hold the tree; the chain is real).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimCommandTest {
    private static final List<String> LEAF = List.of("address", "address", "uint256");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CliChain chain;
    private static HttpServer node;
    private static StandardMerkleTree tree;
    private static RewardDistributor rewards;
    private static Credentials provider;
    private static String token0;
    private static String token1;
    /** A node whose view of what was claimed is stale (it serves claimed = 0). */
    private static volatile boolean stale;

    @BeforeAll
    static void start() throws Exception {
        chain = new CliChain();
        provider = chain.newAccount(BigInteger.ZERO, BigInteger.ZERO);
        token0 = chain.manifest.roleToken(0).toLowerCase(Locale.ROOT);
        token1 = chain.manifest.roleToken(1).toLowerCase(Locale.ROOT);
        String earner = provider.getAddress().toLowerCase(Locale.ROOT);
        tree = StandardMerkleTree.of(List.of(
                List.of(earner, token0, octo(100)),
                List.of(earner, token1, octo(50)),
                List.of(DevAccounts.get(5).getAddress().toLowerCase(Locale.ROOT), token0, octo(7))), LEAF);
        Chain settler = chain.operator.as(DevAccounts.get(DevEnvironment.SETTLEMENT_ACCOUNT));
        rewards = RewardDistributor.load(chain.manifest.address(DeploymentManifest.REWARDS), settler.web3j(), settler.txManager(),
                settler.gas());
        AttestationRegistry registry = AttestationRegistry.load(chain.manifest.address(DeploymentManifest.ATTESTATIONS),
                settler.web3j(), settler.txManager(), settler.gas());
        long closing = registry.closingBlock(BigInteger.ZERO).send().longValueExact();
        long head = chain.anvil.blockNumber().longValueExact();
        if (head <= closing) {
            chain.anvil.mine(closing - head + 1);
        }
        byte[] receiptsRoot = Hash.sha3("no receipts".getBytes(StandardCharsets.UTF_8));
        CliChain.ok(rewards.commitEpoch(BigInteger.ZERO, receiptsRoot, BigInteger.ONE, new byte[32], List.of()).send());
        CliChain.ok(registry.recordEpochSeed(BigInteger.ZERO).send());
        CliChain.ok(rewards.submitRoot(BigInteger.ZERO, tree.root(), new byte[32], List.of(token0, token1),
                List.of(octo(107), octo(50))).send());

        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/api/v1/rewards/", exchange -> {
            String address = exchange.getRequestURI().getPath().substring("/api/v1/rewards/".length());
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(rewardsOf(address.toLowerCase(Locale.ROOT)));
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        node.start();
    }

    /** What the node's RewardQueries answers for this one root: active once the chain says so, else pending. */
    private static RewardQueries.AddressRewards rewardsOf(String address) throws Exception {
        RewardDistributor.RootInfo active = rewards.activeRoot().send();
        RewardDistributor.RootInfo latest = rewards.latestRoot().send();
        String root = tree.rootHex();
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < tree.size(); i++) {
            if (tree.value(i).get(0).equals(address)) {
                mine.add(i);
            }
        }
        if (!Numeric.toHexString(active.root).equals(root)) {
            Map<String, String> cum = new java.util.TreeMap<>();
            mine.forEach(i -> cum.put((String) tree.value(i).get(1), tree.value(i).get(2).toString()));
            return new RewardQueries.AddressRewards(address, null, null, null, List.of(),
                    new RewardQueries.Pending(0, root, latest.activatesAt.longValueExact(), cum));
        }
        List<RewardQueries.TokenReward> out = new ArrayList<>();
        for (int i : mine) {
            String token = (String) tree.value(i).get(1);
            BigInteger cumulative = (BigInteger) tree.value(i).get(2);
            BigInteger claimed = stale ? BigInteger.ZERO : rewards.claimed(address, token).send();
            out.add(new RewardQueries.TokenReward(token, cumulative.toString(), claimed.toString(),
                    cumulative.subtract(claimed).toString(), i, tree.proofHex(i)));
        }
        return new RewardQueries.AddressRewards(address, 0L, root, active.activatesAt.longValueExact(), out, null);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.stop(0);
        }
        chain.close();
    }

    private static CliChain.Run claim(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--node";
        all[1] = "http://127.0.0.1:" + node.getAddress().getPort();
        System.arraycopy(args, 0, all, 2, args.length);
        return chain.run(ClaimCommand::run, provider, all);
    }

    @Test
    @Order(1)
    void claim_refuses_whileTheRootIsNotActiveYet_andSendsNothing() throws Exception {
        CliChain.Run r = claim();
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refused, nothing sent: no reward root is active yet")
                .contains("epoch 0's root is not active yet: claims against it open at");
        assertThat(chain.sent(provider.getAddress())).isZero();
    }

    @Test
    @Order(2)
    void claim_sendsOneTransaction_andEachBalanceRisesByItsClaimable() throws Exception {
        chain.increaseTime(31); // the dev activation delay is 30 s
        CliChain.Run r = claim();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CliChain.txLines(r.out())).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("claimed 100000000000000000000 wei of " + token0 + ", 50000000000000000000 wei of " + token1)
                .contains("one transaction");
        assertThat(chain.sent(provider.getAddress())).isEqualTo(BigInteger.ONE); // claimMany: one transaction for both
        assertThat(chain.balance(token0, provider.getAddress())).isEqualTo(octo(100));
        assertThat(chain.balance(token1, provider.getAddress())).isEqualTo(octo(50));
    }

    @Test
    @Order(3)
    void claim_refuses_whenNothingIsLeftToClaim() throws Exception {
        CliChain.Run r = claim("--token", token0);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("nothing to claim for " + provider.getAddress().toLowerCase(Locale.ROOT) + " in token " + token0);
        assertThat(chain.sent(provider.getAddress())).isEqualTo(BigInteger.ONE);
    }

    @Test
    @Order(4)
    void claim_refusesWithTheDecodedContractError_whenTheNodeIsStale() throws Exception {
        stale = true; // the node still says 100 claimable: only the eth_call pre-flight knows better
        try {
            CliChain.Run r = claim();
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("nothing to claim: cumulative 100000000000000000000 wei, already claimed "
                    + "100000000000000000000 wei [RewardsNothingToClaim]");
            assertThat(chain.sent(provider.getAddress())).isEqualTo(BigInteger.ONE);
        } finally {
            stale = false;
        }
    }

    @Test
    @Order(5)
    void preflight_refusesAClaimManyWithAWrongProof_withTheDistributorsDecodedError() {
        // claimMany as the CLI encodes it, with a wrong proof: the eth_call pre-flight names the distributor's error.
        List<ClaimCommand.Entry> entries = List.of(
                new ClaimCommand.Entry(token0, octo(7), octo(7), List.of(new byte[32])));
        String data = ClaimCommand.claimMany(DevAccounts.get(5).getAddress(), entries);
        assertThatThrownBy(() -> {
            try (TxSender tx = TxSender.open(new Args(new String[] {"--rpc", chain.anvil.rpcUrl(), "--manifest",
                    chain.manifestPath.toString()}, java.util.Set.of(), TxSender.OPTIONS), Map.of(Signer.KEY_ENV,
                    DevAccounts.PRIVATE_KEYS.get(5)), System.out, System.err)) {
                tx.preflight(chain.manifest.address(DeploymentManifest.REWARDS), data);
            }
        }).isInstanceOf(Refusal.class).hasMessageContaining("[RewardsInvalidProof]");
    }
}
