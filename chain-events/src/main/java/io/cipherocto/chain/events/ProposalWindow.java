package io.cipherocto.chain.events;

import java.util.Optional;

/**
 * A filter on a proposal's voting window, the {@code voteStart} (snapshot) and {@code voteEnd} (deadline) timepoints of
 * its {@code ProposalCreated} event, applied by the indexer's query itself: a state filter reads only the proposals
 * whose window allows that state instead of every proposal. Each bound is optional; {@link #ANY} has none.
 *
 * @param snapshotAtLeast keep proposals with {@code voteStart >= this}
 * @param snapshotBelow keep proposals with {@code voteStart < this}
 * @param deadlineAtLeast keep proposals with {@code voteEnd >= this}
 * @param deadlineBelow keep proposals with {@code voteEnd < this}
 */
public record ProposalWindow(Optional<Long> snapshotAtLeast, Optional<Long> snapshotBelow, Optional<Long> deadlineAtLeast,
        Optional<Long> deadlineBelow) {
    /** No bound: every proposal. */
    public static final ProposalWindow ANY = new ProposalWindow(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /** Voting not started at {@code now}: {@code voteStart >= now} (OpenZeppelin's Pending). */
    public static ProposalWindow notStarted(long now) {
        return new ProposalWindow(Optional.of(now), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Voting open at {@code now}: {@code voteStart < now <= voteEnd} (OpenZeppelin's Active). */
    public static ProposalWindow open(long now) {
        return new ProposalWindow(Optional.empty(), Optional.of(now), Optional.of(now), Optional.empty());
    }

    /** Voting over at {@code now}: {@code voteEnd < now} (Defeated, Succeeded, Queued, Executed). */
    public static ProposalWindow ended(long now) {
        return new ProposalWindow(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(now));
    }

    /** Whether this filter has no bound. */
    public boolean isAny() {
        return snapshotAtLeast.isEmpty() && snapshotBelow.isEmpty() && deadlineAtLeast.isEmpty() && deadlineBelow.isEmpty();
    }

    /** Whether a proposal with this voting window passes the filter (the same rule as the indexer's SQL). */
    public boolean admits(java.math.BigInteger voteStart, java.math.BigInteger voteEnd) {
        return snapshotAtLeast.map(b -> voteStart.compareTo(java.math.BigInteger.valueOf(b)) >= 0).orElse(true)
                && snapshotBelow.map(b -> voteStart.compareTo(java.math.BigInteger.valueOf(b)) < 0).orElse(true)
                && deadlineAtLeast.map(b -> voteEnd.compareTo(java.math.BigInteger.valueOf(b)) >= 0).orElse(true)
                && deadlineBelow.map(b -> voteEnd.compareTo(java.math.BigInteger.valueOf(b)) < 0).orElse(true);
    }
}
