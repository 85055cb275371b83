package io.cipherocto.gpuverifier.kernel;

import io.cipherocto.gpuverifier.input.InputCodec;
import io.cipherocto.gpuverifier.input.InputGenerator;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.Keccak;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import java.util.Objects;

/** Runs a {@link JobSpec}: materializes its inputs, runs the kernel on a backend, encodes and hashes the output. */
public final class JobExecutor {
    private final KernelBackend backend;
    private final InputResolver resolver;

    public JobExecutor(KernelBackend backend, InputResolver resolver) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    public JobExecutor(KernelBackend backend) {
        this(backend, InputResolver.NONE);
    }

    public KernelBackend backend() {
        return backend;
    }

    /**
     * @throws IllegalArgumentException when a content-hash input cannot be resolved or its bytes do not hash to the
     *     spec's content hash, or when the input bytes do not fit the spec's shape
     */
    public Execution execute(JobSpec spec) {
        Objects.requireNonNull(spec, "spec");
        byte[] output = switch (spec.params()) {
            case MlpParams p -> OutputCodec.int8(backend.mlpInt8(p, mlpInputs(p, spec.input())));
            case MatmulParams p -> OutputCodec.fp32(backend.matmulFp32(p, matmulInputs(p, spec.input())));
        };
        return new Execution(output, OutputCodec.hash(output), backend.name());
    }

    private MlpInputs mlpInputs(MlpParams p, InputSource source) {
        return switch (source) {
            case InputSource.Seeded s -> InputGenerator.mlp(p, s.seed());
            case InputSource.ContentHash c -> InputCodec.decodeMlp(p, content(c));
        };
    }

    private MatmulInputs matmulInputs(MatmulParams p, InputSource source) {
        return switch (source) {
            case InputSource.Seeded s -> InputGenerator.matmul(p, s.seed());
            case InputSource.ContentHash c -> InputCodec.decodeMatmul(p, content(c));
        };
    }

    private byte[] content(InputSource.ContentHash c) {
        byte[] bytes = resolver.resolve(c.hash())
                .orElseThrow(() -> new IllegalArgumentException("input " + Hex.encode(c.hash()) + " is not available"));
        if (!Arrays.equals(Keccak.hash(bytes), c.hash())) {
            throw new IllegalArgumentException("input bytes do not hash to " + Hex.encode(c.hash()));
        }
        return bytes;
    }
}
