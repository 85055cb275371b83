package io.cipherocto.settlement.publish;

import java.util.Optional;

/** Where a publication stands after one {@link Publisher#publish} call. */
public record PublishOutcome(State state, Optional<String> txHash, String detail) {
    /** Outcome states. */
    public enum State {
        /** The root of the epoch is on chain (this service's transaction, or the same root by another sender). */
        CONFIRMED,
        /** Sent; no receipt yet. Call again. */
        SENT,
        /** Cannot send yet (the previous root is still pending activation). Call again later. */
        WAITING,
        /** The attempt reverted; the next call signs a new attempt. */
        REVERTED
    }
}
