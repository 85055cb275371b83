package io.cipherocto.chain.events;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of the suite's events as the chain-indexer stored them: the only way settlement, governance and the
 * verifier read indexed events (none of them names the indexer's tables). Implemented by the chain-indexer
 * ({@code io.cipherocto.indexer.query.IndexedEventTables}, a CDI bean over its own tables); inject this interface.
 *
 * <p>Events come in chain order, (block number, log index), unless a method says otherwise. Addresses are lower-case
 * 0x-hex. Every method throws {@link IndexerUnavailableException} (the API's 503 {@code indexer_unavailable}) when
 * the indexer's tables are not in the database (the chain-indexer's migrations were not applied).
 */
public interface IndexedEvents {
    /** The most events one {@link #events} page holds. */
    int MAX_PAGE_SIZE = 1000;

    /** One keyset page of the events of one contract kind and event name in a block range. */
    EventPage events(EventQuery query);

    /**
     * {@code AttestationRegistry.FailAttestationAccepted} events, of one epoch and/or one provider when given; the first
     * {@code limit} in chain order.
     */
    List<IndexedEvent> failAttestationsAccepted(Optional<Long> epoch, Optional<String> provider, int limit);

    /** {@code AttestationRegistry.SlashExecuted} events (slashes carried out after the veto window), optionally of one provider. */
    List<IndexedEvent> slashesExecuted(Optional<String> provider, int limit);

    /** {@code AttestationRegistry.SlashCancelled} events (slashes a guardian vetoed), optionally of one provider. */
    List<IndexedEvent> slashesCancelled(Optional<String> provider, int limit);

    /** {@code OctoGovernor.ProposalCreated} events, newest first, skipping {@code offset}, at most {@code limit}. */
    default List<IndexedProposal> proposals(int offset, int limit) {
        return proposals(offset, limit, ProposalWindow.ANY);
    }

    /** As {@link #proposals(int, int)}, only the proposals whose voting window passes {@code window}. */
    List<IndexedProposal> proposals(int offset, int limit, ProposalWindow window);

    /**
     * {@code OctoGovernor.ProposalCreated} events, newest first, strictly before the cursor {@code before} (the position
     * of the previous page's last proposal) or from the newest, at most {@code limit}: a keyset page.
     */
    default List<IndexedProposal> proposalsBefore(Optional<EventCursor> before, int limit) {
        return proposalsBefore(before, limit, ProposalWindow.ANY);
    }

    /**
     * As {@link #proposalsBefore(Optional, int)}, only the proposals whose voting window passes {@code window} (the
     * filter runs in the query, so rows outside it are never read into the caller).
     */
    List<IndexedProposal> proposalsBefore(Optional<EventCursor> before, int limit, ProposalWindow window);

    /** How many proposals were created. */
    long proposalCount();

    /** The ProposalCreated event of one proposal. */
    Optional<IndexedProposal> proposal(BigInteger proposalId);

    /** The votes counted for one proposal ({@code VoteCast} and {@code VoteCastWithParams}), in chain order. */
    List<IndexedVote> votes(BigInteger proposalId);

    /**
     * Tallies and lifecycle (queued with ETA, executed, canceled) of the given proposals from their indexed events, in a
     * fixed number of queries whatever their count; a proposal without events maps to {@link IndexedProposalOutcome#NONE}.
     */
    java.util.Map<BigInteger, IndexedProposalOutcome> proposalOutcomes(java.util.Collection<BigInteger> proposalIds);

    /** {@code StakingManager.MemberStakeChanged} events of one member (every change of its stake), the newest {@code limit}, newest first. */
    List<IndexedEvent> memberStakeChanges(String member, int limit);

    /** The votes one account cast ({@code VoteCast} and {@code VoteCastWithParams}), the newest {@code limit}, newest first. */
    List<IndexedVote> votesBy(String voter, int limit);
}
