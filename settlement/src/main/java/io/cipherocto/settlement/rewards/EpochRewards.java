package io.cipherocto.settlement.rewards;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * The result of {@link RewardCalculator}: what submitRoot debits (requesterFees, summing to {@code debited}), the
 * protocol fee the contract will take, per-provider fees, refunds to requesters (fees of funded receipts that are not
 * billable) and emissions, the emissions to mint per token, the fee
 * dust and the fees of unattested samples forfeited under the FORFEIT policy (both to the treasury leaf), and the
 * allocations (leaf increments) sorted by earner then token.
 */
public record EpochRewards(SortedMap<String, BigInteger> requesterFees, BigInteger debited, BigInteger protocolFee,
        BigInteger feeDust, BigInteger forfeitedToTreasury, SortedMap<String, BigInteger> providerFees,
        SortedMap<String, BigInteger> refunds,
        SortedMap<String, BigInteger> emissions,
        SortedMap<String, Long> reputationBps, Set<String> forfeited, List<Allocation> allocations) {

    /** debited - protocolFee: the OCTO the contract adds to claims. */
    public BigInteger octoFunded() {
        return debited.subtract(protocolFee);
    }
}
