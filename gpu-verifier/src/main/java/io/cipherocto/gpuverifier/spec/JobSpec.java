package io.cipherocto.gpuverifier.spec;

import java.util.Objects;

/**
 * A versioned job spec: which kernel, its shape and parameters, and where the inputs come from.
 *
 * <p>Canonical encoding, version 1 (all integers unsigned big-endian):
 * <pre>
 *   u8 version (= 1) | u8 kernel code | kernel parameters | u8 input kind (1 = seed, 2 = content hash) | bytes32
 *   INT8_MLP    (1): u32 batch | u8 L | u32 dims[0..L] | L x (u32 multiplier | u8 shift)
 *   FP32_MATMUL (2): u32 m | u32 n | u32 k | u32 blockK
 * </pre>
 * Decoding accepts exactly the encodings this class produces (no trailing bytes, every value in range), so
 * {@code encode(decode(b)) == b} and {@link #specHash()} = keccak256(encoding) identifies a spec.
 */
public record JobSpec(int version, KernelParams params, InputSource input) {
    public static final int VERSION_1 = 1;

    public JobSpec {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(input, "input");
        if (version != VERSION_1) {
            throw new IllegalArgumentException("unsupported spec version " + version + " (supported: 1)");
        }
    }

    public static JobSpec of(KernelParams params, InputSource input) {
        return new JobSpec(VERSION_1, params, input);
    }

    public KernelId kernel() {
        return params.kernel();
    }

    public byte[] encode() {
        CanonicalWriter out = new CanonicalWriter().u8(version).u8(params.kernel().code());
        params.encode(out);
        return out.u8(input.code()).bytes(input.value()).toByteArray();
    }

    public byte[] specHash() {
        return Keccak.hash(encode());
    }

    public static JobSpec decode(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(Objects.requireNonNull(bytes, "bytes"));
        int version = in.u8();
        if (version != VERSION_1) {
            throw new IllegalArgumentException("unsupported spec version " + version + " (supported: 1)");
        }
        int code = in.u8();
        KernelId kernel = KernelId.ofCode(code)
                .orElseThrow(() -> new IllegalArgumentException("unknown kernel code " + code));
        KernelParams params = switch (kernel) {
            case INT8_MLP -> MlpParams.decode(in);
            case FP32_MATMUL -> MatmulParams.decode(in);
        };
        int kind = in.u8();
        byte[] value = in.bytes(32);
        InputSource input = switch (kind) {
            case 1 -> new InputSource.Seeded(value);
            case 2 -> new InputSource.ContentHash(value);
            default -> throw new IllegalArgumentException("unknown input kind " + kind);
        };
        in.requireEnd();
        return new JobSpec(version, params, input);
    }
}
