package io.cipherocto.governance.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * GET /proposals/{id}: what the governor says about one proposal. Timepoints are timestamps (the governor's clock);
 * tallies and quorum are voting-power units (square roots of wei of stake) as decimal strings. {@code quorum} is
 * null while the snapshot is not in the past, {@code eta} null unless queued.
 */
public record ProposalView(String proposalId, String state, long snapshot, long deadline, String proposer,
        Tallies votes, String quorum, Long eta, long block) {

    /** Against / for / abstain. */
    public record Tallies(String against, @JsonProperty("for") String forVotes, String abstain) {}
}
