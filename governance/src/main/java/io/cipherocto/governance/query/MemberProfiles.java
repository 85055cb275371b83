package io.cipherocto.governance.query;

import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexedVote;
import io.cipherocto.governance.api.VotingPowerView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A member's profile ({@code GET /api/v1/governance/members/{address}}): membership, stake and voting power now (the
 * chain), voting power over time (every {@code MemberStakeChanged} event: power = floor(sqrt(stake)), the governor's
 * rule), and the votes it cast (indexed {@code VoteCast} events), newest first.
 */
@ApplicationScoped
public class MemberProfiles {
    /** The most history points and votes one profile lists. */
    static final int HISTORY = 200;

    @Inject
    GovernanceQueries queries;

    @Inject
    IndexedEvents events;

    /** The member's stake and voting power from one block on. */
    public record PowerPoint(long block, String txHash, String stake, String votingPower) {
    }

    /** A vote the member cast. */
    public record CastVote(String proposalId, int support, String weight, String reason, long block, String txHash) {
    }

    public record MemberProfile(String address, VotingPowerView now, List<PowerPoint> history, List<CastVote> votes) {
    }

    /** {@code address} is already a checked, lower-case address. */
    public MemberProfile profile(String address) {
        VotingPowerView now = queries.votingPower(address, Optional.empty());
        List<PowerPoint> history = events.memberStakeChanges(address, HISTORY).stream().map(MemberProfiles::point).toList();
        List<CastVote> votes = events.votesBy(address, HISTORY).stream().map(MemberProfiles::vote).toList();
        return new MemberProfile(address, now, history, votes);
    }

    private static PowerPoint point(IndexedEvent e) {
        BigInteger stake = new BigInteger(String.valueOf(e.columns().get("new_stake")));
        return new PowerPoint(e.blockNumber(), String.valueOf(e.columns().get("tx_hash")), stake.toString(), stake.sqrt().toString());
    }

    private static CastVote vote(IndexedVote v) {
        return new CastVote(v.proposalId().toString(), v.support(), v.weight().toString(), v.reason(), v.blockNumber(), v.txHash());
    }
}
