package io.cipherocto.gpuverifier.kernel;

import java.util.Objects;

/** The result of running a spec: its canonical output bytes and their keccak256, and the backend that ran it. */
public record Execution(byte[] output, byte[] outputHash, String backend) {
    public Execution {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(outputHash, "outputHash");
        Objects.requireNonNull(backend, "backend");
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    @Override
    public byte[] outputHash() {
        return outputHash.clone();
    }
}
