package io.cipherocto.gpuverifier.input;

import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.util.Objects;

/**
 * The deterministic input generator of spec version 1 (reproducible by any implementation):
 *
 * <ol>
 *   <li>{@code state0} = the first 8 bytes of keccak256(seed), read as a big-endian uint64;</li>
 *   <li>one {@link SplitMix64} stream from {@code state0} fills every tensor, one draw {@code z} per element, in the
 *       order of the canonical input bytes ({@link InputCodec}): int8 MLP: x, then per layer its weights then its
 *       biases; fp32 matmul: A then B;</li>
 *   <li>int8 element = {@code (int8)(z >>> 56)} (the top byte, two's complement);
 *       int32 bias = {@code (int)(z >>> 52) - 2048} (in [-2048, 2047]);
 *       fp32 element = {@code ((int)(z >>> 40) - 2^23) * 2^-23} (an exact multiple of 2^-23 in [-1, 1)).</li>
 * </ol>
 */
public final class InputGenerator {
    private static final float TWO_POW_MINUS_23 = 0x1p-23f;

    private InputGenerator() {
    }

    static SplitMix64 stream(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != 32) {
            throw new IllegalArgumentException("seed must be 32 bytes");
        }
        byte[] h = Keccak.hash(seed);
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = (s << 8) | (h[i] & 0xFF);
        }
        return new SplitMix64(s);
    }

    public static MlpInputs mlp(MlpParams p, byte[] seed) {
        Objects.requireNonNull(p, "p");
        SplitMix64 r = stream(seed);
        byte[] x = int8s(r, p.batch() * p.dim(0));
        byte[][] w = new byte[p.layers()][];
        int[][] b = new int[p.layers()][];
        for (int l = 0; l < p.layers(); l++) {
            w[l] = int8s(r, p.dim(l) * p.dim(l + 1));
            b[l] = new int[p.dim(l + 1)];
            for (int j = 0; j < b[l].length; j++) {
                b[l][j] = (int) (r.next() >>> 52) - 2048;
            }
        }
        return new MlpInputs(x, w, b);
    }

    public static MatmulInputs matmul(MatmulParams p, byte[] seed) {
        Objects.requireNonNull(p, "p");
        SplitMix64 r = stream(seed);
        return new MatmulInputs(fp32s(r, p.m() * p.k()), fp32s(r, p.k() * p.n()));
    }

    private static byte[] int8s(SplitMix64 r, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (r.next() >>> 56);
        }
        return out;
    }

    private static float[] fp32s(SplitMix64 r, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = ((int) (r.next() >>> 40) - (1 << 23)) * TWO_POW_MINUS_23;
        }
        return out;
    }
}
