package io.cipherocto.gpuverifier.spec;

/** Shape and parameters of one kernel; each implementation belongs to exactly one {@link KernelId}. */
public sealed interface KernelParams permits MlpParams, MatmulParams {
    KernelId kernel();

    /** Appends the canonical encoding of the parameters (see docs/verifier.md). */
    void encode(CanonicalWriter out);

    /** Multiply-accumulate operations of one execution (for GOP/s: 1 MAC = 2 ops). */
    long macs();
}
