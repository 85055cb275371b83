package io.cipherocto.platform.kernel;

import java.util.Arrays;

/**
 * A 20-byte account or contract address. {@link #parse} is strict: {@code 0x} followed by exactly 40 ASCII hex
 * digits (any case, no checksum check); {@link #toString()} is the canonical lower-case 0x form. The zero address
 * is a valid value; refuse it where it is meaningless with {@link #requireNonZero()} or {@link #parseNonZero}.
 */
public final class Address {
    /** Bytes in an address. */
    public static final int LENGTH = 20;
    /** 0x0000000000000000000000000000000000000000. */
    public static final Address ZERO = new Address(new byte[LENGTH]);

    private final byte[] bytes;
    private final String hex;

    private Address(byte[] bytes) {
        this.bytes = bytes;
        this.hex = Hex.encode(bytes);
    }

    /**
     * The address {@code s}: 0x (or 0X) and 40 ASCII hex digits.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static Address parse(String s) {
        if (s == null || s.length() != 2 + 2 * LENGTH || !Hex.hasPrefix(s)) {
            throw new IllegalArgumentException("not an address (0x and 40 hex digits)");
        }
        return new Address(Hex.decode(s));
    }

    /** The address {@code s} when {@link #parse} accepts it, else empty. */
    public static java.util.Optional<Address> tryParse(String s) {
        return isValid(s) ? java.util.Optional.of(new Address(Hex.decode(s))) : java.util.Optional.empty();
    }

    /** {@link #parse} then {@link #requireNonZero()}. */
    public static Address parseNonZero(String s) {
        return parse(s).requireNonZero();
    }

    /** {@code true} when {@code s} is an address that {@link #parse} accepts. */
    public static boolean isValid(String s) {
        return Hex.normalize(s, LENGTH).isPresent();
    }

    /** The address of exactly 20 {@code bytes} (copied). */
    public static Address of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("an address is " + LENGTH + " bytes");
        }
        return new Address(bytes.clone());
    }

    /** This address, unless it is the zero address (IllegalArgumentException then). */
    public Address requireNonZero() {
        if (isZero()) {
            throw new IllegalArgumentException("the zero address is not allowed");
        }
        return this;
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    /** A copy of the 20 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Canonical lower-case 0x form. */
    @Override
    public String toString() {
        return hex;
    }
}
