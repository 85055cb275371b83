package io.cipherocto.gpuverifier.input;

import io.cipherocto.gpuverifier.spec.MatmulParams;
import java.util.Objects;

/** A [m][k] and B [k][n], both row-major. Arrays are shared, not copied: backends must not modify them. */
public record MatmulInputs(float[] a, float[] b) {
    public MatmulInputs {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }

    /** Throws IllegalArgumentException unless the tensor sizes match {@code p}. */
    public MatmulInputs checkShape(MatmulParams p) {
        if (a.length != p.m() * p.k() || b.length != p.k() * p.n()) {
            throw new IllegalArgumentException("inputs do not match " + p);
        }
        return this;
    }
}
