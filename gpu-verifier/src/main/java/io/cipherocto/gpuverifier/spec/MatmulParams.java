package io.cipherocto.gpuverifier.spec;

/**
 * fp32 {@code C[m][n] = A[m][k] * B[k][n]} with the fixed reduction order of
 * {@link io.cipherocto.gpuverifier.kernel.CpuKernels#matmulFp32}: per output, sequential partial sums over
 * consecutive runs of {@code blockK} values of k, then a sequential sum of the partials.
 */
public record MatmulParams(int m, int n, int k, int blockK) implements KernelParams {
    public MatmulParams {
        Limits.dim("m", m);
        Limits.dim("n", n);
        Limits.dim("k", k);
        Limits.dim("blockK", blockK);
        Limits.elements("A", (long) m * k);
        Limits.elements("B", (long) k * n);
        Limits.elements("C", (long) m * n);
    }

    @Override
    public KernelId kernel() {
        return KernelId.FP32_MATMUL;
    }

    @Override
    public void encode(CanonicalWriter out) {
        out.u32(m).u32(n).u32(k).u32(blockK);
    }

    static MatmulParams decode(CanonicalReader in) {
        return new MatmulParams(in.u31("m"), in.u31("n"), in.u31("k"), in.u31("blockK"));
    }

    @Override
    public long macs() {
        return (long) m * n * k;
    }
}
