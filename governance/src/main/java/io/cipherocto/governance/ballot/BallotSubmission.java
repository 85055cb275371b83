package io.cipherocto.governance.ballot;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, well-formed POST /votes body. {@code voter} is lower-case hex. With a {@code reason} the signature is
 * over the OpenZeppelin {@code ExtendedBallot(..., string reason, bytes params)} with empty params and the ballot is
 * relayed with castVoteWithReasonAndParamsBySig; without, over {@code Ballot(...)}, relayed with castVoteBySig.
 */
public record BallotSubmission(BigInteger proposalId, int support, String voter, BigInteger nonce, byte[] signature,
        Optional<String> reason, Optional<DomainFields> domain) {

    public BallotSubmission {
        Objects.requireNonNull(proposalId, "proposalId");
        Objects.requireNonNull(voter, "voter");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(domain, "domain");
    }
}
