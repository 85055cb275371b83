package io.cipherocto.verifier.work;

import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.reexec.Verdict;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The verifier's work table ({@code verifier.work}) shared by any number of verifier instances.
 *
 * <p>{@link #claim} takes up to {@code limit} open jobs (pending, or claimed under an expired lease) in one statement,
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}: concurrent claims skip each other's rows instead of waiting, so two live
 * instances never hold the same job. {@link #complete} records a verdict only while the instance still holds the
 * job (status claimed, same instance), so a job whose lease expired and was re-claimed is recorded once, by its
 * current holder.
 */
public final class WorkQueue {
    private static final String CLAIM = """
            UPDATE verifier.work w
               SET status = 'claimed', claimed_by = $1, attempts = w.attempts + 1,
                   lease_until = now() + make_interval(secs => $3)
              FROM (SELECT epoch, job_id FROM verifier.work
                     WHERE status = 'pending' OR (status = 'claimed' AND lease_until < now())
                     ORDER BY epoch, job_id
                     LIMIT $2
                     FOR UPDATE SKIP LOCKED) open
             WHERE w.epoch = open.epoch AND w.job_id = open.job_id
            RETURNING w.epoch, w.job_id, w.provider, w.role, w.spec, w.claimed_output_hash, w.attempts""";

    private final Pool pool;

    public WorkQueue(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** Adds jobs (already known jobs are left as they are); returns how many were new. */
    public int enqueue(List<Job> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        int added = 0;
        for (Job j : jobs) {
            added += pool.preparedQuery("""
                    INSERT INTO verifier.work (epoch, job_id, provider, role, spec, claimed_output_hash)
                    VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (epoch, job_id) DO NOTHING""")
                    .executeAndAwait(Tuple.tuple(List.of(j.epoch(), Buffer.buffer(j.jobId()),
                            j.provider().toLowerCase(Locale.ROOT), (short) j.role(), Buffer.buffer(j.spec().encode()),
                            Buffer.buffer(j.claimedOutputHash()))))
                    .rowCount();
        }
        return added;
    }

    /**
     * Claims up to {@code limit} open jobs for {@code instance}, holding them for {@code lease}.
     */
    public List<ClaimedJob> claim(String instance, int limit, Duration lease) {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(lease, "lease");
        if (instance.isBlank()) {
            throw new IllegalArgumentException("instance must not be blank");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, got " + limit);
        }
        if (lease.isNegative()) {
            throw new IllegalArgumentException("lease must not be negative");
        }
        RowSet<Row> rows = pool.withTransaction(c -> c.preparedQuery(CLAIM)
                .execute(Tuple.of(instance, limit, lease.toMillis() / 1000.0))).await().indefinitely();
        List<ClaimedJob> out = new ArrayList<>();
        for (Row r : rows) {
            Job job = new Job(r.getBuffer("job_id").getBytes(), r.getLong("epoch"), r.getString("provider"),
                    r.getShort("role"), JobSpec.decode(r.getBuffer("spec").getBytes()),
                    r.getBuffer("claimed_output_hash").getBytes());
            out.add(new ClaimedJob(job, instance, r.getInteger("attempts")));
        }
        return out;
    }

    /**
     * Records the verdict of a claimed job. False when the instance no longer holds it (its lease expired and another
     * instance claimed it, or it is done): the verdict is then dropped.
     */
    public boolean complete(ClaimedJob claimed, Verdict verdict) {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(verdict, "verdict");
        if (!java.util.Arrays.equals(claimed.job().jobId(), verdict.job().jobId())) {
            throw new IllegalArgumentException("verdict is for another job");
        }
        return pool.preparedQuery("""
                UPDATE verifier.work
                   SET status = 'done', passed = $4, recomputed_output_hash = $5, evidence_hash = $6, backend = $7,
                       finished_at = now(), lease_until = NULL
                 WHERE epoch = $1 AND job_id = $2 AND claimed_by = $3 AND status = 'claimed'""")
                .executeAndAwait(Tuple.tuple(List.of(claimed.job().epoch(), Buffer.buffer(claimed.job().jobId()),
                        claimed.claimedBy(), verdict.passed(), Buffer.buffer(verdict.recomputedOutputHash()),
                        Buffer.buffer(verdict.evidenceHash()), verdict.backend())))
                .rowCount() == 1;
    }

    /**
     * Gives a claimed job back after a failed re-execution (e.g. its inputs could not be fetched): pending again, or
     * {@code error} once it has been claimed {@code maxAttempts} times. False when the instance no longer holds it.
     */
    public boolean release(ClaimedJob claimed, String reason, int maxAttempts) {
        Objects.requireNonNull(claimed, "claimed");
        Objects.requireNonNull(reason, "reason");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
        }
        return pool.preparedQuery("""
                UPDATE verifier.work
                   SET status = CASE WHEN attempts >= $4 THEN 'error' ELSE 'pending' END,
                       claimed_by = NULL, lease_until = NULL, last_error = $5
                 WHERE epoch = $1 AND job_id = $2 AND claimed_by = $3 AND status = 'claimed'""")
                .executeAndAwait(Tuple.tuple(List.of(claimed.job().epoch(), Buffer.buffer(claimed.job().jobId()),
                        claimed.claimedBy(), maxAttempts, reason)))
                .rowCount() == 1;
    }

    /** Jobs of the epoch not finished yet (pending or claimed). */
    public long open(long epoch) {
        return pool.preparedQuery("SELECT count(*) FROM verifier.work WHERE epoch = $1 AND status IN ('pending', 'claimed')")
                .executeAndAwait(Tuple.of(epoch)).iterator().next().getLong(0);
    }

    /** The attestations of the epoch's finished jobs (pass and fail), in job id order. */
    public List<io.cipherocto.contracts.protocol.Attestation> attestations(long epoch) {
        List<io.cipherocto.contracts.protocol.Attestation> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT job_id, provider, role, spec, claimed_output_hash, recomputed_output_hash, "
                + "passed, evidence_hash FROM verifier.work WHERE epoch = $1 AND status = 'done' ORDER BY job_id")
                .executeAndAwait(Tuple.of(epoch))) {
            out.add(attestation(epoch, r));
        }
        return out;
    }

    /** This operator's own attestation for a finished job, when it has one. */
    public java.util.Optional<io.cipherocto.contracts.protocol.Attestation> attestation(long epoch, byte[] jobId) {
        Objects.requireNonNull(jobId, "jobId");
        var it = pool.preparedQuery("SELECT job_id, provider, role, spec, claimed_output_hash, recomputed_output_hash, "
                + "passed, evidence_hash FROM verifier.work WHERE epoch = $1 AND job_id = $2 AND status = 'done'")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId))).iterator();
        return it.hasNext() ? java.util.Optional.of(attestation(epoch, it.next())) : java.util.Optional.empty();
    }

    private static io.cipherocto.contracts.protocol.Attestation attestation(long epoch, Row r) {
        JobSpec spec = JobSpec.decode(r.getBuffer("spec").getBytes());
        return new io.cipherocto.contracts.protocol.Attestation(epoch, r.getBuffer("job_id").getBytes(),
                r.getString("provider"), r.getShort("role"), spec.specHash(), r.getBuffer("claimed_output_hash").getBytes(),
                r.getBuffer("recomputed_output_hash").getBytes(), r.getBoolean("passed"),
                r.getBuffer("evidence_hash").getBytes());
    }

    /** Number of jobs per status (pending, claimed, done, error). */
    public Map<String, Long> counts() {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : pool.query("SELECT status, count(*) AS n FROM verifier.work GROUP BY status").executeAndAwait()) {
            out.put(r.getString("status"), r.getLong("n"));
        }
        return out;
    }
}
