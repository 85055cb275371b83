package io.cipherocto.platform.kernel;

import java.math.BigInteger;
import java.util.Objects;

/**
 * An on-chain amount: an integer in {@code [0, 2^256 - 1]} (Solidity's {@code uint256}), in the token's smallest
 * unit. Money is integers only: there is no fractional or floating-point path. {@link #toString()} is the decimal
 * form.
 */
public record Wei(BigInteger value) implements Comparable<Wei> {
    /** 2^256 - 1. */
    public static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    public static final Wei ZERO = new Wei(BigInteger.ZERO);
    public static final Wei MAX = new Wei(MAX_UINT256);

    /** @throws IllegalArgumentException when {@code value} is null, negative or above 2^256 - 1 */
    public Wei {
        if (value == null) {
            throw new IllegalArgumentException("missing amount");
        }
        if (!fitsUint256(value)) {
            throw new IllegalArgumentException("amount out of uint256 range");
        }
    }

    public static Wei of(BigInteger value) {
        return new Wei(value);
    }

    public static Wei of(long value) {
        return new Wei(BigInteger.valueOf(value));
    }

    /** {@code true} when {@code v} is in {@code [0, 2^256 - 1]}. */
    public static boolean fitsUint256(BigInteger v) {
        return v != null && v.signum() >= 0 && v.bitLength() <= 256;
    }

    /**
     * The decimal amount {@code s}: ASCII digits only (no sign, no blanks, no other scripts' digits), at most
     * 2^256 - 1.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static Wei parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 78) {
            throw new IllegalArgumentException("not a uint256 decimal");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("not a uint256 decimal");
            }
        }
        return new Wei(new BigInteger(s));
    }

    /** {@code this + other}; IllegalArgumentException on uint256 overflow. */
    public Wei add(Wei other) {
        return new Wei(value.add(Objects.requireNonNull(other, "other").value));
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    @Override
    public int compareTo(Wei o) {
        return value.compareTo(o.value);
    }

    /** Decimal form. */
    @Override
    public String toString() {
        return value.toString();
    }
}
