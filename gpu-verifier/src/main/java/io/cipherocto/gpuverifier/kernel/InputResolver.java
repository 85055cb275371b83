package io.cipherocto.gpuverifier.kernel;

import java.util.Optional;

/** Fetches canonical input bytes by their keccak256 (for specs with a content-hash input source). */
@FunctionalInterface
public interface InputResolver {
    /** A resolver that knows no content: only seeded specs can run. */
    InputResolver NONE = hash -> Optional.empty();

    Optional<byte[]> resolve(byte[] contentHash);
}
