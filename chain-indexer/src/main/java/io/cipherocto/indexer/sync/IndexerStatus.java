package io.cipherocto.indexer.sync;

import java.util.Objects;

/** What the indexer is doing, for readiness: a state and, when not running normally, the reason. */
public record IndexerStatus(State state, String detail) {
    public enum State { STARTING, WAITING_FOR_LOCK, BACKFILLING, FOLLOWING, PAUSED, FAILED, STOPPED }

    public IndexerStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean healthy() {
        return state == State.BACKFILLING || state == State.FOLLOWING;
    }
}
