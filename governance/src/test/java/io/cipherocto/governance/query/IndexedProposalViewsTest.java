package io.cipherocto.governance.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.chain.events.IndexedProposalOutcome;
import io.cipherocto.governance.chain.ProposalState;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The state rule of {@link IndexedProposalViews}: OpenZeppelin's Governor.state on indexed facts. */
class IndexedProposalViewsTest {
    private static final long SNAPSHOT = 1_000;
    private static final long DEADLINE = 2_000;
    private static final Optional<BigInteger> QUORUM = Optional.of(BigInteger.valueOf(100));

    private static IndexedProposalOutcome votes(long against, long forVotes, long abstain) {
        return new IndexedProposalOutcome(BigInteger.valueOf(against), BigInteger.valueOf(forVotes), BigInteger.valueOf(abstain),
                Optional.empty(), false, false);
    }

    @Test
    void pendingUntilAfterTheSnapshot_activeThroughTheDeadline() {
        assertThat(IndexedProposalViews.state(votes(0, 0, 0), SNAPSHOT, DEADLINE, SNAPSHOT, Optional.empty()))
                .isEqualTo(ProposalState.Pending);
        assertThat(IndexedProposalViews.state(votes(0, 0, 0), SNAPSHOT, DEADLINE, SNAPSHOT + 1, QUORUM)).isEqualTo(ProposalState.Active);
        assertThat(IndexedProposalViews.state(votes(0, 0, 0), SNAPSHOT, DEADLINE, DEADLINE, QUORUM)).isEqualTo(ProposalState.Active);
    }

    @Test
    void afterTheDeadline_quorumCountsForPlusAbstain_andForMustExceedAgainst() {
        long after = DEADLINE + 1;
        assertThat(IndexedProposalViews.state(votes(0, 60, 40), SNAPSHOT, DEADLINE, after, QUORUM)).isEqualTo(ProposalState.Succeeded);
        assertThat(IndexedProposalViews.state(votes(0, 60, 39), SNAPSHOT, DEADLINE, after, QUORUM)).isEqualTo(ProposalState.Defeated);
        assertThat(IndexedProposalViews.state(votes(60, 60, 100), SNAPSHOT, DEADLINE, after, QUORUM)).isEqualTo(ProposalState.Defeated);
    }

    @Test
    void queuedExecutedAndCanceled_comeFromTheirEvents() {
        long after = DEADLINE + 1;
        var queued = new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.valueOf(200), BigInteger.ZERO,
                Optional.of(BigInteger.valueOf(5_000)), false, false);
        assertThat(IndexedProposalViews.state(queued, SNAPSHOT, DEADLINE, after, QUORUM)).isEqualTo(ProposalState.Queued);
        var executed = new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.valueOf(200), BigInteger.ZERO,
                Optional.of(BigInteger.valueOf(5_000)), true, false);
        assertThat(IndexedProposalViews.state(executed, SNAPSHOT, DEADLINE, after, QUORUM)).isEqualTo(ProposalState.Executed);
        var canceled = new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), false, true);
        assertThat(IndexedProposalViews.state(canceled, SNAPSHOT, DEADLINE, SNAPSHOT - 1, Optional.empty()))
                .isEqualTo(ProposalState.Canceled);
    }

    @Test
    void everyStateTheRuleGives_liesInTheWindowTheIndexerIsAskedFor() {
        var outcomes = java.util.List.of(votes(0, 0, 0), votes(0, 60, 40), votes(60, 60, 100),
                new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.valueOf(200), BigInteger.ZERO,
                        Optional.of(BigInteger.valueOf(5_000)), false, false),
                new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.valueOf(200), BigInteger.ZERO,
                        Optional.of(BigInteger.valueOf(5_000)), true, false),
                new IndexedProposalOutcome(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, Optional.empty(), false, true));
        java.util.Set<ProposalState> seen = java.util.EnumSet.noneOf(ProposalState.class);
        for (long now = SNAPSHOT - 2; now <= DEADLINE + 2; now += (now < SNAPSHOT + 2 || now >= DEADLINE - 2) ? 1 : 500) {
            for (IndexedProposalOutcome o : outcomes) {
                if ((o.executed() || o.eta().isPresent()) && now <= DEADLINE) {
                    continue; // the governor queues and executes only after the deadline
                }
                ProposalState s = IndexedProposalViews.state(o, SNAPSHOT, DEADLINE, now, SNAPSHOT < now ? QUORUM : Optional.empty());
                seen.add(s);
                assertThat(IndexedProposalViews.window(s, now).admits(BigInteger.valueOf(SNAPSHOT), BigInteger.valueOf(DEADLINE)))
                        .as("%s at now=%d", s, now).isTrue();
            }
        }
        assertThat(seen).contains(ProposalState.Pending, ProposalState.Active, ProposalState.Succeeded, ProposalState.Defeated,
                ProposalState.Queued, ProposalState.Executed, ProposalState.Canceled);
    }

    @Test
    void windows_excludeProposalsThatCannotBeInTheState() {
        BigInteger snapshot = BigInteger.valueOf(SNAPSHOT);
        BigInteger deadline = BigInteger.valueOf(DEADLINE);
        assertThat(IndexedProposalViews.window(ProposalState.Active, DEADLINE + 1).admits(snapshot, deadline)).isFalse();
        assertThat(IndexedProposalViews.window(ProposalState.Active, SNAPSHOT).admits(snapshot, deadline)).isFalse();
        assertThat(IndexedProposalViews.window(ProposalState.Pending, SNAPSHOT + 1).admits(snapshot, deadline)).isFalse();
        assertThat(IndexedProposalViews.window(ProposalState.Defeated, DEADLINE).admits(snapshot, deadline)).isFalse();
        assertThat(IndexedProposalViews.window(ProposalState.Executed, SNAPSHOT + 1).admits(snapshot, deadline)).isFalse();
    }
}
