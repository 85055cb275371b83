package io.cipherocto.settlement.epoch;

import io.cipherocto.contracts.protocol.SampleRule;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.rewards.RewardSums;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * An epoch's receipts summed as they arrive, in any order and in batches, keeping only what the close needs: the
 * sampled receipts (DESIGN sampling rule on the seed), each requester's fees, which providers are forfeited and the
 * {@link RewardSums} of the receipts that count. Memory grows with the providers, requesters and samples, not with the
 * receipts: the unsampled receipts are dropped once summed. {@link #finish} gives what
 * {@link EpochComputer#computeFrom} computes from the whole list: the same samples, forfeited set and sums.
 *
 * <p>A requester's receipts count when its fees total zero or the escrow reserved them ({@code funded}, asked once,
 * when its first non-zero fee arrives): until then its receipts are summed apart, and merged or dropped when decided.
 */
final class EpochTally {
    private final byte[] seed;
    private final BigInteger samplingRateWad;
    private final Predicate<String> forfeited;
    private final Predicate<String> funded;
    private final UnattestedPolicy policy;
    private final RewardSums counted;
    private final Map<String, Requester> requesters = new HashMap<>();
    private final Map<String, Boolean> providers = new HashMap<>();
    private final List<StoredReceipt> sampled = new ArrayList<>();
    private long count;

    /** What is known of one requester so far: its fees, and whether its receipts count. */
    private static final class Requester {
        BigInteger fees = BigInteger.ZERO;
        /** empty until its first non-zero fee: then whether the escrow reserved its fees. */
        Boolean reserved;
        /** its receipts' sums while undecided (all its fees zero so far). */
        RewardSums pending;
    }

    /**
     * @param forfeited whether a provider is forfeited in this epoch, asked once per provider
     * @param funded whether the escrow reserved a requester's fees, asked once per requester with fees
     */
    EpochTally(byte[] seed, BigInteger samplingRateWad, Predicate<String> forfeited, Predicate<String> funded,
            UnattestedPolicy policy) {
        this.seed = seed.clone();
        this.samplingRateWad = Objects.requireNonNull(samplingRateWad, "samplingRateWad");
        this.forfeited = Objects.requireNonNull(forfeited, "forfeited");
        this.funded = Objects.requireNonNull(funded, "funded");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.counted = new RewardSums(policy);
    }

    /** Adds a batch of the epoch's receipts (each receipt once, in any order); the sampling draws run in parallel. */
    void accept(List<StoredReceipt> batch) {
        boolean[] drawn = new boolean[batch.size()];
        IntStream.range(0, drawn.length).parallel()
                .forEach(i -> drawn[i] = SampleRule.sampled(seed, Hex.decode(batch.get(i).jobId()), samplingRateWad));
        for (int i = 0; i < drawn.length; i++) {
            StoredReceipt r = batch.get(i);
            count++;
            boolean lost = providers.computeIfAbsent(r.provider(), forfeited::test);
            Requester q = requester(r);
            if (drawn[i]) {
                sampled.add(r); // summed with its verdict in finish()
                continue;
            }
            sumTo(q, r, null, lost);
        }
    }

    private Requester requester(StoredReceipt r) {
        Requester q = requesters.computeIfAbsent(r.requester(), k -> new Requester());
        q.fees = q.fees.add(r.fee());
        if (q.reserved == null && r.fee().signum() > 0) {
            q.reserved = funded.test(r.requester());
            if (q.reserved && q.pending != null) {
                counted.addAll(q.pending);
            }
            q.pending = null;
        }
        return q;
    }

    private void sumTo(Requester q, StoredReceipt r, Verdict v, boolean lost) {
        if (q.reserved == null) {
            if (q.pending == null) {
                q.pending = new RewardSums(policy);
            }
            q.pending.add(r.requester(), r.provider(), r.role(), r.workUnits(), r.fee(), v, lost);
        } else if (q.reserved) {
            counted.add(r.requester(), r.provider(), r.role(), r.workUnits(), r.fee(), v, lost);
        }
    }

    /** What the epoch's receipts sum to, given the verdicts of the sampled ones (job id -> verdict; absent: UNATTESTED). */
    Result finish(Map<String, Verdict> verdicts) {
        // a requester whose fees total zero needs no reservation: its receipts count
        requesters.values().forEach(q -> {
            if (q.reserved == null) {
                q.reserved = true;
                if (q.pending != null) {
                    counted.addAll(q.pending);
                }
                q.pending = null;
            }
        });
        List<StoredReceipt> inOrder = new ArrayList<>(sampled);
        inOrder.sort(Comparator.comparing(StoredReceipt::jobId));
        List<EpochComputation.Sample> samples = new ArrayList<>(inOrder.size());
        for (StoredReceipt r : inOrder) {
            Verdict v = verdicts.getOrDefault(r.jobId(), Verdict.UNATTESTED);
            samples.add(new EpochComputation.Sample(r.jobId(), r.provider(), v));
            sumTo(requesters.get(r.requester()), r, v, providers.get(r.provider()));
        }
        Set<String> lost = new TreeSet<>();
        providers.forEach((p, f) -> {
            if (f) {
                lost.add(p);
            }
        });
        SortedMap<String, BigInteger> fees = new TreeMap<>();
        requesters.forEach((k, q) -> fees.put(k, q.fees));
        return new Result(count, samples, inOrder, lost, fees, counted);
    }

    /** Sampled receipts in job id order without summing (the settler's wait for verdicts). */
    List<StoredReceipt> sampledSoFar() {
        List<StoredReceipt> inOrder = new ArrayList<>(sampled);
        inOrder.sort(Comparator.comparing(StoredReceipt::jobId));
        return inOrder;
    }

    /** Each requester's fees over all of its receipts so far, by requester. */
    SortedMap<String, BigInteger> feesSoFar() {
        SortedMap<String, BigInteger> fees = new TreeMap<>();
        requesters.forEach((k, q) -> fees.put(k, q.fees));
        return fees;
    }

    /**
     * @param samples the sampled receipts' job ids, providers and verdicts, in job id order
     * @param sampledReceipts the sampled receipts, in job id order
     * @param forfeited the epoch's providers that are forfeited
     * @param requesterFees each requester's fees over all of its receipts
     * @param sums the sums of the receipts that count
     */
    record Result(long receiptCount, List<EpochComputation.Sample> samples, List<StoredReceipt> sampledReceipts,
            Set<String> forfeited, SortedMap<String, BigInteger> requesterFees, RewardSums sums) {
    }
}
