package io.cipherocto.gpuverifier.input;

/**
 * SplitMix64 (Steele, Lea, Flood 2014; the {@code java.util.SplittableRandom} mixer): {@code state += 0x9E3779B97F4A7C15},
 * then {@code z = state; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB;
 * return z ^ (z >>> 31)}, all arithmetic modulo 2^64. Not thread-safe.
 */
public final class SplitMix64 {
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    public long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
