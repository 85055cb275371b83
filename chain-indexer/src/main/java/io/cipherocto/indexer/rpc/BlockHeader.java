package io.cipherocto.indexer.rpc;

import java.util.Objects;

/** The part of a block header the indexer relies on. Hashes are lower-case 0x-hex. */
public record BlockHeader(long number, String hash, String parentHash, long timestamp) {
    public BlockHeader {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
    }
}
