package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.EpochRewards;
import io.cipherocto.settlement.rewards.RewardCalculator;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.Reputation;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.store.StoredReceipt;
import io.cipherocto.contracts.protocol.SampleRule;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Computes an epoch from stored receipts: the sample set (DESIGN sampling rule on the seed), the verdicts, the
 * rewards and the cumulative tree on top of the previous settled epoch. Settlement and the audit both use it.
 */
public class EpochComputer {
    private final ReceiptStore receipts;
    private final EpochStore store;

    public EpochComputer(ReceiptStore receipts, EpochStore store) {
        this.receipts = Objects.requireNonNull(receipts, "receipts");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @param verdicts known verdicts by job id; sampled receipts without one are UNATTESTED
     * @param forfeited whether a provider is forfeited in this epoch (failedInEpoch), asked once per provider
     */
    public EpochComputation compute(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, Map<String, Verdict> verdicts, Predicate<String> forfeited) {
        return compute(epoch, closingBlock, seed, samplingRateWad, params, verdicts, forfeited, r -> true, (phase, nanos) -> { });
    }

    /**
     * @param funded whether the escrow reserved a requester's fees for the epoch (asked once per requester with fees;
     *     a requester whose receipts carry no fee needs no reservation)
     */
    public EpochComputation compute(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, Map<String, Verdict> verdicts, Predicate<String> forfeited, Predicate<String> funded) {
        return compute(epoch, closingBlock, seed, samplingRateWad, params, verdicts, forfeited, funded, (phase, nanos) -> { });
    }

    /** The epoch's receipts in job id order. */
    public List<StoredReceipt> receipts(long epoch) {
        return receipts.epochReceipts(epoch);
    }

    /** The data hash of the epoch's signed receipts (see {@link ReceiptStore#epochDataHash}). */
    public byte[] dataHash(long epoch) {
        return receipts.epochDataHash(epoch);
    }

    /**
     * As {@link #compute(long, long, byte[], BigInteger, RewardParams, Map, Predicate)}, reporting the wall time of each
     * phase (read, sample, rewards, tree) to {@code phases} (the benchmark prints them).
     */
    public EpochComputation compute(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, Map<String, Verdict> verdicts, Predicate<String> forfeited, ObjLongConsumer<String> phases) {
        return compute(epoch, closingBlock, seed, samplingRateWad, params, verdicts, forfeited, r -> true, phases);
    }

    /**
     * The full form: funded requesters and phase timings. The epoch's receipts are read in batches and summed as they
     * arrive ({@link EpochTally}): memory holds the samples and the per-provider and per-requester sums, not the
     * receipts. The result is the one {@link #computeFrom} gives for the whole list.
     */
    public EpochComputation compute(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, Map<String, Verdict> verdicts, Predicate<String> forfeited, Predicate<String> funded,
            ObjLongConsumer<String> phases) {
        long t0 = System.nanoTime();
        EpochTally tally = new EpochTally(seed, samplingRateWad, forfeited, funded, params.policy());
        long[] summing = {0};
        receipts.scanEpoch(epoch, batch -> {
            long s = System.nanoTime();
            tally.accept(batch);
            summing[0] += System.nanoTime() - s;
        });
        EpochTally.Result summed = tally.finish(verdicts);
        long read = System.nanoTime() - t0;
        phases.accept("read (rows to receipts)", read - summing[0]);
        phases.accept("sample and sum", summing[0]);
        SortedMap<CumulativeTree.Key, BigInteger> previous = store.previousEpoch(epoch).map(store::cumulative)
                .orElseGet(TreeMap::new);
        return computeFrom(epoch, closingBlock, seed, samplingRateWad, params, summed, store.history(epoch), previous, phases);
    }

    /** The epoch's result from its summed receipts ({@link EpochTally#finish}). */
    static EpochComputation computeFrom(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, EpochTally.Result summed, Map<String, Reputation> history,
            SortedMap<CumulativeTree.Key, BigInteger> previous, ObjLongConsumer<String> phases) {
        long t1 = System.nanoTime();
        EpochRewards rewards = RewardCalculator.rewards(summed.sums(), summed.forfeited(), history, params);
        long t2 = System.nanoTime();
        phases.accept("rewards", t2 - t1);
        CumulativeTree tree = CumulativeTree.build(previous, rewards.allocations());
        phases.accept("tree", System.nanoTime() - t2);
        return new EpochComputation(epoch, closingBlock, Hex.encode(seed), samplingRateWad, paramsJson(params),
                summed.receiptCount(), summed.samples(), rewards, totalsJson(rewards), tree);
    }

    /**
     * What the settler needs before the verdicts: the epoch's sampled receipts (by job id) and each requester's fees,
     * read in batches as {@link #compute} reads them.
     */
    public Sampled sampled(long epoch, byte[] seed, BigInteger samplingRateWad) {
        EpochTally tally = new EpochTally(seed, samplingRateWad, p -> false, r -> false, UnattestedPolicy.FULL);
        receipts.scanEpoch(epoch, tally::accept);
        Map<String, StoredReceipt> byJob = new TreeMap<>();
        tally.sampledSoFar().forEach(r -> byJob.put(r.jobId(), r));
        return new Sampled(byJob, tally.feesSoFar());
    }

    /**
     * What settlement commits for the epoch: the root and size of its receipts tree and each requester's fees, read in
     * batches keeping each receipt's 32-byte leaf hash only ({@link ReceiptsRoot}); the root is the one
     * {@link ReceiptsTree#of} gives for {@link #receipts}.
     */
    public Commitment commitment(long epoch) {
        ReceiptsRoot root = new ReceiptsRoot();
        receipts.scanEpoch(epoch, root::accept);
        return new Commitment(root.root(), root.size(), root.fees());
    }

    /** The receipts root and count of an epoch and its requesters' fees (by requester). */
    public record Commitment(byte[] root, int size, SortedMap<String, BigInteger> requesterFees) {
        public Commitment {
            root = root.clone();
        }

        @Override
        public byte[] root() {
            return root.clone();
        }

        public String rootHex() {
            return Hex.encode(root);
        }
    }

    /**
     * @param receipts the sampled receipts by job id
     * @param requesterFees each requester's fees over all of its receipts in the epoch
     */
    public record Sampled(Map<String, StoredReceipt> receipts, SortedMap<String, BigInteger> requesterFees) {
    }

    /**
     * The epoch's result from its inputs alone, with no database: what settlement computes, and what an auditor
     * recomputes from a public bundle ({@code EpochBundle}).
     *
     * @param list the epoch's receipts in job id order
     * @param history attestation history of earlier epochs per provider
     * @param previous the cumulative amounts of the previous settled epoch (empty for the first)
     */
    public static EpochComputation computeFrom(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, List<StoredReceipt> list, Map<String, Verdict> verdicts, Predicate<String> forfeited,
            Predicate<String> funded, Map<String, Reputation> history, SortedMap<CumulativeTree.Key, BigInteger> previous,
            ObjLongConsumer<String> phases) {
        long t1 = System.nanoTime();
        boolean[] sampled = sampled(list, seed, samplingRateWad);
        List<EpochComputation.Sample> samples = new ArrayList<>();
        Map<String, Verdict> sampleVerdicts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            StoredReceipt r = list.get(i);
            seen.add(r.provider());
            if (sampled[i]) {
                Verdict v = verdicts.getOrDefault(r.jobId(), Verdict.UNATTESTED);
                samples.add(new EpochComputation.Sample(r.jobId(), r.provider(), v));
                sampleVerdicts.put(r.jobId(), v);
            }
        }
        Set<String> providers = new TreeSet<>(seen);
        long t2 = System.nanoTime();
        phases.accept("sample", t2 - t1);
        Set<String> lost = new TreeSet<>();
        for (String p : providers) {
            if (forfeited.test(p)) {
                lost.add(p);
            }
        }
        Map<String, BigInteger> requesterFees = new HashMap<>();
        list.forEach(r -> requesterFees.merge(r.requester(), r.fee(), BigInteger::add));
        Predicate<String> reserved = r -> requesterFees.getOrDefault(r, BigInteger.ZERO).signum() == 0 || funded.test(r);
        EpochRewards rewards = RewardCalculator.compute(list, sampleVerdicts, lost, reserved, history, params);
        long t3 = System.nanoTime();
        phases.accept("rewards", t3 - t2);
        CumulativeTree tree = CumulativeTree.build(previous, rewards.allocations());
        phases.accept("tree", System.nanoTime() - t3);
        return new EpochComputation(epoch, closingBlock, Hex.encode(seed), samplingRateWad, paramsJson(params), list.size(),
                samples, rewards, totalsJson(rewards), tree);
    }

    /** The sampled receipts of {@code list} (an epoch's receipts) by job id. */
    public static Map<String, StoredReceipt> sampledReceipts(List<StoredReceipt> list, byte[] seed, BigInteger samplingRateWad) {
        boolean[] sampled = sampled(list, seed, samplingRateWad);
        Map<String, StoredReceipt> out = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (sampled[i]) {
                out.put(list.get(i).jobId(), list.get(i));
            }
        }
        return out;
    }

    /** As {@link #compute(long, long, byte[], BigInteger, RewardParams, Map, Predicate, Predicate)} over receipts already read. */
    public EpochComputation compute(long epoch, long closingBlock, byte[] seed, BigInteger samplingRateWad,
            RewardParams params, List<StoredReceipt> list, Map<String, Verdict> verdicts, Predicate<String> forfeited,
            Predicate<String> funded) {
        SortedMap<CumulativeTree.Key, BigInteger> previous = store.previousEpoch(epoch).map(store::cumulative)
                .orElseGet(TreeMap::new);
        return computeFrom(epoch, closingBlock, seed, samplingRateWad, params, list, verdicts, forfeited, funded,
                store.history(epoch), previous, (phase, nanos) -> { });
    }

    /**
     * The DESIGN sampling rule for each receipt, in list order. The draws are independent (one keccak256 each), so they
     * run in parallel; the result is the same array as a sequential loop.
     */
    static boolean[] sampled(List<StoredReceipt> list, byte[] seed, BigInteger samplingRateWad) {
        boolean[] out = new boolean[list.size()];
        IntStream.range(0, out.length).parallel()
                .forEach(i -> out[i] = SampleRule.sampled(seed, Hex.decode(list.get(i).jobId()), samplingRateWad));
        return out;
    }

    /** Closes the epoch for receipts (see {@link ReceiptStore#closeEpoch}); idempotent. */
    public void closeEpoch(long epoch) {
        receipts.closeEpoch(epoch);
    }

    public static ObjectNode paramsJson(RewardParams p) {
        ObjectNode o = EpochStore.JSON.createObjectNode();
        o.put("protocolFeeWad", p.protocolFeeWad().toString());
        o.put("octo", p.octo());
        o.put("treasury", p.treasury());
        ObjectNode roles = o.putObject("roleTokens");
        p.roleTokens().forEach((r, t) -> roles.put(Integer.toString(r), t));
        ObjectNode budgets = o.putObject("emissionBudgets");
        p.emissionBudgets().forEach((t, b) -> budgets.put(t, b.toString()));
        o.put("unattestedPolicy", p.policy().name());
        return o;
    }

    /** Reads back {@link #paramsJson}. */
    public static RewardParams params(JsonNode o) {
        SortedMap<Integer, String> roles = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("roleTokens").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            roles.put(Integer.parseInt(e.getKey()), e.getValue().asText());
        }
        SortedMap<String, BigInteger> budgets = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("emissionBudgets").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            budgets.put(e.getKey(), new BigInteger(e.getValue().asText()));
        }
        return new RewardParams(new BigInteger(o.path("protocolFeeWad").asText()), o.path("octo").asText(),
                o.path("treasury").asText(), roles, budgets, UnattestedPolicy.valueOf(o.path("unattestedPolicy").asText()));
    }

    public static ObjectNode totalsJson(EpochRewards r) {
        ObjectNode o = EpochStore.JSON.createObjectNode();
        o.put("debited", r.debited().toString());
        o.put("protocolFee", r.protocolFee().toString());
        o.put("octoFunded", r.octoFunded().toString());
        o.put("feeDust", r.feeDust().toString());
        o.put("forfeitedToTreasury", r.forfeitedToTreasury().toString());
        ObjectNode em = o.putObject("emissions");
        r.emissions().forEach((t, a) -> em.put(t, a.toString()));
        ObjectNode rf = o.putObject("refunds");
        r.refunds().forEach((q, a) -> rf.put(q, a.toString()));
        ObjectNode pf = o.putObject("providerFees");
        r.providerFees().forEach((p, a) -> pf.put(p, a.toString()));
        ObjectNode rep = o.putObject("reputationBps");
        r.reputationBps().forEach(rep::put);
        o.put("requesters", r.requesterFees().size());
        return o;
    }
}
