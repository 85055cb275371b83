package io.cipherocto.governance.vote;

import io.cipherocto.governance.store.BallotRecord;
import io.cipherocto.governance.store.BallotStore;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ballots accepted but not yet final (queued or submitted), per voter, in memory: the nonce a voter's next ballot
 * must carry and the proposals they already have a ballot in flight for. Loaded from PostgreSQL the first time a
 * voter is seen; kept current by the API (accept) and the relayer (confirmed / failed). The unique indexes on the
 * ballots table stay the final guard when several API instances share one database.
 */
public class PendingBallots {
    private final BallotStore store;
    private final Map<String, VoterBallots> voters = new ConcurrentHashMap<>();

    public PendingBallots(BallotStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The voter's open ballots; lock the returned object while checking and adding. */
    public VoterBallots of(String voter) {
        return voters.computeIfAbsent(voter, this::load);
    }

    /** Re-reads the voter's open ballots from the database (another instance may have relayed them). */
    public VoterBallots reload(String voter) {
        VoterBallots fresh = load(voter);
        VoterBallots current = of(voter);
        synchronized (current) {
            current.replaceWith(fresh);
        }
        return current;
    }

    /** A ballot became final (confirmed or failed): it no longer holds a nonce or a proposal. */
    public void release(BallotRecord b) {
        VoterBallots v = voters.get(b.voter());
        if (v != null) {
            synchronized (v) {
                v.remove(b.nonce(), b.proposalId());
            }
        }
    }

    private VoterBallots load(String voter) {
        VoterBallots v = new VoterBallots();
        for (BallotRecord b : store.openOf(voter)) {
            v.add(b.nonce(), b.proposalId());
        }
        return v;
    }

    /** One voter's open ballots: nonce -> proposal. Not thread-safe: synchronize on it. */
    public static final class VoterBallots {
        private final TreeMap<BigInteger, BigInteger> byNonce = new TreeMap<>();
        private final Set<BigInteger> proposals = new HashSet<>();

        /** The nonce the next ballot must carry, given the governor's current nonce for this voter. */
        public BigInteger expectedNonce(BigInteger chainNonce) {
            // Ballots at nonces below the chain's were mined already (confirmation not yet recorded).
            if (!byNonce.isEmpty() && byNonce.firstKey().compareTo(chainNonce) < 0) {
                var mined = byNonce.headMap(chainNonce);
                proposals.removeAll(mined.values());
                mined.clear();
            }
            return byNonce.isEmpty() ? chainNonce : byNonce.lastKey().add(BigInteger.ONE).max(chainNonce);
        }

        public boolean hasOpen(BigInteger proposalId) {
            return proposals.contains(proposalId);
        }

        public void add(BigInteger nonce, BigInteger proposalId) {
            byNonce.put(nonce, proposalId);
            proposals.add(proposalId);
        }

        public void remove(BigInteger nonce, BigInteger proposalId) {
            if (proposalId.equals(byNonce.get(nonce))) {
                byNonce.remove(nonce);
                proposals.remove(proposalId); // one open ballot per (voter, proposal)
            }
        }

        void replaceWith(VoterBallots other) {
            byNonce.clear();
            byNonce.putAll(other.byNonce);
            proposals.clear();
            proposals.addAll(other.proposals);
        }
    }
}
