package io.cipherocto.chain.events;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * What a proposal's indexed events say after its creation: the votes counted per option ({@code VoteCast} and
 * {@code VoteCastWithParams} weights summed), and whether it was queued (with its ETA), executed or canceled.
 */
public record IndexedProposalOutcome(BigInteger against, BigInteger forVotes, BigInteger abstain, Optional<BigInteger> eta,
        boolean executed, boolean canceled) {
    /** No vote and no lifecycle event yet. */
    public static final IndexedProposalOutcome NONE = new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.ZERO,
            BigInteger.ZERO, Optional.empty(), false, false);

    public IndexedProposalOutcome {
        Objects.requireNonNull(against, "against");
        Objects.requireNonNull(forVotes, "forVotes");
        Objects.requireNonNull(abstain, "abstain");
        Objects.requireNonNull(eta, "eta");
    }
}
