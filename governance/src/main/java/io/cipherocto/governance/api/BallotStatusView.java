package io.cipherocto.governance.api;

import io.cipherocto.governance.store.BallotRecord;
import java.util.Locale;

/** GET /votes/{ballotId}: the ballot and its relay state. Optional parts are null when absent. */
public record BallotStatusView(String ballotId, String status, String proposalId, int support, String voter,
        String nonce, String reason, String txHash, Long blockNumber, String failure, String createdAt,
        String updatedAt) {

    static BallotStatusView of(BallotRecord b) {
        return new BallotStatusView(b.id().toString(), b.status().name().toLowerCase(Locale.ROOT),
                b.proposalId().toString(), b.support(), b.voter(), b.nonce().toString(), b.reason().orElse(null),
                b.txHash().orElse(null), b.blockNumber().orElse(null), b.failure().orElse(null),
                b.createdAt().toString(), b.updatedAt().toString());
    }
}
