package io.cipherocto.gpuverifier.kernel;

import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;

/**
 * Executes the kernels. Every implementation must return the same bits as {@link CpuKernels} (the reference
 * semantics) for every valid input; {@link BackendSelector} picks one at start.
 */
public interface KernelBackend extends AutoCloseable {
    /** A short name for logs and benchmarks ("cpu", "cuda"). */
    String name();

    /** The int8 output [batch][dims[L]] of the MLP, row-major. */
    byte[] mlpInt8(MlpParams params, MlpInputs inputs);

    /** C [m][n], row-major. */
    float[] matmulFp32(MatmulParams params, MatmulInputs inputs);

    /** Releases native resources; the CPU backend has none. */
    @Override
    default void close() {
    }
}
