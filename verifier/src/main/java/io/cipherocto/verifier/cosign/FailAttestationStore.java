package io.cipherocto.verifier.cosign;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code verifier.fail_attestations} and {@code verifier.cosignatures} (migration V4_3): the fail attestations this
 * operator is bringing on chain, their state for operators, and the co-signatures collected so far.
 */
public final class FailAttestationStore {
    private final Pool pool;

    public FailAttestationStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** A stored co-signature and the peer it came from. */
    public record Stored(String signer, byte[] signature, String peer) {
    }

    /** The state of one fail attestation, for operators and tests. */
    public record State(String status, Integer quorum, int signatures, int attempts, String lastError, String txHash) {
    }

    /** A fail attestation still collecting signatures. */
    public record Key(long epoch, byte[] jobId) {
    }

    /** Opens the record of a fail attestation (no-op when it exists). */
    public void open(long epoch, byte[] jobId) {
        pool.preparedQuery("INSERT INTO verifier.fail_attestations (epoch, job_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId)));
    }

    public Optional<State> state(long epoch, byte[] jobId) {
        var it = pool.preparedQuery("SELECT status, quorum, signatures, attempts, last_error, tx_hash "
                + "FROM verifier.fail_attestations WHERE epoch = $1 AND job_id = $2")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId))).iterator();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Row r = it.next();
        return Optional.of(new State(r.getString("status"), r.getInteger("quorum"), r.getInteger("signatures"),
                r.getInteger("attempts"), r.getString("last_error"), r.getString("tx_hash")));
    }

    public List<Stored> cosignatures(long epoch, byte[] jobId) {
        List<Stored> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT signer, signature, peer FROM verifier.cosignatures "
                + "WHERE epoch = $1 AND job_id = $2 ORDER BY signer").executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId)))) {
            out.add(new Stored(r.getString("signer"), r.getBuffer("signature").getBytes(), r.getString("peer")));
        }
        return out;
    }

    public void addCosignature(long epoch, byte[] jobId, String signer, byte[] signature, String peer) {
        pool.preparedQuery("INSERT INTO verifier.cosignatures (epoch, job_id, signer, signature, peer) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT DO NOTHING")
                .executeAndAwait(Tuple.tuple(List.of(epoch, Buffer.buffer(jobId), signer.toLowerCase(Locale.ROOT),
                        Buffer.buffer(signature), peer)));
    }

    /** Forgets a stored co-signature that is no longer valid (its signer left the verifier set). */
    public void dropCosignature(long epoch, byte[] jobId, String signer) {
        pool.preparedQuery("DELETE FROM verifier.cosignatures WHERE epoch = $1 AND job_id = $2 AND signer = $3")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId), signer.toLowerCase(Locale.ROOT)));
    }

    /** One attempt that left the attestation open: quorum, valid signatures held, why (null when nothing went wrong). */
    public void attempted(long epoch, byte[] jobId, int quorum, int signatures, String detail) {
        pool.preparedQuery("UPDATE verifier.fail_attestations SET quorum = $3, signatures = $4, attempts = attempts + 1, "
                + "last_error = $5, updated_at = now() WHERE epoch = $1 AND job_id = $2 AND status = 'collecting'")
                .executeAndAwait(Tuple.tuple(Arrays.asList(epoch, Buffer.buffer(jobId), quorum, signatures, detail)));
    }

    /** The job is slashed on chain; {@code txHash} when this operator's submission did it. */
    public void slashed(long epoch, byte[] jobId, String txHash, Integer quorum, int signatures) {
        pool.preparedQuery("UPDATE verifier.fail_attestations SET status = 'slashed', tx_hash = coalesce($3, tx_hash), "
                + "quorum = coalesce($4, quorum), signatures = CASE WHEN $3 IS NULL THEN signatures ELSE $5 END, "
                + "last_error = NULL, updated_at = now() WHERE epoch = $1 AND job_id = $2")
                .executeAndAwait(Tuple.tuple(Arrays.asList(epoch, Buffer.buffer(jobId), txHash, quorum, signatures)));
    }

    /** A slash this operator queued on chain (its registry id, 0x-hex), to execute after the veto window. */
    public record Queued(long epoch, byte[] jobId, String slashId) {
    }

    public void queued(long epoch, byte[] jobId, String slashId) {
        pool.preparedQuery("UPDATE verifier.fail_attestations SET slash_id = $3, updated_at = now() WHERE epoch = $1 AND job_id = $2")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId), slashId));
    }

    /** Queued slashes whose final state is not known yet, oldest epoch first. */
    public List<Queued> queued() {
        List<Queued> out = new ArrayList<>();
        for (Row r : pool.query("SELECT epoch, job_id, slash_id FROM verifier.fail_attestations WHERE slash_id IS NOT NULL "
                + "AND slash_outcome IS NULL ORDER BY epoch, job_id").executeAndAwait()) {
            out.add(new Queued(r.getLong("epoch"), r.getBuffer("job_id").getBytes(), r.getString("slash_id")));
        }
        return out;
    }

    /** The queued slash reached its final state on chain ({@code executed} or {@code cancelled}). */
    public void executed(long epoch, byte[] jobId, String outcome) {
        pool.preparedQuery("UPDATE verifier.fail_attestations SET slash_outcome = $3, updated_at = now() WHERE epoch = $1 AND job_id = $2")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId), outcome));
    }

    public void expired(long epoch, byte[] jobId, String detail) {
        pool.preparedQuery("UPDATE verifier.fail_attestations SET status = 'expired', last_error = $3, updated_at = now() "
                + "WHERE epoch = $1 AND job_id = $2 AND status = 'collecting'")
                .executeAndAwait(Tuple.of(epoch, Buffer.buffer(jobId), detail));
    }

    /** Fail attestations still collecting whose last attempt is at least {@code minAge} old, oldest epoch first. */
    public List<Key> open(Duration minAge) {
        List<Key> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT epoch, job_id FROM verifier.fail_attestations WHERE status = 'collecting' "
                + "AND updated_at <= now() - make_interval(secs => $1) ORDER BY epoch, job_id")
                .executeAndAwait(Tuple.of(minAge.toMillis() / 1000.0))) {
            out.add(new Key(r.getLong("epoch"), r.getBuffer("job_id").getBytes()));
        }
        return out;
    }
}
