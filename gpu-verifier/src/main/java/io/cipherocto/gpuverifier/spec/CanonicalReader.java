package io.cipherocto.gpuverifier.spec;

import java.util.Arrays;
import java.util.Objects;

/** Reads the canonical spec encoding; every malformed input is an {@link IllegalArgumentException}. */
public final class CanonicalReader {
    private final byte[] in;
    private int pos;

    public CanonicalReader(byte[] in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    public int u8() {
        need(1);
        return in[pos++] & 0xFF;
    }

    public long u32() {
        need(4);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (in[pos++] & 0xFF);
        }
        return v;
    }

    /** A u32 that must fit an int (at most 2^31 - 1). */
    public int u31(String what) {
        long v = u32();
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
        return (int) v;
    }

    public byte[] bytes(int n) {
        need(n);
        byte[] b = Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    public void requireEnd() {
        if (pos != in.length) {
            throw new IllegalArgumentException("trailing bytes after the spec: " + (in.length - pos));
        }
    }

    private void need(int n) {
        if (in.length - pos < n) {
            throw new IllegalArgumentException("spec truncated at byte " + pos);
        }
    }
}
