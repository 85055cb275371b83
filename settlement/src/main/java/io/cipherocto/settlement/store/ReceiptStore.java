package io.cipherocto.settlement.store;

import io.cipherocto.platform.db.LockScope;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.SignedEnvelope;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collector;

/**
 * Stores accepted receipts, one transaction per batch. Inside the transaction it takes a transaction-scoped
 * advisory lock per requester ({@link LockScope#SETTLEMENT_ESCROW}, in sorted order, so concurrent batches cannot
 * deadlock on them), so the escrow check "balance - owed >= fee" and the update of "owed" are atomic per requester
 * across API instances. "owed" is read from the running totals per (requester, epoch) in
 * {@code settlement.requester_owed}, which the same transaction updates, so the check costs the same for the first
 * batch of an epoch and the thousandth.
 *
 * <p>The escrow lock is held for as short a time as the rule allows (issue #15: with one busy requester, every batch
 * of that requester queued behind the previous one's whole insert). A batch is first stored optimistically: its
 * receipts of open epochs are inserted without the escrow lock and without looking their job ids up first (the
 * primary key refuses a stored one, and settles a race for one job id), then the lock is taken, "owed" read and the
 * escrow rule applied in order; if every receipt passes, the totals are updated and the transaction commits, so the
 * lock covered one read, one upsert and the commit. If a job id is stored already (a duplicate or a conflict), or the
 * escrow refuses any receipt, the transaction is rolled back and the batch decided again with the lock held from the
 * start, each job id looked up, and only the accepted receipts inserted. The outcome is the same as deciding the
 * batch under the lock: the escrow decision is made in order, holding the lock, against the committed totals.
 *
 * <p>{@code settlement.receipts} is partitioned by epoch (one partition per epoch, {@link ReceiptPartitions}); every
 * statement here names its epoch, so it reads one partition however many epochs are stored ({@code
 * ReceiptQueryPlansTest} checks the plan of each). Job ids are unique within an epoch: the primary key is
 * {@code (epoch, job_id)}.
 */
public class ReceiptStore {
    /** An epoch's receipts as the settlement reads them (sorted in Java, see {@link #epochReceipts}). */
    static final String EPOCH_RECEIPTS = "SELECT job_id, epoch, requester, provider, role, work_units::text, fee::text, "
            + "spec_hash, output_hash FROM settlement.receipts WHERE epoch = $1";
    /** What the data hash covers, in job id order. */
    static final String EPOCH_DATA_HASH = "SELECT digest, provider_sig, requester_sig FROM settlement.receipts "
            + "WHERE epoch = $1 ORDER BY job_id";
    /** The epoch's signed receipts in job id order (byte order), for the bundle. */
    static final String SIGNED_RECEIPTS = "SELECT job_id, requester, provider, role, kernel, spec_hash, output_hash, "
            + "work_units::text, fee::text, provider_sig, requester_sig, envelope FROM settlement.receipts WHERE epoch = $1 "
            + "ORDER BY job_id COLLATE \"C\"";
    /** The epoch's envelopes in digest order (byte order), for the bundle. */
    static final String ENVELOPES = "SELECT digest, requester, provider, receipts_root, receipt_count, provider_sig, "
            + "requester_sig, struct_hashes FROM settlement.receipt_envelopes WHERE epoch = $1 ORDER BY digest COLLATE \"C\"";
    private static final int MAX_ATTEMPTS = 3;

    private final Pool pool;
    private final ReceiptPartitions partitions;
    private final java.util.Optional<ReceiptWriter> writer;

    /** A store that reads only (tools, queries): {@link #store} needs a {@link ReceiptWriter}. */
    public ReceiptStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.partitions = new ReceiptPartitions();
        this.writer = java.util.Optional.empty();
    }

    /** A store that also writes; the node shares one {@link ReceiptPartitions} and one {@link ReceiptWriter}. */
    public ReceiptStore(Pool pool, ReceiptPartitions partitions, ReceiptWriter writer) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.partitions = Objects.requireNonNull(partitions, "partitions");
        this.writer = java.util.Optional.of(Objects.requireNonNull(writer, "writer"));
    }

    /**
     * Decides and stores {@code candidates} (already checked for fields, signatures and stake): epochs the worker has
     * closed ({@code settlement.closed_epochs}, under the epoch's shared advisory lock), duplicate or conflicting job
     * ids against the database, then the escrow rule in order, then inserts the accepted ones.
     *
     * @param balances escrow balance per requester (at the batch's head block)
     * @param owedFromEpoch receipts of epochs >= this are not yet debited on chain and count as owed
     * @return one code per candidate, in order
     */
    public List<ReceiptCode> store(List<SignedReceipt> candidates, Function<String, BigInteger> balances, long owedFromEpoch) {
        return store(candidates, balances, owedFromEpoch, java.util.Optional.empty());
    }

    /**
     * As {@link #store(List, Function, long)}, for the receipts of one batch-signed envelope: the envelope row is
     * inserted in the same transaction when at least one receipt is accepted.
     */
    public List<ReceiptCode> store(List<SignedReceipt> candidates, Function<String, BigInteger> balances, long owedFromEpoch,
            java.util.Optional<SignedEnvelope> envelope) {
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(envelope, "envelope");
        if (candidates.isEmpty()) {
            return List.of();
        }
        TreeSet<Long> batchEpochs = new TreeSet<>();
        candidates.forEach(c -> batchEpochs.add(c.receipt().epoch()));
        ReceiptWriter w = writer.orElseThrow(() -> new IllegalStateException("this ReceiptStore reads only (no ReceiptWriter)"));
        ReceiptBatchWrite batch = new ReceiptBatchWrite(candidates, balances, owedFromEpoch, envelope);
        boolean optimistic = true;
        int failures = 0;
        while (true) {
            partitions.ensure(pool, batchEpochs);
            java.util.Optional<List<ReceiptCode>> codes;
            try (java.sql.Connection conn = w.connection()) {
                codes = batch.run(conn, optimistic);
            } catch (java.sql.SQLException e) {
                // 23505: a concurrent batch inserted one of these job ids after our check; decide again.
                // 40P01: an optimistic batch (its receipts inserted, waiting for an escrow lock) and a pessimistic one
                // (holding that lock, inserting the same job id) waited for each other; PostgreSQL ended one of them.
                // 23514 "no partition": a known partition was detached or dropped by hand; look again.
                boolean noPartition = noPartition(e);
                if (noPartition) {
                    partitions.forget();
                }
                if (!(noPartition || "23505".equals(e.getSQLState()) || "40P01".equals(e.getSQLState()))
                        || ++failures >= MAX_ATTEMPTS) {
                    throw new StoreFailure(e);
                }
                continue;
            }
            if (codes.isPresent()) {
                return codes.get();
            }
            optimistic = false; // a stored job id, or the escrow refuses some: decide again with the locks held throughout
        }
    }

    /** A failed write, its {@link java.sql.SQLException} the cause (an unreachable database answers 503, UpstreamFailure). */
    public static final class StoreFailure extends RuntimeException {
        StoreFailure(java.sql.SQLException cause) {
            super("storing receipts failed: " + cause.getMessage(), cause);
        }
    }

    private static boolean noPartition(java.sql.SQLException e) {
        return "23514".equals(e.getSQLState()) && e instanceof org.postgresql.util.PSQLException pg
                && pg.getServerErrorMessage() != null && String.valueOf(pg.getServerErrorMessage().getMessage())
                        .startsWith("no partition of relation");
    }

    /**
     * Closes {@code epoch} for receipts: takes the epoch's exclusive advisory lock (waiting for batches that hold the
     * shared one) and records the closure; batches committing afterwards see it and answer epoch_closed.
     */
    public void closeEpoch(long epoch) {
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            Transaction tx = conn.beginAndAwait();
            try {
                conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                        .executeAndAwait(Tuple.of(LockScope.SETTLEMENT_EPOCH.key(epoch)));
                conn.preparedQuery("INSERT INTO settlement.closed_epochs (epoch) VALUES ($1) ON CONFLICT DO NOTHING")
                        .executeAndAwait(Tuple.of(epoch));
                tx.commitAndAwait();
            } catch (RuntimeException e) {
                try {
                    tx.rollbackAndAwait();
                } catch (RuntimeException ignored) {
                    // closing the connection ends the transaction
                }
                throw e;
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    /**
     * Receipts of one epoch, ordered by job id (the audit and the settlement read the same order). The rows are turned
     * into {@link StoredReceipt}s as they arrive (no intermediate row set); amounts come as decimal text and are parsed
     * exactly, and the requester and provider strings are shared between receipts of the same address.
     *
     * <p>The rows are sorted here, not by the database: job ids are {@code ^0x[0-9a-f]{64}$} (a CHECK of the table), so
     * {@link String#compareTo} gives the order {@code ORDER BY job_id} gives under the C collation and the usual ones
     * (digits before letters, one case, one length), and the job id is unique. Sorting a million rows in the database
     * went to disk when the planner's statistics were older than the epoch's receipts (4 MB work_mem); a parallel sort
     * of the list does not depend on them. Job ids are unique within the epoch (the primary key is (epoch, job_id)).
     */
    public List<StoredReceipt> epochReceipts(long epoch) {
        List<StoredReceipt> rows = await(pool.getDelegate().preparedQuery(EPOCH_RECEIPTS).collecting(collector())
                .execute(io.vertx.sqlclient.Tuple.of(epoch))).value();
        StoredReceipt[] sorted = rows.toArray(StoredReceipt[]::new);
        java.util.Arrays.parallelSort(sorted, java.util.Comparator.comparing(StoredReceipt::jobId));
        return java.util.Arrays.asList(sorted);
    }

    /** Rows per round trip of {@link #scanEpoch}: a few MB of rows in flight, whatever the epoch's size. */
    public static final int SCAN_BATCH = 20_000;

    /**
     * Reads the epoch's receipts in batches of at most {@link #SCAN_BATCH}, in no particular order, through a cursor
     * (one read-only transaction, so one snapshot): memory holds two batches, however many receipts the epoch has. The
     * next batch is fetched while {@code each} handles the current one. Requester and provider strings are shared
     * between receipts of the same address.
     */
    public void scanEpoch(long epoch, java.util.function.Consumer<List<StoredReceipt>> each) {
        Map<String, String> addresses = new HashMap<>();
        scan(EPOCH_RECEIPTS, io.vertx.sqlclient.Tuple.of(epoch), rows -> {
            List<StoredReceipt> batch = new ArrayList<>(rows.size());
            for (io.vertx.sqlclient.Row row : rows) {
                batch.add(receipt(row, addresses));
            }
            each.accept(batch);
        });
    }

    /**
     * Runs {@code sql} through a cursor in a read-only transaction, {@link #SCAN_BATCH} rows per round trip, the next
     * batch fetched while {@code each} handles the current one.
     */
    private void scan(String sql, io.vertx.sqlclient.Tuple args,
            java.util.function.Consumer<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> each) {
        scan(sql, args, SCAN_BATCH, each);
    }

    /** As {@link #scan(String, io.vertx.sqlclient.Tuple, java.util.function.Consumer)}, {@code batchRows} rows per round trip. */
    private void scan(String sql, io.vertx.sqlclient.Tuple args, int batchRows,
            java.util.function.Consumer<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> each) {
        io.vertx.sqlclient.SqlConnection conn = await(pool.getDelegate().getConnection());
        try {
            io.vertx.sqlclient.Transaction tx = await(conn.begin());
            try {
                await(conn.query("SET TRANSACTION READ ONLY").execute());
                io.vertx.sqlclient.PreparedStatement ps = await(conn.prepare(sql));
                io.vertx.sqlclient.Cursor cursor = ps.cursor(args);
                io.vertx.core.Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> next = cursor.read(batchRows);
                while (true) {
                    io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows = await(next);
                    boolean more = cursor.hasMore();
                    if (more) {
                        next = cursor.read(batchRows);
                    }
                    each.accept(rows);
                    if (!more) {
                        break;
                    }
                }
                await(cursor.close());
            } finally {
                try {
                    await(tx.rollback()); // read only: nothing to commit
                } catch (RuntimeException ignored) {
                    // closing the connection ends the transaction
                }
            }
        } finally {
            await(conn.close());
        }
    }

    /**
     * keccak256 over the epoch's signed receipts in job id order, each as digest (32 bytes) || provider signature (65)
     * || requester signature (65): the {@code dataHash} committed on chain with the receipts root. Anyone holding the
     * signed receipts recomputes it (docs/protocol.md "Epoch commitment"). Read through a cursor, in batches.
     */
    public byte[] epochDataHash(long epoch) {
        var keccak = new org.bouncycastle.jcajce.provider.digest.Keccak.Digest256();
        scan(EPOCH_DATA_HASH, io.vertx.sqlclient.Tuple.of(epoch), rows -> {
            for (io.vertx.sqlclient.Row row : rows) {
                keccak.update(io.cipherocto.platform.kernel.Hex.decode(row.getString(0)));
                keccak.update(io.cipherocto.platform.kernel.Hex.decode(row.getString(1)));
                keccak.update(io.cipherocto.platform.kernel.Hex.decode(row.getString(2)));
            }
        });
        return keccak.digest();
    }

    /** The epoch's signed receipts in job id order, as the public epoch bundle holds them. */
    public List<io.cipherocto.settlement.bundle.EpochBundle.Receipt> signedReceipts(long epoch) {
        List<io.cipherocto.settlement.bundle.EpochBundle.Receipt> out = new ArrayList<>();
        scanSignedReceipts(epoch, out::addAll);
        return out;
    }

    /**
     * The epoch's signed receipts in job id order, in batches of at most {@link #SCAN_BATCH} through a cursor: what
     * the streamed bundle writer reads ({@link io.cipherocto.settlement.bundle.BundleWriter}).
     */
    public void scanSignedReceipts(long epoch, java.util.function.Consumer<List<io.cipherocto.settlement.bundle.EpochBundle.Receipt>> each) {
        scan(SIGNED_RECEIPTS, io.vertx.sqlclient.Tuple.of(epoch), rows -> {
            List<io.cipherocto.settlement.bundle.EpochBundle.Receipt> batch = new ArrayList<>(rows.size());
            for (io.vertx.sqlclient.Row row : rows) {
                batch.add(new io.cipherocto.settlement.bundle.EpochBundle.Receipt(row.getString(0), row.getString(1),
                        row.getString(2), row.getShort(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
                        row.getString(8), row.getString(9), row.getString(10), row.getString(11)));
            }
            each.accept(batch);
        });
    }

    /**
     * The batch-signed envelopes of the epoch's receipts, ordered by digest, with the struct hashes of all their
     * receipts (the public bundle holds them, so every receipt's inclusion in its signed root can be checked).
     */
    public List<io.cipherocto.settlement.bundle.EpochBundle.Envelope> envelopes(long epoch) {
        List<io.cipherocto.settlement.bundle.EpochBundle.Envelope> out = new ArrayList<>();
        scanEnvelopes(epoch, out::addAll);
        return out;
    }

    /** Envelopes per round trip of {@link #scanEnvelopes}: each carries up to 32 bytes per receipt it signed. */
    static final int ENVELOPE_BATCH = 64;

    /** {@link #envelopes} in batches of {@link #ENVELOPE_BATCH} through a cursor. */
    public void scanEnvelopes(long epoch, java.util.function.Consumer<List<io.cipherocto.settlement.bundle.EpochBundle.Envelope>> each) {
        scan(ENVELOPES, io.vertx.sqlclient.Tuple.of(epoch), ENVELOPE_BATCH, rows -> {
            List<io.cipherocto.settlement.bundle.EpochBundle.Envelope> batch = new ArrayList<>(rows.size());
            for (io.vertx.sqlclient.Row row : rows) {
                byte[] hashes = row.getBuffer(7).getBytes();
                List<String> structHashes = new ArrayList<>(hashes.length / 32);
                for (int i = 0; i < hashes.length; i += 32) {
                    structHashes.add(io.cipherocto.platform.kernel.Hex.encode(java.util.Arrays.copyOfRange(hashes, i, i + 32)));
                }
                batch.add(new io.cipherocto.settlement.bundle.EpochBundle.Envelope(row.getString(0), row.getString(1),
                        row.getString(2), row.getString(3), row.getInteger(4), row.getString(5), row.getString(6), structHashes));
            }
            each.accept(batch);
        });
    }

    /** The future's value; its failure thrown as executeAndAwait throws it (unwrapped). */
    private static <T> T await(io.vertx.core.Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Rows (job_id, epoch, requester, provider, role, work_units::text, fee::text) to receipts, addresses shared. */
    private static Collector<io.vertx.sqlclient.Row, ?, List<StoredReceipt>> collector() {
        Map<String, String> addresses = new HashMap<>();
        return Collector.of(ArrayList::new, (List<StoredReceipt> list, io.vertx.sqlclient.Row row) ->
                list.add(receipt(row, addresses)), (x, y) -> {
            x.addAll(y);
            return x;
        });
    }

    /** A row of {@link #EPOCH_RECEIPTS} as a receipt, its addresses shared through {@code addresses}. */
    private static StoredReceipt receipt(io.vertx.sqlclient.Row row, Map<String, String> addresses) {
        String requester = addresses.computeIfAbsent(row.getString(2), a -> a);
        String provider = addresses.computeIfAbsent(row.getString(3), a -> a);
        return new StoredReceipt(row.getString(0), row.getLong(1), requester, provider, row.getShort(4),
                amount(row.getString(5)), amount(row.getString(6)), row.getString(7), row.getString(8));
    }

    /** A NUMERIC(78,0) as decimal text (no sign, no exponent) to a BigInteger. */
    private static BigInteger amount(String decimal) {
        return decimal.length() <= 18 ? BigInteger.valueOf(Long.parseLong(decimal)) : new BigInteger(decimal);
    }
}
