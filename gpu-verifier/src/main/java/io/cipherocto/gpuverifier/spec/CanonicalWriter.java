package io.cipherocto.gpuverifier.spec;

import java.io.ByteArrayOutputStream;

/** Writes the canonical spec encoding: unsigned big-endian integers of fixed width, raw bytes. */
public final class CanonicalWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public CanonicalWriter u8(int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException("not a u8: " + v);
        }
        out.write(v);
        return this;
    }

    public CanonicalWriter u32(long v) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("not a u32: " + v);
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift) & 0xFF);
        }
        return this;
    }

    public CanonicalWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
