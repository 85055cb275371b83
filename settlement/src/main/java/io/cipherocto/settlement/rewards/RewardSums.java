package io.cipherocto.settlement.rewards;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The per-receipt sums an epoch's rewards are computed from ({@link RewardCalculator#rewards}): fees per requester,
 * billable fees per provider, refundable fees per requester, fees forfeited to the treasury and eligible work units per
 * role and provider. One receipt at a time ({@link #add}), so an epoch can be summed as its rows arrive, and
 * mergeable ({@link #addAll}): the sums do not depend on the order of the receipts.
 *
 * <p>Only receipts of requesters whose fees the escrow reserved may be added; the caller decides that.
 */
public final class RewardSums {
    private final UnattestedPolicy policy;
    final Map<String, BigInteger> requesterSums = new HashMap<>();
    final Map<String, BigInteger> refundSums = new HashMap<>();
    BigInteger forfeitSum = BigInteger.ZERO; // unattested samples under FORFEIT: charged, to the treasury
    /** Per provider, its billable fees and eligible work units: one lookup per receipt. */
    private final Map<String, ProviderSums> providers = new HashMap<>();

    /** A provider's sums; {@code null} where no receipt added to it (no entry in {@link #gross} or {@link #work}). */
    private static final class ProviderSums {
        BigInteger gross;
        /** eligible work units by role. */
        BigInteger[] work = new BigInteger[0];

        void addGross(BigInteger fee) {
            gross = gross == null ? fee : gross.add(fee);
        }

        void addWork(int role, BigInteger units) {
            if (role >= work.length) {
                work = java.util.Arrays.copyOf(work, role + 1);
            }
            work[role] = work[role] == null ? units : work[role].add(units);
        }
    }

    public RewardSums(UnattestedPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Adds one receipt of a reserved requester.
     *
     * @param verdict the receipt's sample verdict, {@code null} when it was not sampled
     * @param providerForfeited whether its provider is forfeited in the epoch (failedInEpoch)
     */
    public void add(String requester, String provider, int role, BigInteger workUnits, BigInteger fee, Verdict verdict,
            boolean providerForfeited) {
        requesterSums.merge(requester, fee, BigInteger::add);
        boolean unattestedUnpaid = verdict == Verdict.UNATTESTED
                && (policy == UnattestedPolicy.NONE || policy == UnattestedPolicy.FORFEIT);
        boolean billable = !providerForfeited && verdict != Verdict.FAIL && verdict != Verdict.UNVERIFIABLE && !unattestedUnpaid;
        if (!billable) {
            if (unattestedUnpaid && policy == UnattestedPolicy.FORFEIT && !providerForfeited) {
                forfeitSum = forfeitSum.add(fee);
            } else {
                refundSums.merge(requester, fee, BigInteger::add);
            }
            return;
        }
        ProviderSums p = providers.computeIfAbsent(provider, k -> new ProviderSums());
        p.addGross(fee);
        boolean eligible = verdict == null || verdict == Verdict.PASS || policy == UnattestedPolicy.FULL;
        if (eligible && workUnits.signum() > 0) {
            if (role < 0) {
                throw new IllegalArgumentException("negative role " + role);
            }
            p.addWork(role, workUnits);
        }
    }

    /** Billable fees per provider (providers with at least one billable receipt), by provider. */
    SortedMap<String, BigInteger> gross() {
        SortedMap<String, BigInteger> out = new TreeMap<>();
        providers.forEach((k, p) -> {
            if (p.gross != null) {
                out.put(k, p.gross);
            }
        });
        return out;
    }

    /** Eligible work units per role and provider (those with units in the role), by role then provider. */
    SortedMap<Integer, SortedMap<String, BigInteger>> work() {
        SortedMap<Integer, SortedMap<String, BigInteger>> out = new TreeMap<>();
        providers.forEach((k, p) -> {
            for (int role = 0; role < p.work.length; role++) {
                if (p.work[role] != null) {
                    out.computeIfAbsent(role, r -> new TreeMap<>()).put(k, p.work[role]);
                }
            }
        });
        return out;
    }

    /** Adds {@code other}'s sums to these (same policy): as if its receipts had been added here. */
    public void addAll(RewardSums other) {
        if (other.policy != policy) {
            throw new IllegalArgumentException("sums of different policies");
        }
        other.requesterSums.forEach((k, v) -> requesterSums.merge(k, v, BigInteger::add));
        other.refundSums.forEach((k, v) -> refundSums.merge(k, v, BigInteger::add));
        forfeitSum = forfeitSum.add(other.forfeitSum);
        other.providers.forEach((k, o) -> {
            ProviderSums mine = providers.computeIfAbsent(k, x -> new ProviderSums());
            if (o.gross != null) {
                mine.addGross(o.gross);
            }
            for (int role = 0; role < o.work.length; role++) {
                if (o.work[role] != null) {
                    mine.addWork(role, o.work[role]);
                }
            }
        });
    }

    public UnattestedPolicy policy() {
        return policy;
    }
}
