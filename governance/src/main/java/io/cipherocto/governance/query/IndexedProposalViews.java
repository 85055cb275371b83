package io.cipherocto.governance.query;

import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexedProposalOutcome;
import io.cipherocto.chain.events.ProposalWindow;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.api.ChainFailures;
import io.cipherocto.governance.api.ProposalView;
import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.governance.chain.Head;
import io.cipherocto.governance.chain.ProposalState;
import io.cipherocto.governance.indexed.IndexedProposals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Proposal views for lists, from the indexed events plus the head block instead of the governor's views per
 * proposal: one head read, four indexed queries ({@link IndexedEvents#proposalOutcomes}) and one batch request for the
 * quorums of the snapshots not seen before (a past snapshot's quorum never changes; at most {@link #CACHED_QUORUMS} are kept).
 *
 * <p>The state follows OpenZeppelin's {@code Governor.state} on the indexed facts: Executed, Canceled, then Pending
 * while {@code snapshot >= now}, Active while {@code deadline >= now}, Defeated unless the quorum is reached (for plus
 * abstain) and for exceeds against, then Succeeded, or Queued once queued. "Now" is the head block's timestamp (the
 * governor's clock). Tallies are as far as the indexer has read. A timelock operation cancelled directly on the
 * timelock (not through the governor) shows as Queued here; the single-proposal view asks the governor itself.
 */
@ApplicationScoped
public class IndexedProposalViews {
    /** Quorums kept, by snapshot timepoint. */
    static final int CACHED_QUORUMS = 10_000;

    @Inject
    GovernanceRuntime runtime;

    @Inject
    IndexedEvents events;

    private final Map<Long, BigInteger> quorums = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, BigInteger> eldest) {
            return size() > CACHED_QUORUMS;
        }
    });

    /** The views of these proposals, in the same order (one head read). */
    public List<ProposalView> views(List<IndexedProposals.Created> created) {
        return views(created, head());
    }

    /** The chain's head block: the "now" of {@link #views(List, Head)} and {@link #window}. */
    public Head head() {
        try {
            return runtime.chain().gateway().head();
        } catch (RuntimeException e) {
            throw ChainFailures.isChainFailure(e) ? ChainFailures.unavailable(e) : e;
        }
    }

    /** The views of these proposals as of {@code head}, in the same order. */
    public List<ProposalView> views(List<IndexedProposals.Created> created, Head head) {
        try {
            GovernorGateway g = runtime.chain().gateway();
            Map<BigInteger, IndexedProposalOutcome> outcomes = events.proposalOutcomes(created.stream()
                    .map(c -> new BigInteger(c.proposalId())).toList());
            readQuorums(g, created.stream().map(c -> Long.parseLong(c.voteStart())).filter(s -> s < head.timestamp()).toList());
            List<ProposalView> out = new ArrayList<>(created.size());
            for (IndexedProposals.Created c : created) {
                IndexedProposalOutcome o = outcomes.getOrDefault(new BigInteger(c.proposalId()), IndexedProposalOutcome.NONE);
                long snapshot = Long.parseLong(c.voteStart());
                long deadline = Long.parseLong(c.voteEnd());
                Optional<BigInteger> quorum = snapshot < head.timestamp() ? Optional.of(quorum(g, snapshot)) : Optional.empty();
                ProposalState state = state(o, snapshot, deadline, head.timestamp(), quorum);
                out.add(new ProposalView(c.proposalId(), state.name(), snapshot, deadline, c.proposer().toLowerCase(),
                        new ProposalView.Tallies(o.against().toString(), o.forVotes().toString(), o.abstain().toString()),
                        quorum.map(BigInteger::toString).orElse(null), o.eta().map(BigInteger::longValueExact).orElse(null),
                        head.number()));
            }
            return out;
        } catch (RuntimeException e) {
            throw ChainFailures.isChainFailure(e) ? ChainFailures.unavailable(e) : e;
        }
    }

    /**
     * The voting windows in which a proposal can be in {@code state} at {@code now}, by {@link #state}'s rule: Pending
     * needs {@code snapshot >= now}, Active {@code snapshot < now <= deadline}; Defeated, Succeeded, Queued and Executed
     * need {@code deadline < now} (OpenZeppelin executes only a Succeeded or Queued proposal); Canceled (and the unused
     * Expired) can be any window. A state filter asks the indexer for these proposals only, then applies {@link #state}.
     */
    public static ProposalWindow window(ProposalState state, long now) {
        return switch (state) {
            case Pending -> ProposalWindow.notStarted(now);
            case Active -> ProposalWindow.open(now);
            case Defeated, Succeeded, Queued, Executed -> ProposalWindow.ended(now);
            case Canceled, Expired -> ProposalWindow.ANY;
        };
    }

    /** OpenZeppelin's Governor.state on the indexed facts ({@code quorum} is present once the snapshot is past). */
    static ProposalState state(IndexedProposalOutcome o, long snapshot, long deadline, long now, Optional<BigInteger> quorum) {
        if (o.executed()) {
            return ProposalState.Executed;
        }
        if (o.canceled()) {
            return ProposalState.Canceled;
        }
        if (snapshot >= now) {
            return ProposalState.Pending;
        }
        if (deadline >= now) {
            return ProposalState.Active;
        }
        boolean quorumReached = quorum.orElseThrow().compareTo(o.forVotes().add(o.abstain())) <= 0;
        if (!quorumReached || o.forVotes().compareTo(o.against()) <= 0) {
            return ProposalState.Defeated;
        }
        return o.eta().isPresent() ? ProposalState.Queued : ProposalState.Succeeded;
    }

    /** Reads the quorums of the past snapshots not cached yet, in one batch request, into the cache. */
    private void readQuorums(GovernorGateway g, List<Long> snapshots) {
        List<Long> missing = snapshots.stream().distinct().filter(s -> !quorums.containsKey(s)).toList();
        if (missing.size() > 1) {
            List<BigInteger> read = g.quorums(missing);
            for (int i = 0; i < missing.size(); i++) {
                quorums.put(missing.get(i), read.get(i));
            }
        }
    }

    private BigInteger quorum(GovernorGateway g, long snapshot) {
        BigInteger q = quorums.get(snapshot);
        if (q == null) {
            q = g.quorum(snapshot);
            quorums.put(snapshot, q);
        }
        return q;
    }
}
