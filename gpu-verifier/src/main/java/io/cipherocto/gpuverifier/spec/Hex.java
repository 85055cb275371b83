package io.cipherocto.gpuverifier.spec;

import java.util.HexFormat;
import java.util.Objects;

/** 0x-prefixed lowercase hex. */
public final class Hex {
    private Hex() {
    }

    public static String of(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(Objects.requireNonNull(bytes, "bytes"));
    }

    public static byte[] parse(String hex) {
        Objects.requireNonNull(hex, "hex");
        String h = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + hex, e);
        }
    }
}
