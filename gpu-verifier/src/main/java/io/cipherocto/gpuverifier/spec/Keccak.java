package io.cipherocto.gpuverifier.spec;

import java.util.Objects;
import org.web3j.crypto.Hash;

/** keccak256 (the Ethereum variant, not SHA3-256). */
public final class Keccak {
    private Keccak() {
    }

    public static byte[] hash(byte[] bytes) {
        return Hash.sha3(Objects.requireNonNull(bytes, "bytes"));
    }
}
