package io.cipherocto.platform.kernel;

/** A settlement epoch number: non-negative. {@link #toString()} is the decimal form. */
public record EpochId(long value) implements Comparable<EpochId> {
    /** @throws IllegalArgumentException when {@code value} is negative */
    public EpochId {
        require(value);
    }

    /**
     * {@code epoch} when it is an epoch number, for records that keep the epoch as a {@code long}.
     *
     * @throws IllegalArgumentException "epoch must be >= 0, got N" otherwise
     */
    public static long require(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return epoch;
    }

    public static EpochId of(long value) {
        return new EpochId(value);
    }

    /** The following epoch; ArithmeticException past Long.MAX_VALUE. */
    public EpochId next() {
        return new EpochId(Math.addExact(value, 1));
    }

    @Override
    public int compareTo(EpochId o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
