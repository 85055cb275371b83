package io.cipherocto.verifier.spec;

import io.cipherocto.gpuverifier.spec.JobSpec;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Job specs by hash in {@code verifier.specs}: stored only when they parse and hash to the key. */
public final class SpecStore {
    private final Pool pool;

    public SpecStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** The outcome of a {@link #put}: new, already there, or refused with the reason. */
    public enum Put { STORED, ALREADY_STORED }

    /**
     * Stores the canonical spec bytes under their hash. Throws IllegalArgumentException when the bytes are not a
     * canonical spec or do not hash to {@code specHash}.
     */
    public Put put(byte[] specHash, byte[] canonical) {
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(canonical, "canonical");
        JobSpec spec = JobSpec.decode(canonical);
        if (!Arrays.equals(spec.specHash(), specHash)) {
            throw new IllegalArgumentException("the spec's keccak256 is not the specHash of the path");
        }
        int n = pool.preparedQuery("INSERT INTO verifier.specs (spec_hash, spec) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .executeAndAwait(Tuple.tuple(java.util.List.of(Buffer.buffer(specHash), Buffer.buffer(canonical)))).rowCount();
        return n == 1 ? Put.STORED : Put.ALREADY_STORED;
    }

    public Optional<JobSpec> get(byte[] specHash) {
        var it = pool.preparedQuery("SELECT spec FROM verifier.specs WHERE spec_hash = $1")
                .executeAndAwait(Tuple.tuple(java.util.List.of(Buffer.buffer(specHash)))).iterator();
        return it.hasNext() ? Optional.of(JobSpec.decode(it.next().getBuffer(0).getBytes())) : Optional.empty();
    }
}
