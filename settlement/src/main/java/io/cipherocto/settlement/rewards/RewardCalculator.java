package io.cipherocto.settlement.rewards;

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

/**
 * Per-provider rewards of one epoch, in integers only (docs/settlement.md "Formulas"). Pure and deterministic:
 * the audit runs the same code on the same inputs.
 *
 * <p>Protocol v2: the escrow reserved, when the epoch was committed, the fees of every receipt of each <b>funded</b>
 * requester (its voucher covered them and its balance did); the receipts of an unfunded requester earn nothing (no
 * fee, no emission). A funded receipt is <b>billable</b> (the provider earns its fee) unless its provider is
 * forfeited (a fail attestation accepted on chain in the epoch: all its receipts), its sample verdict is FAIL or
 * UNVERIFIABLE (a sampled job that cannot be re-executed never pays its provider), or it is an unattested sample under
 * {@link UnattestedPolicy#NONE}; the fee of a funded receipt that is not billable is
 * <b>refunded</b> to its requester as an OCTO leaf. A billable receipt is <b>emission-eligible</b> unless it is an
 * unattested sample under {@link UnattestedPolicy#FEES_ONLY}.
 * <ul>
 * <li>requesterFees[r] = sum of fees of r's receipts (funded requesters only): what the escrow reserved;
 * debited = sum over requesters.</li>
 * <li>protocolFee = floor(debited * protocolFeeWad / 1e18) (what RewardDistributor takes on chain).</li>
 * <li>providerFee[p] = floor(G_p * (1e18 - protocolFeeWad) / 1e18), G_p = fees of p's billable receipts.</li>
 * <li>refund[r] = floor(R_r * (1e18 - protocolFeeWad) / 1e18), R_r = fees of r's funded receipts that are not
 * billable.</li>
 * <li>feeDust = debited - protocolFee - sum providerFee[p] - sum refund[r] (>= 0, < providers + requesters + 1): to the
 * treasury leaf.</li>
 * <li>for each role r with token T and budget E: weight w_p = (eligible work units of p in r) * reputationBps(p);
 * emission[p][T] = floor(E * w_p / sum w); the emission minted for T is the sum of the shares (the rounding
 * remainder, < number of providers wei, is not minted).</li>
 * </ul>
 * Every total is checked against the sum of its parts; a failed check throws before anything is published.
 */
public final class RewardCalculator {
    private RewardCalculator() {
    }

    /**
     * @param receipts the epoch's stored receipts
     * @param verdicts verdict of every sampled receipt (job id -> verdict); unsampled receipts are absent
     * @param forfeited providers with {@code failedInEpoch} true
     * @param history attestation history of earlier epochs per provider (absent = none)
     */
    public static EpochRewards compute(List<StoredReceipt> receipts, Map<String, Verdict> verdicts, Set<String> forfeited,
            Map<String, Reputation> history, RewardParams params) {
        return compute(receipts, verdicts, forfeited, r -> true, history, params);
    }

    /**
     * @param funded whether a requester's fees were reserved by the escrow for the epoch (its receipts count at all)
     */
    public static EpochRewards compute(List<StoredReceipt> receipts, Map<String, Verdict> verdicts, Set<String> forfeited,
            java.util.function.Predicate<String> funded, Map<String, Reputation> history, RewardParams params) {
        Objects.requireNonNull(receipts, "receipts");
        Objects.requireNonNull(verdicts, "verdicts");
        Objects.requireNonNull(forfeited, "forfeited");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(params, "params");
        RewardSums sums = new RewardSums(params.policy());
        Map<String, Boolean> fundedCache = new HashMap<>();
        for (StoredReceipt r : receipts) {
            if (fundedCache.computeIfAbsent(r.requester(), funded::test)) {
                sums.add(r.requester(), r.provider(), r.role(), r.workUnits(), r.fee(), verdicts.get(r.jobId()),
                        forfeited.contains(r.provider()));
            }
        }
        return rewards(sums, forfeited, history, params);
    }

    /**
     * The rewards from an epoch's sums (the receipts of its reserved requesters, {@link RewardSums}): what
     * {@link #compute} gives for the same receipts, however they were summed.
     *
     * @param forfeited providers with {@code failedInEpoch} true (those the sums were told were forfeited)
     */
    public static EpochRewards rewards(RewardSums sums, Set<String> forfeited, Map<String, Reputation> history,
            RewardParams params) {
        Objects.requireNonNull(sums, "sums");
        Objects.requireNonNull(forfeited, "forfeited");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(params, "params");
        if (sums.policy() != params.policy()) {
            throw new IllegalArgumentException("sums summed under another policy than params");
        }
        BigInteger wad = RewardParams.WAD;
        // Summed in hash maps (one lookup per receipt and map), then sorted once: the sums sorted maps would give.
        Map<String, BigInteger> refundSums = sums.refundSums;
        BigInteger forfeitSum = sums.forfeitSum;
        SortedMap<String, BigInteger> requesterFees = new TreeMap<>(sums.requesterSums);
        SortedMap<String, BigInteger> gross = sums.gross();
        SortedMap<Integer, SortedMap<String, BigInteger>> work = sums.work();
        requesterFees.values().removeIf(f -> f.signum() == 0);

        BigInteger debited = sum(requesterFees.values());
        BigInteger protocolFee = debited.multiply(params.protocolFeeWad()).divide(wad); // floor
        BigInteger keep = wad.subtract(params.protocolFeeWad());
        SortedMap<String, BigInteger> providerFees = new TreeMap<>();
        for (Map.Entry<String, BigInteger> e : gross.entrySet()) {
            BigInteger net = e.getValue().multiply(keep).divide(wad); // floor
            if (net.signum() > 0) {
                providerFees.put(e.getKey(), net);
            }
        }
        SortedMap<String, BigInteger> refunds = new TreeMap<>();
        for (Map.Entry<String, BigInteger> e : new TreeMap<>(refundSums).entrySet()) {
            BigInteger net = e.getValue().multiply(keep).divide(wad); // floor
            if (net.signum() > 0) {
                refunds.put(e.getKey(), net);
            }
        }
        BigInteger toTreasury = forfeitSum.multiply(keep).divide(wad); // floor
        BigInteger feeDust = debited.subtract(protocolFee).subtract(sum(providerFees.values())).subtract(sum(refunds.values()))
                .subtract(toTreasury);

        SortedMap<String, Long> reputation = new TreeMap<>();
        SortedMap<String, SortedMap<String, BigInteger>> emissionsByProvider = new TreeMap<>(); // token -> provider -> amount
        SortedMap<String, BigInteger> emissions = new TreeMap<>();
        for (Map.Entry<Integer, SortedMap<String, BigInteger>> role : work.entrySet()) {
            String token = params.roleTokens().get(role.getKey());
            if (token == null) {
                continue; // a role without a token earns no emission
            }
            BigInteger budget = params.budget(token);
            SortedMap<String, BigInteger> weights = new TreeMap<>();
            for (Map.Entry<String, BigInteger> p : role.getValue().entrySet()) {
                long bps = history.getOrDefault(p.getKey(), Reputation.NONE).bps();
                reputation.put(p.getKey(), bps);
                weights.put(p.getKey(), p.getValue().multiply(BigInteger.valueOf(bps)));
            }
            BigInteger total = sum(weights.values());
            if (budget.signum() == 0 || total.signum() == 0) {
                continue;
            }
            for (Map.Entry<String, BigInteger> w : weights.entrySet()) {
                BigInteger share = budget.multiply(w.getValue()).divide(total); // floor
                if (share.signum() > 0) {
                    emissionsByProvider.computeIfAbsent(token, k -> new TreeMap<>()).merge(w.getKey(), share, BigInteger::add);
                    emissions.merge(token, share, BigInteger::add);
                }
            }
        }

        List<Allocation> allocations = new ArrayList<>();
        providerFees.forEach((p, a) -> allocations.add(new Allocation(p, params.octo(), a, "provider")));
        refunds.forEach((r, a) -> allocations.add(new Allocation(r, params.octo(), a, "refund")));
        emissionsByProvider.forEach((token, m) -> m.forEach((p, a) -> allocations.add(new Allocation(p, token, a, "provider"))));
        allocations.add(new Allocation(params.treasury(), params.octo(), feeDust.add(toTreasury), "treasury"));
        allocations.sort(Comparator.comparing(Allocation::earner).thenComparing(Allocation::token));

        EpochRewards out = new EpochRewards(requesterFees, debited, protocolFee, feeDust, toTreasury, providerFees, refunds, emissions,
                reputation, new TreeSet<>(forfeited), List.copyOf(allocations));
        checkTotals(out, gross, new TreeMap<>(refundSums), forfeitSum, params);
        return out;
    }

    /** The parts must sum to the totals; throws IllegalStateException (nothing gets published) otherwise. */
    static void checkTotals(EpochRewards r, Map<String, BigInteger> gross, Map<String, BigInteger> refunded, BigInteger forfeit,
            RewardParams params) {
        require(sum(gross.values()).add(sum(refunded.values())).add(forfeit).equals(r.debited()),
                "provider gross fees + refunds + forfeited unattested fees != debited");
        require(r.feeDust().signum() >= 0, "negative fee dust");
        long roundings = gross.size() + refunded.size() + 1L + (forfeit.signum() > 0 ? 1 : 0);
        require(r.feeDust().compareTo(BigInteger.valueOf(roundings)) < 0, "fee dust too large: " + r.feeDust());
        BigInteger octoAllocated = r.allocations().stream().filter(a -> a.token().equals(params.octo()))
                .map(Allocation::amount).reduce(BigInteger.ZERO, BigInteger::add);
        BigInteger octoEmission = r.emissions().getOrDefault(params.octo(), BigInteger.ZERO);
        require(octoAllocated.equals(r.octoFunded().add(octoEmission)), "OCTO leaves != funded fees + OCTO emission");
        require(r.protocolFee().add(r.octoFunded()).equals(r.debited()), "protocol fee + funded != debited");
        for (Map.Entry<String, BigInteger> e : r.emissions().entrySet()) {
            require(e.getValue().compareTo(params.budget(e.getKey())) <= 0, "emission above budget for " + e.getKey());
            if (!e.getKey().equals(params.octo())) {
                BigInteger allocated = r.allocations().stream().filter(a -> a.token().equals(e.getKey()))
                        .map(Allocation::amount).reduce(BigInteger.ZERO, BigInteger::add);
                require(allocated.equals(e.getValue()), "leaves of " + e.getKey() + " != emission");
            }
        }
        for (Allocation a : r.allocations()) {
            require(a.amount().signum() >= 0, "negative allocation");
            require(!r.forfeited().contains(a.earner()) || a.amount().signum() == 0, "forfeited provider allocated " + a.earner());
        }
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("settlement totals check failed: " + what);
        }
    }

    static BigInteger sum(Iterable<BigInteger> values) {
        BigInteger s = BigInteger.ZERO;
        for (BigInteger v : values) {
            s = s.add(v);
        }
        return s;
    }
}
