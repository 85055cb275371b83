package io.cipherocto.settlement.rewards;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

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
    final Map<String, BigInteger> grossSums = new HashMap<>();
    final Map<String, BigInteger> refundSums = new HashMap<>();
    BigInteger forfeitSum = BigInteger.ZERO; // unattested samples under FORFEIT: charged, to the treasury
    /** role -> provider -> eligible work units. */
    final Map<Integer, Map<String, BigInteger>> workSums = new HashMap<>();

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
        grossSums.merge(provider, fee, BigInteger::add);
        boolean eligible = verdict == null || verdict == Verdict.PASS || policy == UnattestedPolicy.FULL;
        if (eligible && workUnits.signum() > 0) {
            workSums.computeIfAbsent(role, k -> new HashMap<>()).merge(provider, workUnits, BigInteger::add);
        }
    }

    /** Adds {@code other}'s sums to these (same policy): as if its receipts had been added here. */
    public void addAll(RewardSums other) {
        if (other.policy != policy) {
            throw new IllegalArgumentException("sums of different policies");
        }
        other.requesterSums.forEach((k, v) -> requesterSums.merge(k, v, BigInteger::add));
        other.grossSums.forEach((k, v) -> grossSums.merge(k, v, BigInteger::add));
        other.refundSums.forEach((k, v) -> refundSums.merge(k, v, BigInteger::add));
        forfeitSum = forfeitSum.add(other.forfeitSum);
        other.workSums.forEach((role, m) -> {
            Map<String, BigInteger> mine = workSums.computeIfAbsent(role, k -> new HashMap<>());
            m.forEach((p, w) -> mine.merge(p, w, BigInteger::add));
        });
    }

    public UnattestedPolicy policy() {
        return policy;
    }
}
