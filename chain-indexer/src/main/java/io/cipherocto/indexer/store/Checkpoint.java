package io.cipherocto.indexer.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The last block whose events are all in the database. {@code hash} is empty for a block indexed while already
 * final (backfill reads no headers); the follower fills it in before it relies on it.
 */
public record Checkpoint(long block, Optional<String> hash) {
    public Checkpoint {
        Objects.requireNonNull(hash, "hash");
        if (block < -1) {
            throw new IllegalArgumentException("block must be >= -1");
        }
    }

    public static Checkpoint of(long block, String hash) {
        return new Checkpoint(block, Optional.ofNullable(hash));
    }
}
