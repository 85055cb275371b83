package io.cipherocto.governance.chain;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ballot validation needs from the chain, cached so that a burst of ballots costs few JSON-RPC calls:
 *
 * <ul>
 *   <li>the latest block, reused for {@code headTtl}; proposal state/snapshot/deadline cached per block;</li>
 *   <li>voting power at a snapshot (a past timepoint never changes) cached per (voter, snapshot);</li>
 *   <li>who voted on what and each voter's ballot nonce: both change only in a transaction that emits VoteCast
 *       for that voter (a by-signature vote uses the nonce and emits it atomically), so {@link #refresh()} follows
 *       VoteCast logs from the deployment block on and invalidates the nonce of every voter it sees.</li>
 * </ul>
 *
 * A vote cast on chain in the current block may be seen one head later: the relayer checks the chain again before
 * sending, so a ballot accepted in that window fails (reason kept) instead of being counted twice.
 */
public class ChainVotes {
    private static final int MAX_ENTRIES = 2_000_000;

    private final GovernorGateway gateway;
    private final ProposalEvents events;
    private final long headTtlNanos;

    private final Map<BigInteger, ProposalTimes> proposals = new ConcurrentHashMap<>();
    private final Map<String, NonceEntry> nonces = new ConcurrentHashMap<>();
    /** Block of the latest VoteCast seen per voter: a nonce read before that block is stale. */
    private final Map<String, Long> lastVoteBlock = new ConcurrentHashMap<>();
    private final Map<PowerKey, BigInteger> powers = new ConcurrentHashMap<>();
    private final Set<VoteKey> voted = ConcurrentHashMap.newKeySet();

    private volatile Head head;
    private volatile long headReadAt;
    private volatile long followedTo = -1;

    public ChainVotes(GovernorGateway gateway, ProposalEvents events, Duration headTtl) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.events = Objects.requireNonNull(events, "events");
        this.headTtlNanos = Objects.requireNonNull(headTtl, "headTtl").toNanos();
    }

    public GovernorGateway gateway() {
        return gateway;
    }

    /** The latest block (cached for headTtl), with VoteCast logs followed up to it. */
    public Head refresh() {
        long now = System.nanoTime();
        Head h = head;
        if (h != null && now - headReadAt < headTtlNanos) {
            return h;
        }
        synchronized (this) {
            if (head != null && System.nanoTime() - headReadAt < headTtlNanos) {
                return head;
            }
            Head latest = gateway.head();
            follow(latest.number());
            head = latest;
            headReadAt = System.nanoTime();
            return latest;
        }
    }

    private void follow(long toBlock) {
        long from = followedTo < 0 ? gateway.deployBlock() : followedTo + 1;
        if (from > toBlock) {
            return;
        }
        for (VoteCast v : events.votesCast(from, toBlock)) {
            voted.add(new VoteKey(v.proposalId(), v.voter()));
            lastVoteBlock.merge(v.voter(), v.blockNumber(), Math::max);
            nonces.remove(v.voter());
        }
        followedTo = toBlock;
    }

    /** State, snapshot and deadline at the current head; empty for an unknown proposal. */
    public Optional<ProposalTimes> proposal(BigInteger proposalId) {
        Head h = refresh();
        ProposalTimes p = proposals.get(proposalId);
        if (p != null && p.atBlock() == h.number()) {
            return Optional.of(p);
        }
        Optional<ProposalTimes> fresh = gateway.proposal(proposalId, h.number());
        fresh.ifPresent(f -> {
            trim(proposals);
            proposals.put(proposalId, f);
        });
        return fresh;
    }

    /** The voter's current ballot nonce on the governor. */
    public BigInteger nonce(String voter) {
        refresh();
        NonceEntry e = nonces.get(voter);
        if (e == null || e.followedAtRead() < lastVoteBlock.getOrDefault(voter, -1L)) {
            long followed = followedTo; // read before the call: a vote in a later block makes the entry stale
            e = new NonceEntry(gateway.nonce(voter), followed);
            trim(nonces);
            nonces.put(voter, e);
        }
        return e.nonce();
    }

    /** Forget a voter's cached nonce (after one of our relays of a ballot of theirs was mined). */
    public void forgetNonce(String voter) {
        nonces.remove(voter);
    }

    /** Voted on chain (as far as followed). */
    public boolean hasVoted(BigInteger proposalId, String voter) {
        refresh();
        return voted.contains(new VoteKey(proposalId, voter));
    }

    /** floor(sqrt(member stake)) at {@code snapshot}, as the governor counts it; the snapshot must be in the past. */
    public BigInteger votingPowerAt(String voter, long snapshot) {
        PowerKey k = new PowerKey(voter, snapshot);
        BigInteger p = powers.get(k);
        if (p == null) {
            p = gateway.votingPowerAt(voter, snapshot);
            trim(powers);
            powers.put(k, p);
        }
        return p;
    }

    public boolean isMember(String voter) {
        return gateway.isMember(voter);
    }

    private static void trim(Map<?, ?> m) {
        if (m.size() >= MAX_ENTRIES) {
            m.clear(); // crude but bounded; entries are re-read on demand
        }
    }

    private record NonceEntry(BigInteger nonce, long followedAtRead) {}

    private record VoteKey(BigInteger proposalId, String voter) {}

    private record PowerKey(String voter, long snapshot) {}
}
