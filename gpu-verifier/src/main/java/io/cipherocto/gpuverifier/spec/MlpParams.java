package io.cipherocto.gpuverifier.spec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Int8 MLP: {@code batch} rows through {@code dims.length - 1} fully connected layers, layer {@code l} mapping
 * {@code dims[l]} to {@code dims[l+1]} features and requantizing with {@code multipliers[l]} / 2^{@code shifts[l]}.
 * Hidden layers apply ReLU, the last one does not. Semantics: {@link io.cipherocto.gpuverifier.kernel.CpuKernels}.
 */
public record MlpParams(int batch, int[] dims, int[] multipliers, int[] shifts) implements KernelParams {
    public static final int MAX_SHIFT = 62;

    public MlpParams {
        Objects.requireNonNull(dims, "dims");
        Objects.requireNonNull(multipliers, "multipliers");
        Objects.requireNonNull(shifts, "shifts");
        Limits.dim("batch", batch);
        int layers = dims.length - 1;
        if (layers < 1 || layers > Limits.MAX_LAYERS) {
            throw new IllegalArgumentException("an MLP has 1.." + Limits.MAX_LAYERS + " layers, got " + layers);
        }
        if (multipliers.length != layers || shifts.length != layers) {
            throw new IllegalArgumentException("need one multiplier and one shift per layer (" + layers + ")");
        }
        for (int i = 0; i < dims.length; i++) {
            Limits.dim("dims[" + i + "]", dims[i]);
            Limits.elements("activations[" + i + "]", (long) batch * dims[i]);
        }
        for (int l = 0; l < layers; l++) {
            Limits.elements("weights[" + l + "]", (long) dims[l] * dims[l + 1]);
            if (multipliers[l] < 1) {
                throw new IllegalArgumentException("multipliers[" + l + "] must be positive, got " + multipliers[l]);
            }
            if (shifts[l] < 0 || shifts[l] > MAX_SHIFT) {
                throw new IllegalArgumentException("shifts[" + l + "] must be in 0.." + MAX_SHIFT + ", got " + shifts[l]);
            }
        }
        dims = dims.clone();
        multipliers = multipliers.clone();
        shifts = shifts.clone();
    }

    public int layers() {
        return dims.length - 1;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    public int dim(int i) {
        return dims[i];
    }

    @Override
    public int[] multipliers() {
        return multipliers.clone();
    }

    public int multiplier(int layer) {
        return multipliers[layer];
    }

    @Override
    public int[] shifts() {
        return shifts.clone();
    }

    public int shift(int layer) {
        return shifts[layer];
    }

    @Override
    public KernelId kernel() {
        return KernelId.INT8_MLP;
    }

    @Override
    public void encode(CanonicalWriter out) {
        out.u32(batch).u8(layers());
        for (int d : dims) {
            out.u32(d);
        }
        for (int l = 0; l < layers(); l++) {
            out.u32(multipliers[l]).u8(shifts[l]);
        }
    }

    static MlpParams decode(CanonicalReader in) {
        int batch = in.u31("batch");
        int layers = in.u8();
        if (layers < 1 || layers > Limits.MAX_LAYERS) {
            throw new IllegalArgumentException("an MLP has 1.." + Limits.MAX_LAYERS + " layers, got " + layers);
        }
        int[] dims = new int[layers + 1];
        for (int i = 0; i <= layers; i++) {
            dims[i] = in.u31("dims[" + i + "]");
        }
        int[] mult = new int[layers];
        int[] shift = new int[layers];
        for (int l = 0; l < layers; l++) {
            mult[l] = in.u31("multipliers[" + l + "]");
            shift[l] = in.u8();
        }
        return new MlpParams(batch, dims, mult, shift);
    }

    @Override
    public long macs() {
        long m = 0;
        for (int l = 0; l < layers(); l++) {
            m += (long) batch * dims[l] * dims[l + 1];
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MlpParams p && batch == p.batch && Arrays.equals(dims, p.dims)
                && Arrays.equals(multipliers, p.multipliers) && Arrays.equals(shifts, p.shifts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(batch, Arrays.hashCode(dims), Arrays.hashCode(multipliers), Arrays.hashCode(shifts));
    }

    @Override
    public String toString() {
        return "MlpParams[batch=" + batch + ", dims=" + Arrays.toString(dims) + ", multipliers="
                + Arrays.toString(multipliers) + ", shifts=" + Arrays.toString(shifts) + "]";
    }
}
