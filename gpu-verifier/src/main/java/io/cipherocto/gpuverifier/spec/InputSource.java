package io.cipherocto.gpuverifier.spec;

import io.cipherocto.platform.kernel.Hex;
import java.util.Objects;

/**
 * Where a job's input tensors come from: a 32-byte seed for the deterministic generator
 * ({@link io.cipherocto.gpuverifier.input.InputGenerator}), or the keccak256 of the canonical input bytes, which the
 * verifier obtains from a content store.
 */
public sealed interface InputSource {
    /** Wire code of the kind (1 = seed, 2 = content hash). */
    int code();

    /** The 32 bytes that follow the code in the canonical encoding. */
    byte[] value();

    /** Inputs produced by the deterministic generator from {@code seed}. */
    record Seeded(byte[] seed) implements InputSource {
        public Seeded {
            Objects.requireNonNull(seed, "seed");
            if (seed.length != 32) {
                throw new IllegalArgumentException("seed must be 32 bytes, got " + seed.length);
            }
            seed = seed.clone();
        }

        @Override
        public int code() {
            return 1;
        }

        @Override
        public byte[] value() {
            return seed.clone();
        }

        @Override
        public byte[] seed() {
            return seed.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Seeded s && java.util.Arrays.equals(seed, s.seed);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(seed);
        }

        @Override
        public String toString() {
            return "Seeded[" + Hex.encode(seed) + "]";
        }
    }

    /** Inputs given as canonical input bytes whose keccak256 is {@code hash}. */
    record ContentHash(byte[] hash) implements InputSource {
        public ContentHash {
            Objects.requireNonNull(hash, "hash");
            if (hash.length != 32) {
                throw new IllegalArgumentException("content hash must be 32 bytes, got " + hash.length);
            }
            hash = hash.clone();
        }

        @Override
        public int code() {
            return 2;
        }

        @Override
        public byte[] value() {
            return hash.clone();
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ContentHash c && java.util.Arrays.equals(hash, c.hash);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "ContentHash[" + Hex.encode(hash) + "]";
        }
    }
}
