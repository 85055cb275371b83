package io.cipherocto.gpuverifier.kernel;

import io.cipherocto.gpuverifier.spec.Keccak;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Canonical output bytes and the output hash. int8 MLP: the int8 output [batch][dims[L]] row-major, one byte per
 * value. fp32 matmul: C [m][n] row-major, each value as its IEEE-754 binary32 bit pattern in little-endian order,
 * every NaN written as the canonical quiet NaN 0x7FC00000 (NaN payloads are not portable). outputHash =
 * keccak256(canonical output bytes).
 */
public final class OutputCodec {
    public static final int CANONICAL_NAN = 0x7FC00000;

    private OutputCodec() {
    }

    public static byte[] int8(byte[] values) {
        return Objects.requireNonNull(values, "values").clone();
    }

    public static byte[] fp32(float[] values) {
        Objects.requireNonNull(values, "values");
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putInt(Float.isNaN(v) ? CANONICAL_NAN : Float.floatToRawIntBits(v));
        }
        return buf.array();
    }

    public static byte[] hash(byte[] canonicalOutput) {
        return Keccak.hash(canonicalOutput);
    }
}
