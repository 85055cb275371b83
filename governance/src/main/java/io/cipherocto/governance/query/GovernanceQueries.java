package io.cipherocto.governance.query;

import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.api.ChainFailures;
import io.cipherocto.governance.api.ProposalView;
import io.cipherocto.governance.api.VotingPowerView;
import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.governance.chain.Head;
import io.cipherocto.governance.chain.ProposalTimes;
import io.cipherocto.platform.api.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Read-only answers from the governor's and the staking manager's view functions (no caching: always current). */
@ApplicationScoped
public class GovernanceQueries {
    @Inject
    GovernanceRuntime runtime;

    /** A proposal as the governor reports it; 404 unknown_proposal. */
    public ProposalView proposal(BigInteger proposalId) {
        Objects.requireNonNull(proposalId, "proposalId");
        try {
            return readProposal(proposalId);
        } catch (RuntimeException e) {
            throw ChainFailures.isChainFailure(e) ? ChainFailures.unavailable(e) : e;
        }
    }

    private ProposalView readProposal(BigInteger proposalId) {
        GovernorGateway g = runtime.chain().gateway();
        Head head = g.head();
        ProposalTimes p = g.proposal(proposalId, head.number()).orElseThrow(() -> ApiException.notFound(
                "unknown_proposal", "no proposal " + proposalId + " on the governor"));
        List<BigInteger> votes = g.proposalVotes(proposalId);
        String quorum = p.snapshot() < head.timestamp() ? g.quorum(p.snapshot()).toString() : null;
        BigInteger eta = g.proposalEta(proposalId);
        Long etaOrNull = eta.signum() == 0 ? null : eta.longValueExact();
        return new ProposalView(proposalId.toString(), p.state().name(), p.snapshot(), p.deadline(),
                g.proposalProposer(proposalId).toLowerCase(), new ProposalView.Tallies(votes.get(0).toString(),
                votes.get(1).toString(), votes.get(2).toString()), quorum, etaOrNull, head.number());
    }

    /**
     * Membership, stake and voting power of {@code address} at the proposal's snapshot (when given and in the past)
     * or at the latest block (power = floor(sqrt(memberStake)), the contract's formula).
     */
    public VotingPowerView votingPower(String address, Optional<BigInteger> proposalId) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(proposalId, "proposalId");
        try {
            return readVotingPower(address, proposalId);
        } catch (RuntimeException e) {
            throw ChainFailures.isChainFailure(e) ? ChainFailures.unavailable(e) : e;
        }
    }

    private VotingPowerView readVotingPower(String address, Optional<BigInteger> proposalId) {
        GovernorGateway g = runtime.chain().gateway();
        Head head = g.head();
        boolean member = g.isMember(address);
        if (proposalId.isPresent()) {
            ProposalTimes p = g.proposal(proposalId.get(), head.number()).orElseThrow(() -> ApiException.notFound(
                    "unknown_proposal", "no proposal " + proposalId.get() + " on the governor"));
            if (p.snapshot() < head.timestamp()) {
                return new VotingPowerView(address, member, g.memberStakeAt(address, p.snapshot()).toString(),
                        g.votingPowerAt(address, p.snapshot()).toString(), proposalId.get().toString(), p.snapshot(),
                        true, head.number());
            }
        }
        BigInteger stake = g.memberStake(address);
        return new VotingPowerView(address, member, stake.toString(), stake.sqrt().toString(),
                proposalId.map(BigInteger::toString).orElse(null), head.timestamp(), false, head.number());
    }
}
