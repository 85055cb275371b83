package io.cipherocto.gpuverifier.input;

import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Canonical input bytes (what a content-hash input source hashes with keccak256), little-endian, tensors
 * concatenated without padding: int8 MLP: x, then per layer weights (int8) then biases (int32 LE); fp32 matmul: A
 * then B (IEEE-754 binary32 bit patterns, LE).
 */
public final class InputCodec {
    private InputCodec() {
    }

    public static byte[] encode(MlpParams p, MlpInputs in) {
        in.checkShape(p);
        long size = in.x().length;
        for (int l = 0; l < p.layers(); l++) {
            size += in.weights()[l].length + 4L * in.biases()[l].length;
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(in.x());
        for (int l = 0; l < p.layers(); l++) {
            buf.put(in.weights()[l]);
            buf.asIntBuffer().put(in.biases()[l]);
            buf.position(buf.position() + 4 * in.biases()[l].length);
        }
        return buf.array();
    }

    public static MlpInputs decodeMlp(MlpParams p, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long expected = (long) p.batch() * p.dim(0);
        for (int l = 0; l < p.layers(); l++) {
            expected += (long) p.dim(l) * p.dim(l + 1) + 4L * p.dim(l + 1);
        }
        if (bytes.length != expected) {
            throw new IllegalArgumentException("MLP input is " + bytes.length + " bytes, expected " + expected);
        }
        byte[] x = new byte[p.batch() * p.dim(0)];
        buf.get(x);
        byte[][] w = new byte[p.layers()][];
        int[][] b = new int[p.layers()][];
        for (int l = 0; l < p.layers(); l++) {
            w[l] = new byte[p.dim(l) * p.dim(l + 1)];
            buf.get(w[l]);
            b[l] = new int[p.dim(l + 1)];
            buf.asIntBuffer().get(b[l]);
            buf.position(buf.position() + 4 * b[l].length);
        }
        return new MlpInputs(x, w, b);
    }

    public static byte[] encode(MatmulParams p, MatmulInputs in) {
        in.checkShape(p);
        ByteBuffer buf = ByteBuffer.allocate(4 * (in.a().length + in.b().length)).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(in.a()).put(in.b());
        return buf.array();
    }

    public static MatmulInputs decodeMatmul(MatmulParams p, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        long expected = 4L * ((long) p.m() * p.k() + (long) p.k() * p.n());
        if (bytes.length != expected) {
            throw new IllegalArgumentException("matmul input is " + bytes.length + " bytes, expected " + expected);
        }
        float[] a = new float[p.m() * p.k()];
        float[] b = new float[p.k() * p.n()];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a).get(b);
        return new MatmulInputs(a, b);
    }
}
