package io.cipherocto.governance.store;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** One stored ballot and its relay state. */
public record BallotRecord(UUID id, BigInteger proposalId, int support, String voter, BigInteger nonce,
        byte[] signature, Optional<String> reason, BallotStatus status, Optional<String> txHash,
        Optional<Long> relayerNonce, Optional<Long> blockNumber, Optional<String> failure, OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    /** A new queued ballot. */
    public static BallotRecord queued(UUID id, BigInteger proposalId, int support, String voter, BigInteger nonce,
            byte[] signature, Optional<String> reason) {
        OffsetDateTime now = OffsetDateTime.now();
        return new BallotRecord(id, proposalId, support, voter, nonce, signature, reason, BallotStatus.QUEUED,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), now, now);
    }
}
