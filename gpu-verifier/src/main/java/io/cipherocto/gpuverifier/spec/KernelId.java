package io.cipherocto.gpuverifier.spec;

import java.util.Arrays;
import java.util.Optional;

/** The kernels a job spec may name, with their one-byte wire codes (never reused). */
public enum KernelId {
    /** Int8 quantized MLP forward pass (int8 x int8 -> int32, integer requantization, ReLU, saturation). */
    INT8_MLP(1),
    /** fp32 matrix multiply with a fixed reduction order. */
    FP32_MATMUL(2);

    private final int code;

    KernelId(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<KernelId> ofCode(int code) {
        return Arrays.stream(values()).filter(k -> k.code == code).findFirst();
    }
}
