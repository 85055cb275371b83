package io.cipherocto.governance.indexed;

import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexedProposal;
import io.cipherocto.chain.events.IndexedVote;
import io.cipherocto.chain.events.ProposalWindow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Proposals and votes as the governor's indexed events tell them ({@link IndexedEvents}), in the governance API's
 * shapes: amounts as decimal strings, actions with their calldata decoded where the target is a suite contract. Throws
 * {@link io.cipherocto.chain.events.IndexerUnavailableException} (503) when the indexer's tables are not there.
 */
@ApplicationScoped
public class IndexedProposals {
    @Inject
    IndexedEvents events;

    /** One action of a proposal: target, value (wei), calldata, and the decoded call when the target is ours. */
    public record Action(String target, String value, String calldata, Optional<CalldataDecoder.DecodedCall> decoded) {}

    /** A ProposalCreated event. */
    public record Created(String proposalId, String proposer, String description, List<Action> actions, String voteStart,
            String voteEnd, long block, String txHash, int logIndex) {
        /** This proposal's position among the ProposalCreated events (a keyset cursor). */
        public io.cipherocto.chain.events.EventCursor cursor() {
            return new io.cipherocto.chain.events.EventCursor(block, logIndex);
        }
    }

    /** A vote counted on chain. */
    public record Vote(String voter, int support, String weight, String reason, long block, String txHash) {}

    /** Proposals newest first. */
    public List<Created> proposals(int offset, int limit) {
        return events.proposals(offset, limit).stream().map(IndexedProposals::created).toList();
    }

    /** Proposals newest first, strictly before {@code before}: a keyset page. */
    public List<Created> proposalsBefore(Optional<io.cipherocto.chain.events.EventCursor> before, int limit) {
        return proposalsBefore(before, limit, ProposalWindow.ANY);
    }

    /** As {@link #proposalsBefore(Optional, int)}, only proposals whose voting window passes {@code window}. */
    public List<Created> proposalsBefore(Optional<io.cipherocto.chain.events.EventCursor> before, int limit,
            ProposalWindow window) {
        return events.proposalsBefore(before, limit, window).stream().map(IndexedProposals::created).toList();
    }

    /** As {@link #proposals(int, int)}, only proposals whose voting window passes {@code window}. */
    public List<Created> proposals(int offset, int limit, ProposalWindow window) {
        return events.proposals(offset, limit, window).stream().map(IndexedProposals::created).toList();
    }

    public long count() {
        return events.proposalCount();
    }

    public Optional<Created> proposal(BigInteger id) {
        return events.proposal(id).map(IndexedProposals::created);
    }

    /** Votes of a proposal in chain order (with and without params). */
    public List<Vote> votes(BigInteger id) {
        return events.votes(id).stream().map(IndexedProposals::vote).toList();
    }

    private static Created created(IndexedProposal p) {
        List<Action> actions = p.actions().stream().map(a -> new Action(a.target(), a.value().toString(), a.calldata(),
                CalldataDecoder.suite().decode(a.calldata()))).toList();
        return new Created(p.proposalId().toString(), p.proposer(), p.description(), actions, p.voteStart().toString(),
                p.voteEnd().toString(), p.blockNumber(), p.txHash(), p.logIndex());
    }

    private static Vote vote(IndexedVote v) {
        return new Vote(v.voter(), v.support(), v.weight().toString(), v.reason(), v.blockNumber(), v.txHash());
    }
}
