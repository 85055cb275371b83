package io.cipherocto.gpuverifier.kernel;

import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.util.Arrays;
import java.util.Objects;

/**
 * The reference semantics of the kernels, in plain Java (every other backend must match these bits).
 *
 * <p><b>int8 MLP</b>, layer l with fan-in K = dims[l], for every row b and output feature j:
 * <pre>
 *   acc  = bias[j] + sum_k x[b][k] * W[j][k]        int32, wrapping modulo 2^32 (cannot wrap for the generator's
 *                                                   inputs: |sum| &lt;= 2^30, |bias| &lt;= 2^11)
 *   prod = (int64) acc * multiplier                 exact (|prod| &lt; 2^62)
 *   q    = round(prod / 2^shift)                    round half away from zero: sign(prod) * ((|prod| + 2^(shift-1)) &gt;&gt; shift),
 *                                                   q = prod when shift = 0
 *   q    = max(q, 0)                                hidden layers only (ReLU); the last layer keeps its sign
 *   y    = clamp(q, -128, 127)                      saturate to int8
 * </pre>
 * Integer arithmetic is exact and associative, so the order of the k sum does not matter.
 *
 * <p><b>fp32 matmul</b>, for every output C[i][j], with IEEE-754 binary32 round-to-nearest-even on every operation,
 * no fused multiply-add, subnormals kept:
 * <pre>
 *   acc = +0
 *   for each block [k0, min(k0 + blockK, K)) in increasing k0:
 *       p = +0
 *       for k in the block, increasing:  p = p + (A[i][k] * B[k][j])     (product rounded, then sum rounded)
 *       acc = acc + p
 *   C[i][j] = acc
 * </pre>
 * Java float arithmetic is exactly this (the JLS forbids contracting a*b+c into an FMA); the CUDA kernel spells it
 * with {@code __fmul_rn}/{@code __fadd_rn}, which nvcc never contracts.
 */
public final class CpuKernels {
    private CpuKernels() {
    }

    public static byte[] mlpInt8(MlpParams p, MlpInputs in) {
        Objects.requireNonNull(p, "params");
        Objects.requireNonNull(in, "inputs").checkShape(p);
        byte[] act = in.x();
        for (int l = 0; l < p.layers(); l++) {
            act = layer(act, p.batch(), p.dim(l), p.dim(l + 1), in.weights()[l], in.biases()[l], p.multiplier(l),
                    p.shift(l), l < p.layers() - 1);
        }
        return act == in.x() ? act.clone() : act;
    }

    static byte[] layer(byte[] x, int batch, int in, int out, byte[] w, int[] bias, int mult, int shift, boolean relu) {
        // One dot product per output (x row and W row are both contiguous). Transposing W and running the outputs
        // innermost measured the same within noise (CpuVariantsBenchmark), so the simpler form is kept; integer sums
        // are exact, so the order is free.
        byte[] y = new byte[batch * out];
        for (int b = 0; b < batch; b++) {
            int xo = b * in;
            for (int j = 0; j < out; j++) {
                int wo = j * in;
                int acc = 0;
                for (int k = 0; k < in; k++) {
                    acc += x[xo + k] * w[wo + k];
                }
                y[b * out + j] = requantize(acc + bias[j], mult, shift, relu);
            }
        }
        return y;
    }

    /** Requantizes an int32 accumulator to int8 (see the class comment). */
    public static byte requantize(int acc, int multiplier, int shift, boolean relu) {
        if (multiplier < 1 || shift < 0 || shift > MlpParams.MAX_SHIFT) {
            throw new IllegalArgumentException("multiplier must be positive and shift in 0..62");
        }
        long prod = (long) acc * multiplier;
        long q;
        if (shift == 0) {
            q = prod;
        } else {
            long mag = ((prod < 0 ? -prod : prod) + (1L << (shift - 1))) >> shift;
            q = prod < 0 ? -mag : mag;
        }
        if (relu && q < 0) {
            q = 0;
        }
        return (byte) Math.max(-128, Math.min(127, q));
    }

    public static float[] matmulFp32(MatmulParams p, MatmulInputs in) {
        Objects.requireNonNull(p, "params");
        Objects.requireNonNull(in, "inputs").checkShape(p);
        int m = p.m();
        int n = p.n();
        int kk = p.k();
        int bk = p.blockK();
        float[] a = in.a();
        float[] b = in.b();
        float[] c = new float[m * n];
        float[] acc = new float[n];
        float[] part = new float[n];
        // i-k-j order: the j loop runs n independent accumulations (C2 vectorizes it lane-wise, which keeps each
        // element's own sequential order); per element the order is exactly the one documented above.
        for (int i = 0; i < m; i++) {
            Arrays.fill(acc, 0f);
            for (int k0 = 0; k0 < kk; k0 += bk) {
                int kEnd = Math.min(kk, k0 + bk);
                Arrays.fill(part, 0f);
                int k = k0;
                // Four k at a time: Java evaluates p + a0*b0 + a1*b1 + ... left to right, each product and each sum
                // rounded separately, which is exactly the sequential order (only fewer loads/stores of part[]).
                for (; k + 4 <= kEnd; k += 4) {
                    float a0 = a[i * kk + k];
                    float a1 = a[i * kk + k + 1];
                    float a2 = a[i * kk + k + 2];
                    float a3 = a[i * kk + k + 3];
                    int o0 = k * n;
                    int o1 = o0 + n;
                    int o2 = o1 + n;
                    int o3 = o2 + n;
                    for (int j = 0; j < n; j++) {
                        part[j] = part[j] + a0 * b[o0 + j] + a1 * b[o1 + j] + a2 * b[o2 + j] + a3 * b[o3 + j];
                    }
                }
                for (; k < kEnd; k++) {
                    float av = a[i * kk + k];
                    int bo = k * n;
                    for (int j = 0; j < n; j++) {
                        part[j] = part[j] + av * b[bo + j];
                    }
                }
                for (int j = 0; j < n; j++) {
                    acc[j] = acc[j] + part[j];
                }
            }
            System.arraycopy(acc, 0, c, i * n, n);
        }
        return c;
    }
}
