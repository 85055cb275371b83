package io.cipherocto.gpuverifier.input;

import io.cipherocto.gpuverifier.spec.MlpParams;
import java.util.Objects;

/**
 * The tensors of an int8 MLP job: {@code x} [batch][dims[0]] row-major, per layer {@code l} the weights
 * [dims[l+1]][dims[l]] row-major (output feature major) and the int32 biases [dims[l+1]]. Arrays are shared, not
 * copied: backends must not modify them.
 */
public record MlpInputs(byte[] x, byte[][] weights, int[][] biases) {
    public MlpInputs {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(biases, "biases");
    }

    /** Throws IllegalArgumentException unless the tensor sizes match {@code p}. */
    public MlpInputs checkShape(MlpParams p) {
        if (x.length != p.batch() * p.dim(0) || weights.length != p.layers() || biases.length != p.layers()) {
            throw new IllegalArgumentException("inputs do not match " + p);
        }
        for (int l = 0; l < p.layers(); l++) {
            if (weights[l].length != p.dim(l) * p.dim(l + 1) || biases[l].length != p.dim(l + 1)) {
                throw new IllegalArgumentException("layer " + l + " inputs do not match " + p);
            }
        }
        return this;
    }
}
