package io.cipherocto.chain.events;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A vote the governor counted ({@code VoteCast} or {@code VoteCastWithParams}): voter, support (0 against, 1 for,
 * 2 abstain), weight in voting-power units, reason, and where it was cast.
 */
public record IndexedVote(String voter, BigInteger proposalId, int support, BigInteger weight, String reason,
        long blockNumber, int logIndex, String txHash) {
    public IndexedVote {
        Objects.requireNonNull(voter, "voter");
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(txHash, "txHash");
    }
}
