package io.cipherocto.settlement.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochComputation;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.rewards.Allocation;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.verdict.EpochVerdicts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** Builds an epoch's public bundle from what settlement used to compute it (see {@link EpochBundle}). */
public final class BundleBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SettlementChain chain;
    private final ReceiptStore receipts;
    private final EpochStore epochs;

    public BundleBuilder(SettlementChain chain, ReceiptStore receipts, EpochStore epochs) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
    }

    /**
     * @param policyCode the unattested-sample policy frozen on chain for the epoch
     * @param funded requesters whose fees the escrow reserved
     * @param attestationDeadline how long settlement waits for verdicts (chain time since the closing block)
     */
    public EpochBundle build(EpochComputation c, SettlementChain.EpochCommitment commitment, int policyCode,
            RewardParams params, EpochVerdicts verdicts, Collection<String> funded, java.time.Duration attestationDeadline) {
        EpochBundle h = head(c, commitment, policyCode, params, verdicts, funded, attestationDeadline);
        return new EpochBundle(h.format(), h.chainId(), h.contracts(), h.epoch(), h.closingBlock(), h.commitment(), h.seed(),
                h.samplingRateWad(), h.unattestedPolicy(), h.parameters(), receipts.signedReceipts(c.epoch()),
                receipts.envelopes(c.epoch()), h.funded(), h.forfeited(), h.verdicts(), h.history(), h.previous(), h.result());
    }

    /**
     * Writes the epoch's bundle, {@code head} with the epoch's envelopes and signed receipts read from the store in
     * batches ({@link BundleWriter}): the same bytes as {@link #build}'s {@code toBytes()}, in memory of one batch.
     */
    public BundleWriter.Written write(EpochBundle head, java.io.OutputStream out) throws java.io.IOException {
        long epoch = head.epoch();
        return BundleWriter.write(head, each -> receipts.scanEnvelopes(epoch, each), each -> receipts.scanSignedReceipts(epoch, each),
                out);
    }

    /** The epoch's bundle without its receipts and envelopes (what {@link #write} streams into it). */
    public EpochBundle head(EpochComputation c, SettlementChain.EpochCommitment commitment, int policyCode,
            RewardParams params, EpochVerdicts verdicts, Collection<String> funded, java.time.Duration attestationDeadline) {
        DeploymentManifest m = chain.manifest();
        long epoch = c.epoch();
        var contracts = new EpochBundle.Contracts(m.address(DeploymentManifest.REWARDS).toLowerCase(),
                m.address(DeploymentManifest.ATTESTATIONS).toLowerCase(), m.address(DeploymentManifest.ESCROW).toLowerCase());
        SortedMap<String, String> roles = new TreeMap<>();
        params.roleTokens().forEach((r, t) -> roles.put(Integer.toString(r), t));
        SortedMap<String, String> budgets = new TreeMap<>();
        params.emissionBudgets().forEach((t, b) -> budgets.put(t, b.toString()));
        var parameters = new EpochBundle.Parameters(params.protocolFeeWad().toString(), params.octo(), params.treasury(), roles, budgets);

        List<EpochBundle.Fail> fails = verdicts.fails().stream()
                .map(f -> new EpochBundle.Fail(f.jobId(), f.provider(), f.txHash())).toList();
        List<EpochBundle.PassSet> passes = new ArrayList<>();
        for (SettlementChain.PassCommitmentEvent e : verdicts.commitments()) {
            var set = verdicts.passSets().get(e.verifier());
            if (set != null) {
                passes.add(new EpochBundle.PassSet(e.verifier(), e.root(), e.count(), e.txHash(), set));
            }
        }
        List<EpochBundle.History> history = new ArrayList<>();
        new TreeMap<>(epochs.history(epoch)).forEach((p, r) -> history.add(new EpochBundle.History(p, r.passes(), r.fails())));

        EpochBundle.Previous previous = previous(epoch);

        Map<CumulativeTree.Key, BigInteger> amounts = new HashMap<>();
        Map<CumulativeTree.Key, String> kinds = new HashMap<>();
        for (Allocation a : c.rewards().allocations()) {
            CumulativeTree.Key k = new CumulativeTree.Key(a.earner(), a.token());
            amounts.merge(k, a.amount(), BigInteger::add);
            kinds.put(k, a.kind());
        }
        List<EpochBundle.Reward> rewards = new ArrayList<>();
        String treasury = params.treasury();
        c.tree().cumulative().forEach((k, cum) -> rewards.add(new EpochBundle.Reward(k.earner(), k.token(),
                kinds.getOrDefault(k, k.earner().equals(treasury) ? "treasury" : "provider"),
                amounts.getOrDefault(k, BigInteger.ZERO).toString(), cum.toString())));
        var result = new EpochBundle.Result(c.tree().tree().rootHex(), rewards, sorted(c.totals()));

        return new EpochBundle(EpochBundle.FORMAT, m.chainId(), contracts, epoch, c.closingBlock(),
                new EpochBundle.Commitment(commitment.receiptsRoot(), commitment.receiptCount(), commitment.dataHash()),
                c.seed(), c.samplingRateWad().toString(), policyCode, parameters, List.of(), List.of(),
                funded.stream().sorted().toList(), List.copyOf(c.rewards().forfeited()),
                new EpochBundle.Verdicts(fails, passes, verdicts.throughBlock(),
                        attestationDeadline.toSeconds()), history, previous, result);
    }

    /** The previous settled epoch: its root and cumulative leaves (the zero root and none for the first epoch). */
    private EpochBundle.Previous previous(long epoch) {
        return epochs.previousEpoch(epoch).flatMap(epochs::epoch).map(r -> {
            List<EpochBundle.Leaf> leaves = new ArrayList<>();
            epochs.cumulative(r.epoch()).forEach((k, v) -> leaves.add(new EpochBundle.Leaf(k.earner(), k.token(), v.toString())));
            return new EpochBundle.Previous(r.epoch(), r.root(), leaves);
        }).orElse(new EpochBundle.Previous(-1, "0x" + "0".repeat(64), List.of()));
    }

    /** A JSON object as nested sorted maps (canonical key order at every level). */
    @SuppressWarnings("unchecked")
    static SortedMap<String, Object> sorted(JsonNode node) {
        SortedMap<String, Object> out = new TreeMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isObject() ? sorted(e.getValue())
                : JSON.convertValue(e.getValue(), Object.class)));
        return out;
    }
}
