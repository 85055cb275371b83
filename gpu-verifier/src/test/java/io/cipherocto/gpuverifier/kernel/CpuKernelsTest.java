package io.cipherocto.gpuverifier.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import org.junit.jupiter.api.Test;

class CpuKernelsTest {
    @Test
    void requantize_roundsHalfAwayFromZero_saturates_andAppliesRelu() {
        assertThat(CpuKernels.requantize(3, 1, 1, false)).isEqualTo((byte) 2); // 1.5 -> 2
        assertThat(CpuKernels.requantize(-3, 1, 1, false)).isEqualTo((byte) -2); // -1.5 -> -2
        assertThat(CpuKernels.requantize(5, 1, 2, false)).isEqualTo((byte) 1); // 1.25 -> 1
        assertThat(CpuKernels.requantize(-5, 1, 2, false)).isEqualTo((byte) -1);
        assertThat(CpuKernels.requantize(7, 1, 2, false)).isEqualTo((byte) 2); // 1.75 -> 2
        assertThat(CpuKernels.requantize(1000, 1, 0, false)).isEqualTo((byte) 127);
        assertThat(CpuKernels.requantize(-1000, 1, 0, false)).isEqualTo((byte) -128);
        assertThat(CpuKernels.requantize(-1000, 1, 0, true)).isEqualTo((byte) 0);
        assertThat(CpuKernels.requantize(-9, 3, 2, false)).isEqualTo((byte) -7); // -27/4 = -6.75 -> -7
        // Extremes: |acc * multiplier| just under 2^62 does not overflow int64.
        assertThat(CpuKernels.requantize(Integer.MIN_VALUE, Integer.MAX_VALUE, 62, false)).isEqualTo((byte) -1);
        assertThat(CpuKernels.requantize(Integer.MAX_VALUE, Integer.MAX_VALUE, 62, false)).isEqualTo((byte) 1);
    }

    @Test
    void mlp_tinyCase_matchesTheHandComputation() {
        // x = [3, -4]
        // layer 0: W = [[1, 2], [-5, 6]], bias = [10, -3], multiplier 1, shift 1, ReLU
        //   acc = [10 + 3 - 8, -3 - 15 - 24] = [5, -42] -> [2.5, -21] -> round [3, -21] -> ReLU [3, 0]
        // layer 1: W = [[7, 100]], bias = [-30], multiplier 3, shift 2, no ReLU
        //   acc = -30 + 21 + 0 = -9 -> -27 / 4 = -6.75 -> -7
        MlpParams p = new MlpParams(1, new int[] {2, 2, 1}, new int[] {1, 3}, new int[] {1, 2});
        MlpInputs in = new MlpInputs(new byte[] {3, -4}, new byte[][] {{1, 2, -5, 6}, {7, 100}},
                new int[][] {{10, -3}, {-30}});
        assertThat(CpuKernels.mlpInt8(p, in)).containsExactly(-7);
    }

    @Test
    void mlp_matchesALayerByLayerReferenceWithLongArithmetic() {
        MlpParams p = new MlpParams(5, new int[] {33, 17, 9}, new int[] {1 << 20, 12345}, new int[] {30, 20});
        MlpInputs in = InputGenerator.mlp(p, new byte[32]);
        byte[] act = in.x();
        for (int l = 0; l < p.layers(); l++) {
            int ni = p.dim(l);
            int no = p.dim(l + 1);
            byte[] y = new byte[p.batch() * no];
            for (int b = 0; b < p.batch(); b++) {
                for (int j = 0; j < no; j++) {
                    long acc = in.biases()[l][j];
                    for (int k = ni - 1; k >= 0; k--) { // reverse order on purpose: integers are associative
                        acc += (long) act[b * ni + k] * in.weights()[l][j * ni + k];
                    }
                    double exact = (double) acc * p.multiplier(l) / Math.pow(2, p.shift(l));
                    long q = (long) Math.signum(exact) * (long) Math.floor(Math.abs(exact) + 0.5);
                    if (l < p.layers() - 1) {
                        q = Math.max(q, 0);
                    }
                    y[b * no + j] = (byte) Math.max(-128, Math.min(127, q));
                }
            }
            act = y;
        }
        assertThat(CpuKernels.mlpInt8(p, in)).containsExactly(act);
    }

    @Test
    void mlp_outputsAreNotAllSaturated_forTheVectorParameters() {
        MlpParams p = new MlpParams(4, new int[] {64, 64, 16}, new int[] {1 << 20, 1 << 20}, new int[] {30, 30});
        byte[] y = CpuKernels.mlpInt8(p, InputGenerator.mlp(p, new byte[32]));
        long unsaturatedNonZero = 0;
        for (byte v : y) {
            if (v != 0 && v != 127 && v != -128) {
                unsaturatedNonZero++;
            }
        }
        assertThat(unsaturatedNonZero).isGreaterThan(y.length / 4);
    }

    @Test
    void matmul_blockSizeIsPartOfTheResult() {
        // A = [[1, 1, 1, 1]], B = [[2^24], [1], [1], [1]]
        // blockK = 4: ((2^24 + 1) + 1) + 1, each step ties back to even 2^24  -> 16777216
        // blockK = 2: (2^24 + 1) -> 2^24, then (1 + 1) = 2; 2^24 + 2 is exact      -> 16777218
        float[] a = {1, 1, 1, 1};
        float[] b = {0x1p24f, 1, 1, 1};
        MatmulInputs in = new MatmulInputs(a, b);
        assertThat(CpuKernels.matmulFp32(new MatmulParams(1, 1, 4, 4), in)).containsExactly(16777216f);
        assertThat(CpuKernels.matmulFp32(new MatmulParams(1, 1, 4, 2), in)).containsExactly(16777218f);
    }

    @Test
    void matmul_roundsTheProductBeforeTheSum_noFma() {
        float a = 0x1.002p0f; // 1 + 2^-11
        float h = 0x1.001p0f; // 1 + 2^-12: h * h = 1 + 2^-11 + 2^-24, rounds (tie to even) to 1 + 2^-11
        assertThat(Math.fma(h, h, -a)).isEqualTo(0x1p-24f); // what a fused multiply-add would give
        MatmulInputs in = new MatmulInputs(new float[] {1f, h}, new float[] {-a, h});
        float[] c = CpuKernels.matmulFp32(new MatmulParams(1, 1, 2, 2), in);
        assertThat(Float.floatToRawIntBits(c[0])).isEqualTo(Float.floatToRawIntBits(0f));
    }

    @Test
    void matmul_equalsTheDocumentedPerElementOrder_forOddShapes() {
        for (int[] s : new int[][] {{7, 5, 33, 8}, {1, 19, 64, 64}, {3, 3, 10, 1}, {16, 17, 100, 7}}) {
            MatmulParams p = new MatmulParams(s[0], s[1], s[2], s[3]);
            MatmulInputs in = InputGenerator.matmul(p, new byte[32]);
            float[] c = CpuKernels.matmulFp32(p, in);
            for (int i = 0; i < p.m(); i++) {
                for (int j = 0; j < p.n(); j++) {
                    float acc = 0f;
                    for (int k0 = 0; k0 < p.k(); k0 += p.blockK()) {
                        float part = 0f;
                        for (int k = k0; k < Math.min(p.k(), k0 + p.blockK()); k++) {
                            float prod = in.a()[i * p.k() + k] * in.b()[k * p.n() + j];
                            part = part + prod;
                        }
                        acc = acc + part;
                    }
                    assertThat(Float.floatToRawIntBits(c[i * p.n() + j])).as("C[%d][%d] of %s", i, j, p)
                            .isEqualTo(Float.floatToRawIntBits(acc));
                }
            }
        }
    }

    @Test
    void matmul_negativeZeroProductsSumToPositiveZero() {
        // acc and partials start at +0, and +0 + -0 = +0 (round to nearest).
        float[] c = CpuKernels.matmulFp32(new MatmulParams(1, 1, 1, 1),
                new MatmulInputs(new float[] {-0.5f}, new float[] {0f}));
        assertThat(Float.floatToRawIntBits(c[0])).isZero();
    }

    @Test
    void kernels_rejectInputsOfTheWrongShape() {
        assertThatThrownBy(() -> CpuKernels.matmulFp32(new MatmulParams(2, 2, 2, 2),
                new MatmulInputs(new float[3], new float[4]))).hasMessageContaining("do not match");
    }
}
