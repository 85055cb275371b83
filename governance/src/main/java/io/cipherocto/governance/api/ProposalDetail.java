package io.cipherocto.governance.api;

import io.cipherocto.governance.indexed.IndexedProposals;
import java.util.List;

/**
 * A proposal: what the governor's view functions say now ({@link ProposalView}'s fields: state, timepoints, tallies,
 * quorum, ETA, read at {@code block}) together with what its ProposalCreated event said (description, actions with
 * decoded calldata where the target is a suite contract, creation block and transaction), from the indexer.
 */
public record ProposalDetail(String proposalId, String state, long snapshot, long deadline, String proposer,
        ProposalView.Tallies votes, String quorum, Long eta, long block, String description,
        List<IndexedProposals.Action> actions, Long createdBlock, String createdTx) {

    static ProposalDetail of(ProposalView v, java.util.Optional<IndexedProposals.Created> c) {
        return new ProposalDetail(v.proposalId(), v.state(), v.snapshot(), v.deadline(), v.proposer(), v.votes(), v.quorum(),
                v.eta(), v.block(), c.map(IndexedProposals.Created::description).orElse(null),
                c.map(IndexedProposals.Created::actions).orElse(List.of()),
                c.map(IndexedProposals.Created::block).orElse(null), c.map(IndexedProposals.Created::txHash).orElse(null));
    }
}
