package io.cipherocto.verifier.reexec;

import java.util.Objects;

final class Bytes32 {
    private Bytes32() {
    }

    static byte[] check(String name, byte[] b) {
        Objects.requireNonNull(b, name);
        if (b.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes, got " + b.length);
        }
        return b.clone();
    }
}
