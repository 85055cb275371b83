package io.cipherocto.platform.kernel;

import java.util.Locale;
import java.util.Optional;

/**
 * The one hex helper of the code base: 0x-prefixed lower-case encoding and strict decoding.
 *
 * <p>Decoding accepts ASCII hex digits only ({@code 0-9 a-f A-F}); {@link Character#digit(char, int)} would also
 * accept other scripts' digits (e.g. U+0663, Arabic-Indic three), which is how hostile input once got through.
 * Encoding and decoding go through lookup tables and allocate only their result (the chain-events decoder is a hot
 * path).
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    /** ASCII hex digit value by char, -1 elsewhere (chars above 127 are never digits). */
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['a' + i] = (byte) (10 + i);
            VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private Hex() {
    }

    /** {@code true} for 0-9, a-f, A-F only. */
    public static boolean isAsciiHexDigit(char c) {
        return c < 128 && VALUES[c] >= 0;
    }

    /** The value of an ASCII hex digit, else -1. */
    public static int digit(char c) {
        return c < 128 ? VALUES[c] : -1;
    }

    /** {@code true} when {@code s} starts with 0x or 0X. */
    public static boolean hasPrefix(String s) {
        return s.length() >= 2 && s.charAt(0) == '0' && (s.charAt(1) == 'x' || s.charAt(1) == 'X');
    }

    /** 0x-prefixed lower-case hex of all of {@code bytes}. */
    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    /**
     * 0x-prefixed lower-case hex of {@code bytes[offset, offset + length)}. Builds Latin-1 bytes, which become the
     * string's storage without a compression pass.
     */
    public static String encode(byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        byte[] c = new byte[2 + 2 * length];
        c[0] = '0';
        c[1] = 'x';
        for (int i = 0; i < length; i++) {
            int v = bytes[offset + i] & 0xff;
            c[2 + 2 * i] = (byte) DIGITS[v >>> 4];
            c[3 + 2 * i] = (byte) DIGITS[v & 0x0f];
        }
        return new String(c, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes 0x and the lower-case hex of {@code bytes[offset, offset + length)} into {@code out[0, 2 + 2 * length)}
     * (for callers that reuse a buffer).
     */
    public static void encodeInto(byte[] bytes, int offset, int length, char[] out) {
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < length; i++) {
            int v = bytes[offset + i] & 0xff;
            out[2 + 2 * i] = DIGITS[v >>> 4];
            out[3 + 2 * i] = DIGITS[v & 0x0f];
        }
    }

    /**
     * Parses 0x (or 0X) and exactly {@code 2 * length} ASCII hex digits into {@code out[offset, offset + length)}
     * without allocating; {@code false} (and {@code out} possibly partly written) when {@code s} is not that.
     */
    public static boolean decodeInto(String s, byte[] out, int offset, int length) {
        if (s == null || s.length() != 2 + 2 * length || !hasPrefix(s)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int hi = digit(s.charAt(2 + 2 * i));
            int lo = digit(s.charAt(3 + 2 * i));
            if (hi < 0 || lo < 0) {
                return false;
            }
            out[offset + i] = (byte) ((hi << 4) | lo);
        }
        return true;
    }

    /**
     * The bytes of {@code hex}, with or without a 0x prefix; an even number of ASCII hex digits.
     *
     * @throws IllegalArgumentException when {@code hex} is null, of odd length or holds a non-hex character
     */
    public static byte[] decode(String hex) {
        if (hex == null) {
            throw new IllegalArgumentException("missing hex string");
        }
        int start = hasPrefix(hex) ? 2 : 0;
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

    /**
     * Exactly {@code expectedBytes} bytes of hex, with or without a 0x prefix.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static byte[] decode(String hex, int expectedBytes) {
        if (hex == null) {
            throw new IllegalArgumentException("missing hex string");
        }
        int digits = hex.length() - (hasPrefix(hex) ? 2 : 0);
        if (digits != 2 * expectedBytes) {
            throw new IllegalArgumentException("expected " + expectedBytes + " bytes of hex");
        }
        return decode(hex);
    }

    /**
     * A wire field of exactly {@code expectedBytes} bytes of hex (with or without 0x), with errors that name the field:
     * "{@code field} is missing", "{@code field} must be N bytes of 0x-hex", "{@code field} is not hex".
     *
     * @throws IllegalArgumentException otherwise
     */
    public static byte[] decodeField(String field, String value, int expectedBytes) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (value.length() - (hasPrefix(value) ? 2 : 0) != 2 * expectedBytes) {
            throw new IllegalArgumentException(field + " must be " + expectedBytes + " bytes of 0x-hex");
        }
        try {
            return decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hex");
        }
    }

    /**
     * Lower-case 0x-hex of exactly {@code bytes} bytes when {@code s} is that with a mandatory 0x/0X prefix (digits in
     * any case), else empty. For validating wire fields that are kept as strings.
     */
    public static Optional<String> normalize(String s, int bytes) {
        if (s == null || s.length() != 2 + 2 * bytes || !hasPrefix(s)) {
            return Optional.empty();
        }
        for (int i = 2; i < s.length(); i++) {
            if (!isAsciiHexDigit(s.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of("0x" + s.substring(2).toLowerCase(Locale.ROOT));
    }

    /**
     * A JSON-RPC quantity ("0x1a", hex with or without 0x) as an unsigned long.
     *
     * @throws IllegalArgumentException when missing or not hex (NumberFormatException is one)
     */
    public static long quantity(String q) {
        if (q == null) {
            throw new IllegalArgumentException("missing quantity");
        }
        String digits = hasPrefix(q) ? q.substring(2) : q;
        for (int i = 0; i < digits.length(); i++) {
            if (!isAsciiHexDigit(digits.charAt(i))) {
                throw new NumberFormatException("not a hex quantity: " + q);
            }
        }
        return Long.parseUnsignedLong(digits, 16);
    }
}
