package io.cipherocto.gpuverifier.bench;

import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.kernel.CpuKernels;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Why the CPU path is written the way it is: the shipped loops ({@link CpuKernels}) against the straightforward ones
 * (same bits: per-element k loop for the matmul, transposed weights with outputs innermost for the MLP layer), measured in one run.
 * Throughput = calls/s; matmul 256^3 = 33.6 MOP per call, MLP layer 64 x 1024 x 1024 = 134 MOP per call.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class CpuVariantsBenchmark {
    private MatmulParams mm;
    private MatmulInputs mmIn;
    private MlpParams mlp;
    private MlpInputs mlpIn;

    @Setup
    public void setUp() {
        mm = new MatmulParams(256, 256, 256, 32);
        mmIn = InputGenerator.matmul(mm, new byte[32]);
        mlp = new MlpParams(64, new int[] {1024, 1024}, new int[] {1 << 20}, new int[] {33});
        mlpIn = InputGenerator.mlp(mlp, new byte[32]);
        if (!Arrays.equals(matmulPerElement(), CpuKernels.matmulFp32(mm, mmIn))
                || !Arrays.equals(mlpTransposed(), CpuKernels.mlpInt8(mlp, mlpIn))) {
            throw new IllegalStateException("variants disagree");
        }
    }

    @Benchmark
    public float[] matmulShipped() {
        return CpuKernels.matmulFp32(mm, mmIn);
    }

    @Benchmark
    public float[] matmulPerElement() {
        int m = mm.m();
        int n = mm.n();
        int kk = mm.k();
        float[] a = mmIn.a();
        float[] b = mmIn.b();
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = 0f;
                for (int k0 = 0; k0 < kk; k0 += mm.blockK()) {
                    float part = 0f;
                    for (int k = k0; k < Math.min(kk, k0 + mm.blockK()); k++) {
                        part = part + a[i * kk + k] * b[k * n + j];
                    }
                    acc = acc + part;
                }
                c[i * n + j] = acc;
            }
        }
        return c;
    }

    @Benchmark
    public byte[] mlpShipped() {
        return CpuKernels.mlpInt8(mlp, mlpIn);
    }

    @Benchmark
    public byte[] mlpTransposed() {
        return transposedLayer(mlpIn.x(), mlp.batch(), mlp.dim(0), mlp.dim(1), mlpIn.weights()[0], mlpIn.biases()[0],
                mlp.multiplier(0), mlp.shift(0), false);
    }

    /** The alternative: W transposed to [in][out], outputs innermost, four k per pass. */
    static byte[] transposedLayer(byte[] x, int batch, int in, int out, byte[] w, int[] bias, int mult, int shift, boolean relu) {
        // Weights transposed to [in][out] so that the inner loop runs over independent outputs (C2 vectorizes it);
        // integer sums are exact, so the loop order is free.
        byte[] wt = new byte[in * out];
        for (int j = 0; j < out; j++) {
            for (int k = 0; k < in; k++) {
                wt[k * out + j] = w[j * in + k];
            }
        }
        byte[] y = new byte[batch * out];
        int[] acc = new int[out];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(bias, 0, acc, 0, out);
            int xo = b * in;
            int k = 0;
            for (; k + 4 <= in; k += 4) {
                int x0 = x[xo + k];
                int x1 = x[xo + k + 1];
                int x2 = x[xo + k + 2];
                int x3 = x[xo + k + 3];
                int o0 = k * out;
                int o1 = o0 + out;
                int o2 = o1 + out;
                int o3 = o2 + out;
                for (int j = 0; j < out; j++) {
                    acc[j] += x0 * wt[o0 + j] + x1 * wt[o1 + j] + x2 * wt[o2 + j] + x3 * wt[o3 + j];
                }
            }
            for (; k < in; k++) {
                int xv = x[xo + k];
                int o = k * out;
                for (int j = 0; j < out; j++) {
                    acc[j] += xv * wt[o + j];
                }
            }
            for (int j = 0; j < out; j++) {
                y[b * out + j] = CpuKernels.requantize(acc[j], mult, shift, relu);
            }
        }
        return y;
    }



}
