package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.RewardDistributor;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * {@code octo claim [--token ADDR]}: reads the key's rewards and proofs from the node ({@code GET /api/v1/rewards/{address}})
 * and claims everything claimable in ONE transaction: {@code RewardDistributor.claimMany} for several tokens,
 * {@code claim} for one. Refuses when there is nothing to claim, when the root is not active yet, when claims are
 * paused, or when the node's root is not the one active on chain.
 */
public final class ClaimCommand {
    static final String USAGE = "usage: octo claim [--token ADDR] [--node URL] [--rpc URL] [--manifest FILE] [--keystore FILE]";

    private ClaimCommand() {
    }

    /** One token's claim, as the node serves it. */
    record Entry(String token, BigInteger cumulativeAmount, BigInteger claimable, List<byte[]> proof) {
    }

    public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
        return VerbRunner.run("claim", USAGE, err, () -> {
            Set<String> options = new HashSet<>(TxSender.OPTIONS);
            options.addAll(List.of("--token", "--node"));
            Args args = new Args(argv, Set.of(), options);
            Optional<String> token = args.value("--token").map(t -> {
                if (!io.cipherocto.platform.kernel.Address.isValid(t)) {
                    throw new Args.UsageException("--token: not an address: " + t);
                }
                return t.toLowerCase(Locale.ROOT);
            });
            NodeApi api = NodeApi.of(args.value("--node"), env);
            try (TxSender tx = TxSender.open(args, env, out, err)) {
                String earner = tx.address().toLowerCase(Locale.ROOT);
                NodeApi.Answer answer = api.get("/api/v1/rewards/" + earner);
                if (answer.status() != 200) {
                    throw new IllegalStateException("the node answered GET /api/v1/rewards/" + earner + " with " + answer.errorText());
                }
                RewardDistributor rewards = RewardDistributor.load(tx.manifest().address(DeploymentManifest.REWARDS),
                        tx.web3j(), tx.chain().txManager(), tx.chain().gas());
                List<Entry> entries = claimable(answer.body(), token, earner);
                if (TxSender.read(() -> rewards.claimsPaused().send())) {
                    throw new Refusal("claims are paused on the RewardDistributor " + rewards.getContractAddress());
                }
                String chainRoot = Numeric.toHexString(TxSender.read(() -> rewards.activeRoot().send()).root);
                if (!chainRoot.equalsIgnoreCase(answer.body().path("root").asText())) {
                    throw new Refusal("the node serves proofs for root " + answer.body().path("root").asText() + " but the "
                            + "active root on chain is " + chainRoot + " (node behind the chain?)");
                }
                String data = entries.size() == 1
                        ? rewards.claim(earner, entries.get(0).token(), entries.get(0).cumulativeAmount(), entries.get(0).proof())
                                .encodeFunctionCall()
                        : claimMany(earner, entries);
                List<String> parts = new ArrayList<>();
                for (Entry e : entries) {
                    parts.add(e.claimable() + " wei of " + e.token());
                }
                tx.send("claimed " + String.join(", ", parts) + " for " + earner + " (epoch "
                        + answer.body().path("epoch").asText() + ", one transaction)", rewards.getContractAddress(), data);
                return 0;
            }
        });
    }

    /** The entries with something to claim; refuses, saying why, when there are none. */
    static List<Entry> claimable(JsonNode body, Optional<String> token, String earner) {
        JsonNode pending = body.path("pending");
        String pendingNote = pending.isObject() && pending.path("cumulativeAmounts").size() > 0
                ? "; epoch " + pending.path("epoch").asText() + "'s root is not active yet: claims against it open at "
                        + java.time.Instant.ofEpochSecond(pending.path("activatesAt").asLong()) + " (unix "
                        + pending.path("activatesAt").asLong() + ")"
                : "";
        if (body.path("root").isNull() || body.path("root").isMissingNode()) {
            throw new Refusal("no reward root is active yet" + (pendingNote.isEmpty() ? "" : pendingNote));
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode r : body.path("rewards")) {
            String t = r.path("token").asText().toLowerCase(Locale.ROOT);
            BigInteger claimable = new BigInteger(r.path("claimable").asText("0"));
            if (claimable.signum() > 0 && token.map(t::equals).orElse(true)) {
                List<byte[]> proof = new ArrayList<>();
                r.path("proof").forEach(p -> proof.add(Numeric.hexStringToByteArray(p.asText())));
                out.add(new Entry(t, new BigInteger(r.path("cumulativeAmount").asText()), claimable, proof));
            }
        }
        if (out.isEmpty()) {
            throw new Refusal("nothing to claim for " + earner + token.map(t -> " in token " + t).orElse("") + " under the "
                    + "active root (epoch " + body.path("epoch").asText() + ")" + pendingNote);
        }
        return out;
    }

    /** {@code claimMany(earner, tokens, cumulativeAmounts, proofs)} (not in the generated wrapper: bytes32[][]). */
    static String claimMany(String earner, List<Entry> entries) {
        List<Address> tokens = new ArrayList<>();
        List<Uint256> amounts = new ArrayList<>();
        List<DynamicArray<Bytes32>> proofs = new ArrayList<>();
        for (Entry e : entries) {
            tokens.add(new Address(e.token()));
            amounts.add(new Uint256(e.cumulativeAmount()));
            proofs.add(new DynamicArray<>(Bytes32.class, e.proof().stream().map(Bytes32::new).toList()));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        DynamicArray<DynamicArray<Bytes32>> nested = new DynamicArray(DynamicArray.class, proofs);
        return FunctionEncoder.encode(new Function("claimMany", List.of(new Address(earner), new DynamicArray<>(Address.class, tokens),
                new DynamicArray<>(Uint256.class, amounts), nested), List.of()));
    }
}
