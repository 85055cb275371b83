package io.cipherocto.verifier.work;

import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.reexec.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One verifier instance's loop step: claim a batch, re-execute each job, record the verdicts it still holds. A job
 * that cannot be re-executed (inputs unavailable or invalid: {@link IllegalArgumentException}) is released for a
 * retry, and marked {@code error} after {@value #MAX_ATTEMPTS} claims.
 */
public final class VerifierWorker {
    public static final int MAX_ATTEMPTS = 3;

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(VerifierWorker.class);
    private final String instance;
    private final WorkQueue queue;
    private final ReExecutor reExecutor;
    private final int batch;
    private final Duration lease;

    public VerifierWorker(String instance, WorkQueue queue, ReExecutor reExecutor, int batch, Duration lease) {
        this.instance = Objects.requireNonNull(instance, "instance");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.reExecutor = Objects.requireNonNull(reExecutor, "reExecutor");
        this.lease = Objects.requireNonNull(lease, "lease");
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        this.batch = batch;
    }

    /** Processes one batch; returns the verdicts recorded (empty when nothing was recorded). */
    public List<Verdict> runOnce() {
        return runBatch().verdicts();
    }

    /** What one batch did: jobs claimed, verdicts recorded. */
    public record Batch(int claimed, List<Verdict> verdicts) {
    }

    /** Processes one batch; {@code claimed == 0} means there was no open work. */
    public Batch runBatch() {
        List<ClaimedJob> claimed = queue.claim(instance, batch, lease);
        List<Verdict> recorded = new ArrayList<>();
        for (ClaimedJob c : claimed) {
            Verdict v;
            try {
                v = reExecutor.verify(c.job());
            } catch (IllegalArgumentException e) {
                LOG.warnf("verifier %s: job 0x%s of epoch %d not re-executable (attempt %d): %s", instance,
                        java.util.HexFormat.of().formatHex(c.job().jobId()), c.job().epoch(), c.attempts(), e.getMessage());
                queue.release(c, e.getMessage(), MAX_ATTEMPTS);
                continue;
            }
            if (queue.complete(c, v)) {
                recorded.add(v);
            }
        }
        return new Batch(claimed.size(), recorded);
    }
}
