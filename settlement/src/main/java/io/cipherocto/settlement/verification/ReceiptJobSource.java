package io.cipherocto.settlement.verification;

import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.runtime.JobSource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The verifier's {@link JobSource} over settlement's stored receipts: every receipt of the epoch whose spec was
 * uploaded ({@code verifier.specs}, by spec hash), as a job to sample and re-execute. Receipts whose spec is missing
 * cannot be re-executed; if sampled they stay unattested and follow {@code octo.settlement.unattested-policy}.
 */
public final class ReceiptJobSource implements JobSource {
    private static final Logger LOG = Logger.getLogger(ReceiptJobSource.class);
    private static final HexFormat HEX = HexFormat.of();

    private final Pool pool;

    public ReceiptJobSource(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    private static final String JOBS = "SELECT r.job_id, r.provider, r.role, s.spec, r.output_hash FROM settlement.receipts r "
            + "JOIN verifier.specs s ON s.spec_hash = decode(substr(r.spec_hash, 3), 'hex') WHERE r.epoch = $1";

    @Override
    public List<Job> jobsOf(long epoch) {
        List<Job> jobs = new ArrayList<>();
        for (Row r : pool.preparedQuery(JOBS + " ORDER BY r.job_id").executeAndAwait(Tuple.of(epoch))) {
            toJob(r, epoch).ifPresent(jobs::add);
        }
        return jobs;
    }

    /** One job by its id (the receipts' primary key), for co-sign requests: no scan of the epoch. */
    @Override
    public Optional<Job> job(long epoch, byte[] jobId) {
        Objects.requireNonNull(jobId, "jobId");
        for (Row r : pool.preparedQuery(JOBS + " AND r.job_id = $2")
                .executeAndAwait(Tuple.of(epoch, "0x" + HEX.formatHex(jobId)))) {
            return toJob(r, epoch);
        }
        return Optional.empty();
    }

    private static Optional<Job> toJob(Row r, long epoch) {
        try {
            return Optional.of(new Job(bytes(r.getString("job_id")), epoch, r.getString("provider"), r.getShort("role"),
                    JobSpec.decode(r.getBuffer("spec").getBytes()), bytes(r.getString("output_hash"))));
        } catch (IllegalArgumentException e) {
            LOG.warnf("receipt %s of epoch %d: stored spec not usable: %s", r.getString("job_id"), epoch, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The receipt's inclusion proof against the epoch's receipts tree, rebuilt from the stored receipts (the same tree
     * settlement committed; the epoch is closed for receipts before it is committed). One tree per epoch is kept.
     */
    @Override
    public Optional<io.cipherocto.verifier.attestation.ReceiptProof> receiptProof(long epoch, byte[] jobId) {
        String id = "0x" + HEX.formatHex(jobId);
        io.cipherocto.settlement.epoch.ReceiptsTree tree = trees.computeIfAbsent(epoch,
                e -> io.cipherocto.settlement.epoch.ReceiptsTree.of(new io.cipherocto.settlement.store.ReceiptStore(pool).epochReceipts(e)));
        if (trees.size() > 4) {
            trees.keySet().removeIf(e -> e < epoch - 2);
        }
        Optional<List<String>> proof = tree.proof(id);
        if (proof.isEmpty()) {
            return Optional.empty();
        }
        for (Row r : pool.preparedQuery("SELECT requester, work_units::text, fee::text FROM settlement.receipts WHERE job_id = $1")
                .executeAndAwait(Tuple.of(id))) {
            return Optional.of(new io.cipherocto.verifier.attestation.ReceiptProof(r.getString(0),
                    new java.math.BigInteger(r.getString(1)), new java.math.BigInteger(r.getString(2)),
                    proof.get().stream().map(ReceiptJobSource::bytes).toList()));
        }
        return Optional.empty();
    }

    private final java.util.Map<Long, io.cipherocto.settlement.epoch.ReceiptsTree> trees = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<String> unverifiable(long epoch) {
        List<String> ids = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT r.job_id FROM settlement.receipts r WHERE r.epoch = $1 AND NOT EXISTS "
                + "(SELECT 1 FROM verifier.specs s WHERE s.spec_hash = decode(substr(r.spec_hash, 3), 'hex')) ORDER BY r.job_id")
                .executeAndAwait(Tuple.of(epoch))) {
            ids.add(r.getString(0));
        }
        return ids;
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    }
}
