package io.cipherocto.gpuverifier.spec;

/** Size limits every spec must respect (they bound memory and keep int32 indexing safe on both backends). */
public final class Limits {
    /** Largest single dimension. Also bounds the int8 MLP fan-in so that |sum x*w| <= 2^30. */
    public static final int MAX_DIM = 1 << 16;
    /** Largest number of elements in one tensor. */
    public static final long MAX_ELEMENTS = 1L << 26;
    /** Most layers of an MLP. */
    public static final int MAX_LAYERS = 32;

    private Limits() {
    }

    static int dim(String name, int v) {
        if (v < 1 || v > MAX_DIM) {
            throw new IllegalArgumentException(name + " must be in 1.." + MAX_DIM + ", got " + v);
        }
        return v;
    }

    static void elements(String name, long count) {
        if (count > MAX_ELEMENTS) {
            throw new IllegalArgumentException(name + " has " + count + " elements, more than " + MAX_ELEMENTS);
        }
    }
}
