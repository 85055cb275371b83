package io.cipherocto.gpuverifier.kernel;

import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;

/** The always-available backend: {@link CpuKernels} on the calling thread. Thread-safe. */
public final class CpuBackend implements KernelBackend {
    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public byte[] mlpInt8(MlpParams params, MlpInputs inputs) {
        return CpuKernels.mlpInt8(params, inputs);
    }

    @Override
    public float[] matmulFp32(MatmulParams params, MatmulInputs inputs) {
        return CpuKernels.matmulFp32(params, inputs);
    }
}
