package io.cipherocto.verifier.cosign;

import io.cipherocto.gpuverifier.spec.Hex;

/** Strict 0x-hex fields of the co-sign wire format: exact length, errors naming the field (parsing: {@link Hex}). */
final class HexField {
    private HexField() {
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
            return Hex.parse(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hex");
        }
    }
}
