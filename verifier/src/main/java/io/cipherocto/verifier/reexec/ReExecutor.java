package io.cipherocto.verifier.reexec;

import io.cipherocto.gpuverifier.kernel.Execution;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import java.util.Objects;

/** Re-executes a job from its spec (on the selected backend: CUDA or the bit-identical CPU path) and judges it. */
public final class ReExecutor {
    private final JobExecutor executor;

    public ReExecutor(JobExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * @throws IllegalArgumentException when the spec's inputs are unavailable or invalid (no verdict can be given)
     */
    public Verdict verify(Job job) {
        Objects.requireNonNull(job, "job");
        Execution e = executor.execute(job.spec());
        return new Verdict(job, job.spec().specHash(), e.outputHash(), e.backend());
    }
}
