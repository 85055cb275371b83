package io.cipherocto.settlement.api;

import io.cipherocto.contracts.protocol.EpochJob;
import io.cipherocto.contracts.protocol.JobPage;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.epoch.ReceiptsTree;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.store.StoredReceipt;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The job set of a committed epoch, for verifier operators ({@code GET /api/v1/epochs/{n}/jobs}): every receipt with
 * its inclusion proof against the receipts root settlement committed on chain, keyset-paginated by job id, so a deep
 * page costs what the first does. Served only once the epoch is committed: before that its receipt set is not final.
 *
 * <p>An epoch's tree is built once, at its first page, from its receipts read in batches, keeping 64 bytes per receipt
 * ({@link ReceiptsTree#scan}: 640 MB at 10,000,000 receipts, the receipts themselves never held); a receipt's proof
 * is then found from the page's row. The most recently asked epochs' trees are kept while they hold at most
 * {@link #CACHED_BYTES} together (the newest is always kept).
 */
@ApplicationScoped
public class JobQueries {
    public static final int MAX_LIMIT = 1000;
    private static final Pattern JOB_ID = Pattern.compile("0x[0-9a-f]{64}");
    /** Bytes of trees kept between requests, beyond the most recent one: two epochs of 4M receipts, one of 8M. */
    static final long CACHED_BYTES = 512L << 20;
    /** One page of an epoch's jobs: the epoch's partition, its primary key (epoch, job_id) from the cursor on. */
    public static final String PAGE = "SELECT job_id, provider, role, requester, spec_hash, output_hash, work_units::text, "
            + "fee::text FROM settlement.receipts WHERE epoch = $1 AND job_id > $2 ORDER BY job_id LIMIT $3";

    @Inject
    SettlementRuntime runtime;

    /** Access order: the eldest entry is the least recently asked epoch. */
    private final Map<Long, ReceiptsTree> trees = new LinkedHashMap<>(4, 0.75f, true);

    /**
     * @param after the last job id of the previous page (lower-case 0x-hex), or null for the first page
     * @throws ApiException 400 {@code invalid_epoch}, {@code invalid_field} (after), {@code invalid_page} (limit);
     *     404 {@code epoch_not_committed}
     */
    public JobPage page(long epoch, String after, int limit) {
        if (epoch < 0) {
            throw ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        if (after != null && !JOB_ID.matcher(after).matches()) {
            throw ApiException.badRequest("invalid_field", "after must be a job id: 0x and 64 lower-case hex digits");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid_page", "limit must be in [1, " + MAX_LIMIT + "]");
        }
        var pool = runtime.pool();
        var it = pool.preparedQuery("SELECT receipts_root, receipt_count FROM settlement.epoch_commitments WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch)).iterator();
        if (!it.hasNext()) {
            throw ApiException.notFound("epoch_not_committed", "epoch " + epoch + " is not committed yet: its job set is "
                    + "final once settlement has committed its receipts root on chain");
        }
        Row c = it.next();
        String root = c.getString("receipts_root");
        long count = c.getLong("receipt_count");
        ReceiptsTree tree = tree(epoch);
        List<StoredReceipt> rows = new ArrayList<>();
        for (Row r : pool.preparedQuery(PAGE).executeAndAwait(Tuple.of(epoch, after == null ? "" : after, limit))) {
            rows.add(new StoredReceipt(r.getString("job_id"), epoch, r.getString("requester"), r.getString("provider"),
                    r.getShort("role"), new BigInteger(r.getString("work_units")), new BigInteger(r.getString("fee")),
                    r.getString("spec_hash"), r.getString("output_hash")));
        }
        List<java.util.Optional<List<String>>> proofs = tree.proofs(rows);
        List<EpochJob> jobs = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StoredReceipt r = rows.get(i);
            jobs.add(new EpochJob(r.jobId(), r.provider(), r.role(), r.requester(), r.specHash(), r.outputHash(),
                    r.workUnits().toString(), r.fee().toString(), proofs.get(i).orElseThrow(
                            () -> new IllegalStateException("job " + r.jobId() + " missing from its epoch's tree"))));
        }
        String next = jobs.size() == limit ? jobs.get(jobs.size() - 1).jobId() : null;
        return new JobPage(epoch, root, count, jobs, next);
    }

    private ReceiptsTree tree(long epoch) {
        synchronized (trees) {
            ReceiptsTree t = trees.get(epoch);
            if (t == null) {
                t = ReceiptsTree.scan(new ReceiptStore(runtime.pool()), epoch);
                trees.put(epoch, t);
                evictBeyond(CACHED_BYTES);
            }
            return t;
        }
    }

    /** Drops the least recently asked trees until the others hold at most {@code budget} bytes; keeps the newest. */
    private void evictBeyond(long budget) {
        long held = trees.values().stream().mapToLong(ReceiptsTree::bytes).sum();
        var it = trees.values().iterator();
        while (held > budget && trees.size() > 1) {
            held -= it.next().bytes();
            it.remove();
        }
    }
}
