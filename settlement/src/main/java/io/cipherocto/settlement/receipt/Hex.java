package io.cipherocto.settlement.receipt;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Parsing and normalizing of 0x-hex fields (addresses and bytes32 as lower-case 0x-hex strings). */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    /** Lower-case 0x-hex of exactly {@code bytes} bytes, or empty when {@code s} is not that. */
    public static Optional<String> normalize(String s, int bytes) {
        if (s == null || s.length() != 2 + 2 * bytes || !(s.startsWith("0x") || s.startsWith("0X"))) {
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
     * 0-9, a-f, A-F only: {@code Character.digit} also accepts other scripts' digits (e.g. U+0663, Arabic-Indic
     * three), which {@code HexFormat} then refuses.
     */
    public static boolean isAsciiHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    public static byte[] bytes(String hex0x) {
        return HEX.parseHex(hex0x, 2, hex0x.length());
    }

    public static String hex(byte[] b) {
        return "0x" + HEX.formatHex(b);
    }
}
