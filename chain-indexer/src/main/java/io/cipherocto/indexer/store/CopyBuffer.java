package io.cipherocto.indexer.store;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary {@code COPY} format, appended field by field into one growing byte array: a row is a
 * field count, then per field its length and bytes (-1 for NULL). {@link #HEADER} and {@link #TRAILER} frame the
 * rows of one {@code COPY ... FROM STDIN (FORMAT binary)}.
 */
final class CopyBuffer {
    /** The binary COPY header: signature, flags, header-extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The binary COPY trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf;
    private int len;

    CopyBuffer(int initialCapacity) {
        this.buf = new byte[Math.max(16, initialCapacity)];
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    void truncate(int length) {
        if (length < 0 || length > len) {
            throw new IllegalArgumentException("cannot truncate " + len + " bytes to " + length);
        }
        len = length;
    }

    /** Starts a row of {@code fields} fields. */
    void row(int fields) {
        ensure(2);
        putShort((short) fields);
    }

    void int8(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
    }

    void int4(int v) {
        ensure(8);
        putInt(4);
        putInt(v);
    }

    void bool(boolean v) {
        ensure(5);
        putInt(1);
        buf[len++] = (byte) (v ? 1 : 0);
    }

    void nullField() {
        ensure(4);
        putInt(-1);
    }

    /** Text: {@code "0x"} and the lower-case hex of {@code src[off .. off + n)}. */
    void hexText(byte[] src, int off, int n) {
        ensure(4 + 2 + 2 * n);
        putInt(2 + 2 * n);
        buf[len++] = '0';
        buf[len++] = 'x';
        for (int i = off; i < off + n; i++) {
            int v = src[i] & 0xff;
            buf[len++] = HEX[v >>> 4];
            buf[len++] = HEX[v & 0x0f];
        }
    }

    /** Text (UTF-8). */
    void text(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + b.length);
        putInt(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** jsonb: format version 1, then the JSON text. */
    void jsonb(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ensure(5 + b.length);
        putInt(1 + b.length);
        buf[len++] = 1;
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** numeric(78,0) from a non-negative long and a sign: base-10000 digit groups, most significant first. */
    void numeric(long abs, boolean negative) {
        short[] groups = new short[5];
        int n = 0;
        while (abs != 0) {
            groups[n++] = (short) (abs % 10_000);
            abs /= 10_000;
        }
        numericHeader(n, negative);
        for (int i = n - 1; i >= 0; i--) {
            putShort(groups[i]);
        }
    }

    /** numeric(78,0) from the decimal digits of a non-negative integer and a sign. */
    void numeric(String digits, boolean negative) {
        if (digits.equals("0")) {
            numeric(0L, false);
            return;
        }
        int n = (digits.length() + 3) / 4;
        numericHeader(n, negative);
        int first = digits.length() - 4 * (n - 1); // digits in the most significant group
        int at = 0;
        for (int g = 0; g < n; g++) {
            int width = g == 0 ? first : 4;
            int v = 0;
            for (int i = 0; i < width; i++) {
                v = v * 10 + (digits.charAt(at++) - '0');
            }
            putShort((short) v);
        }
    }

    /** Length, ndigits, weight (the integer's groups - 1), sign (0x4000 negative), dscale 0; room for the groups. */
    private void numericHeader(int groups, boolean negative) {
        ensure(4 + 8 + 2 * groups);
        putInt(8 + 2 * groups);
        putShort((short) groups);
        putShort((short) (groups == 0 ? 0 : groups - 1));
        putShort((short) (negative ? 0x4000 : 0));
        putShort((short) 0);
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }

    private void putShort(short v) {
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
