package io.cipherocto.chain.events;

/** Fast 0x-hex conversions for the decode path (no intermediate objects). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static byte[] decode(String hex) {
        int start = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
        int n = hex.length() - start;
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("odd-length hex string");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = digit(hex.charAt(start + 2 * i));
            int lo = digit(hex.charAt(start + 2 * i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("not a hex string");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** The value of an ASCII hex digit, else -1 (Character.digit would accept other scripts' digits). */
    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static String encode(byte[] bytes, int offset, int length) {
        char[] c = new char[2 + 2 * length];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < length; i++) {
            int v = bytes[offset + i] & 0xff;
            c[2 + 2 * i] = DIGITS[v >>> 4];
            c[3 + 2 * i] = DIGITS[v & 0x0f];
        }
        return new String(c);
    }

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    /** Parses a JSON-RPC quantity ("0x1a") into a long. */
    public static long quantity(String q) {
        if (q == null) {
            throw new IllegalArgumentException("missing quantity");
        }
        return Long.parseUnsignedLong(q.startsWith("0x") ? q.substring(2) : q, 16);
    }
}
