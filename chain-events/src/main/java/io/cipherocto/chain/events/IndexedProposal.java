package io.cipherocto.chain.events;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * An {@code OctoGovernor.ProposalCreated} event: the proposal, its actions in order, its voting window (the governor's
 * timepoints) and where it was created.
 */
public record IndexedProposal(BigInteger proposalId, String proposer, String description, List<Action> actions,
        BigInteger voteStart, BigInteger voteEnd, long blockNumber, int logIndex, String txHash) {
    public IndexedProposal {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(proposer, "proposer");
        Objects.requireNonNull(description, "description");
        actions = List.copyOf(actions);
        Objects.requireNonNull(voteStart, "voteStart");
        Objects.requireNonNull(voteEnd, "voteEnd");
        Objects.requireNonNull(txHash, "txHash");
    }

    /** One call the proposal makes when executed: target contract, value in wei and calldata (0x-hex). */
    public record Action(String target, BigInteger value, String calldata) {
        public Action {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(calldata, "calldata");
        }
    }
}
