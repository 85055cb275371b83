package io.cipherocto.gpuverifier.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class InputGeneratorTest {
    @Test
    void splitMix64_fromStateZero_matchesTheReferenceSequence() {
        // Reference values of Vigna's splitmix64.c with x = 0.
        SplitMix64 r = new SplitMix64(0);
        assertThat(r.next()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(r.next()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(r.next()).isEqualTo(0x06C45D188009454FL);
    }

    @Test
    void stream_startsFromTheFirst8BytesOfKeccakOfTheSeed_bigEndian() {
        byte[] seed = new byte[32];
        seed[31] = 5;
        byte[] h = Hash.sha3(seed);
        long state = 0;
        for (int i = 0; i < 8; i++) {
            state = (state << 8) | (h[i] & 0xFF);
        }
        SplitMix64 expected = new SplitMix64(state);
        SplitMix64 actual = InputGenerator.stream(seed);
        for (int i = 0; i < 4; i++) {
            assertThat(actual.next()).isEqualTo(expected.next());
        }
    }

    @Test
    void mlp_drawsXThenWeightsThenBiases_fromOneStream_withTheDocumentedMappings() {
        byte[] seed = new byte[32];
        seed[0] = 1;
        MlpParams p = new MlpParams(2, new int[] {3, 2}, new int[] {1}, new int[] {0});
        MlpInputs in = InputGenerator.mlp(p, seed);
        SplitMix64 r = InputGenerator.stream(seed);
        for (int i = 0; i < 6; i++) {
            assertThat(in.x()[i]).isEqualTo((byte) (r.next() >>> 56));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(in.weights()[0][i]).isEqualTo((byte) (r.next() >>> 56));
        }
        for (int j = 0; j < 2; j++) {
            assertThat(in.biases()[0][j]).isEqualTo((int) (r.next() >>> 52) - 2048).isBetween(-2048, 2047);
        }
    }

    @Test
    void matmul_valuesAreExactMultiplesOfTwoPowMinus23_inMinusOneToOne() {
        MatmulInputs in = InputGenerator.matmul(new MatmulParams(8, 8, 8, 4), new byte[32]);
        for (float[] t : new float[][] {in.a(), in.b()}) {
            for (float v : t) {
                assertThat(v).isGreaterThanOrEqualTo(-1f).isLessThan(1f);
                assertThat(v * 0x1p23f).isEqualTo((float) Math.rint(v * 0x1p23f));
            }
        }
        assertThat(in.a()).doesNotContain(Float.NaN);
    }

    @Test
    void sameSeed_sameInputs_otherSeed_otherInputs() {
        MatmulParams p = new MatmulParams(4, 4, 4, 4);
        byte[] s1 = new byte[32];
        byte[] s2 = new byte[32];
        s2[31] = 1;
        assertThat(InputGenerator.matmul(p, s1).a()).isEqualTo(InputGenerator.matmul(p, s1.clone()).a());
        assertThat(Arrays.equals(InputGenerator.matmul(p, s1).a(), InputGenerator.matmul(p, s2).a())).isFalse();
    }

    @Test
    void inputCodec_roundTripsBothKernels() {
        MlpParams mp = new MlpParams(3, new int[] {4, 5, 2}, new int[] {1, 1}, new int[] {0, 0});
        MlpInputs mi = InputGenerator.mlp(mp, new byte[32]);
        MlpInputs back = InputCodec.decodeMlp(mp, InputCodec.encode(mp, mi));
        assertThat(back.x()).isEqualTo(mi.x());
        assertThat(back.weights()).isDeepEqualTo(mi.weights());
        assertThat(back.biases()).isDeepEqualTo(mi.biases());
        MatmulParams p = new MatmulParams(3, 2, 5, 2);
        MatmulInputs in = InputGenerator.matmul(p, new byte[32]);
        MatmulInputs b = InputCodec.decodeMatmul(p, InputCodec.encode(p, in));
        assertThat(b.a()).isEqualTo(in.a());
        assertThat(b.b()).isEqualTo(in.b());
    }

    @Test
    void inputCodec_isLittleEndian() {
        MatmulParams p = new MatmulParams(1, 1, 1, 1);
        byte[] bytes = InputCodec.encode(p, new MatmulInputs(new float[] {1f}, new float[] {-2f}));
        // 1.0f = 0x3F800000, -2.0f = 0xC0000000
        assertThat(bytes).containsExactly(0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xC0);
    }
}
