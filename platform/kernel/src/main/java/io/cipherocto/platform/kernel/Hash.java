package io.cipherocto.platform.kernel;

import java.util.Arrays;

/**
 * Any 32-byte value, Solidity's {@code bytes32}: hashes, Merkle roots, job and spec ids, salts. One class stands for
 * both the Bytes32 concept and hashes. {@link #toString()} is the canonical lower-case 0x form.
 */
public final class Hash {
    /** Bytes in a bytes32. */
    public static final int LENGTH = 32;
    /** Thirty-two zero bytes. */
    public static final Hash ZERO = new Hash(new byte[LENGTH]);

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The bytes32 {@code s}: 0x (or 0X) and 64 ASCII hex digits.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static Hash parse(String s) {
        if (s == null || s.length() != 2 + 2 * LENGTH || !Hex.hasPrefix(s)) {
            throw new IllegalArgumentException("not a bytes32 (0x and 64 hex digits)");
        }
        return new Hash(Hex.decode(s));
    }

    /** {@code true} when {@code s} is a bytes32 that {@link #parse} accepts. */
    public static boolean isValid(String s) {
        return Hex.normalize(s, LENGTH).isPresent();
    }

    /** The bytes32 {@code s} when {@link #parse} accepts it, else empty. */
    public static java.util.Optional<Hash> tryParse(String s) {
        return isValid(s) ? java.util.Optional.of(new Hash(Hex.decode(s))) : java.util.Optional.empty();
    }

    /**
     * A copy of {@code b} when it is exactly 32 bytes, for records that keep a bytes32 as {@code byte[]}.
     *
     * @throws NullPointerException naming {@code name} when {@code b} is null
     * @throws IllegalArgumentException "{@code name} must be 32 bytes, got N" otherwise
     */
    public static byte[] requireBytes32(String name, byte[] b) {
        java.util.Objects.requireNonNull(b, name);
        if (b.length != LENGTH) {
            throw new IllegalArgumentException(name + " must be " + LENGTH + " bytes, got " + b.length);
        }
        return b.clone();
    }

    /** The bytes32 of exactly 32 {@code bytes} (copied). */
    public static Hash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a bytes32 is " + LENGTH + " bytes");
        }
        return new Hash(bytes.clone());
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Canonical lower-case 0x form. */
    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
