package io.cipherocto.verifier.cosign;

import java.util.HexFormat;

/** Strict 0x-hex parsing for the co-sign wire format. */
final class Hex {
    private Hex() {
    }

    /** Exactly {@code length} bytes of hex, with or without 0x; IllegalArgumentException naming the field otherwise. */
    static byte[] bytes(String field, String value, int length) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        String hex = value.startsWith("0x") || value.startsWith("0X") ? value.substring(2) : value;
        if (hex.length() != 2 * length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes of 0x-hex");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hex");
        }
    }

    static String of(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }
}
