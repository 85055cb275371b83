package io.cipherocto.settlement.store;

import io.cipherocto.platform.db.LockScope;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.ReceiptEnvelope;
import io.cipherocto.settlement.receipt.SignedEnvelope;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
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
 * deadlock), so the escrow check "balance - owed >= fee" and the insert are atomic per requester across API
 * instances. "owed" is read from the running totals per (requester, epoch) in {@code settlement.requester_owed}, which
 * the insert statement updates in the same transaction, so the check costs the same for the first batch of an epoch
 * and the thousandth.
 *
 * <p>{@code settlement.receipts} is partitioned by epoch (one partition per epoch, {@link ReceiptPartitions}); every
 * statement here names its epoch, so it reads one partition however many epochs are stored ({@code
 * ReceiptQueryPlansTest} checks the plan of each). Job ids are unique within an epoch: the primary key is
 * {@code (epoch, job_id)}.
 */
public class ReceiptStore {
    /**
     * One statement per batch: the columns as arrays, unnested (much faster than one row per statement); the inserted
     * rows' fees are added to the running totals of {@code settlement.requester_owed} in the same statement.
     */
    static final String INSERT = "WITH ins AS (INSERT INTO settlement.receipts (job_id, epoch, requester, provider, "
            + "role, kernel, spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) "
            + "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[], "
            + "$8::text[], $9::text[]::numeric[], $10::text[]::numeric[], $11::text[], $12::text[], $13::text[], $14::text[]) "
            + "RETURNING requester, epoch, fee) "
            + "INSERT INTO settlement.requester_owed AS o (requester, epoch, owed) "
            + "SELECT requester, epoch, sum(fee) FROM ins GROUP BY requester, epoch "
            + "ON CONFLICT (requester, epoch) DO UPDATE SET owed = o.owed + EXCLUDED.owed";
    /**
     * What the requesters owe for epochs not yet debited: the running totals (one row per requester and epoch), which
     * equal sum(fee) of their receipts; read holding the requesters' advisory locks.
     */
    private static final String OWED = "SELECT requester, sum(owed) AS owed FROM settlement.requester_owed "
            + "WHERE requester = ANY($1) AND epoch >= $2 GROUP BY requester";
    /** A batch-signed envelope with at least one accepted receipt; a retried envelope is already there. */
    private static final String INSERT_ENVELOPE = "INSERT INTO settlement.receipt_envelopes (digest, epoch, requester, provider, "
            + "receipts_root, receipt_count, provider_sig, requester_sig, struct_hashes) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
            + "ON CONFLICT (digest) DO NOTHING";
    /**
     * The stored receipts of one epoch among the batch's job ids (duplicate and conflict check): one statement per
     * epoch of the batch, so each reads one partition's primary key.
     */
    static final String EXISTING = "SELECT job_id, digest, provider_sig, requester_sig FROM settlement.receipts "
            + "WHERE epoch = $1 AND job_id = ANY($2)";
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

    /** A store with partitions of its own (reads, tools); the node shares one {@link ReceiptPartitions}. */
    public ReceiptStore(Pool pool) {
        this(pool, new ReceiptPartitions());
    }

    public ReceiptStore(Pool pool, ReceiptPartitions partitions) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.partitions = Objects.requireNonNull(partitions, "partitions");
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
        for (int attempt = 1; ; attempt++) {
            partitions.ensure(pool, batchEpochs);
            try {
                return storeOnce(candidates, balances, owedFromEpoch, envelope);
            } catch (RuntimeException e) {
                // 23505: a concurrent batch inserted one of these job ids after our check; decide again.
                // 23514 "no partition": a known partition was detached or dropped by hand; look again.
                boolean noPartition = noPartition(e);
                if (noPartition) {
                    partitions.forget();
                }
                if (!(noPartition || sqlState(e, "23505")) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static boolean sqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && state.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean noPartition(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23514".equals(pg.getSqlState()) && pg.getErrorMessage() != null
                    && pg.getErrorMessage().startsWith("no partition of relation")) {
                return true;
            }
        }
        return false;
    }

    private List<ReceiptCode> storeOnce(List<SignedReceipt> candidates, Function<String, BigInteger> balances, long owedFromEpoch,
            java.util.Optional<SignedEnvelope> envelope) {
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            Transaction tx = conn.beginAndAwait();
            try {
                TreeSet<String> requesters = new TreeSet<>();
                Map<Long, List<String>> jobIds = new java.util.TreeMap<>();
                for (SignedReceipt c : candidates) {
                    requesters.add(c.receipt().requester());
                    jobIds.computeIfAbsent(c.receipt().epoch(), e -> new ArrayList<>()).add(c.receipt().jobId());
                }
                for (String r : requesters) {
                    conn.preparedQuery("SELECT pg_advisory_xact_lock($1)")
                            .executeAndAwait(Tuple.of(LockScope.SETTLEMENT_ESCROW.key(r)));
                }
                TreeSet<Long> epochs = new TreeSet<>();
                candidates.forEach(c -> epochs.add(c.receipt().epoch()));
                for (Long e : epochs) {
                    conn.preparedQuery("SELECT pg_advisory_xact_lock_shared($1)")
                            .executeAndAwait(Tuple.of(LockScope.SETTLEMENT_EPOCH.key(e)));
                }
                java.util.Set<Long> closed = new java.util.HashSet<>();
                for (Row row : conn.preparedQuery("SELECT epoch FROM settlement.closed_epochs WHERE epoch = ANY($1)")
                        .executeAndAwait(Tuple.of((Object) epochs.toArray(Long[]::new)))) {
                    closed.add(row.getLong("epoch"));
                }
                Map<String, String> existing = new HashMap<>(); // by epoch:jobId
                for (Map.Entry<Long, List<String>> ids : jobIds.entrySet()) {
                    for (Row row : conn.preparedQuery(EXISTING).executeAndAwait(Tuple.of(ids.getKey(),
                            ids.getValue().toArray(String[]::new)))) {
                        existing.put(ids.getKey() + ":" + row.getString("job_id"),
                                row.getString("digest") + row.getString("provider_sig") + row.getString("requester_sig"));
                    }
                }
                Map<String, BigInteger> owed = new HashMap<>();
                for (Row row : conn.preparedQuery(OWED)
                        .executeAndAwait(Tuple.of(requesters.toArray(String[]::new), owedFromEpoch))) {
                    owed.put(row.getString("requester"), Sql.big(row.getValue("owed")));
                }
                List<ReceiptCode> codes = new ArrayList<>(candidates.size());
                List<SignedReceipt> inserts = new ArrayList<>();
                for (SignedReceipt c : candidates) {
                    JobReceipt r = c.receipt();
                    if (closed.contains(r.epoch())) {
                        codes.add(ReceiptCode.EPOCH_CLOSED);
                        continue;
                    }
                    String stored = existing.get(r.epoch() + ":" + r.jobId());
                    if (stored != null) {
                        boolean same = stored.equals(c.digest() + c.providerSignature() + c.requesterSignature());
                        codes.add(same ? ReceiptCode.DUPLICATE : ReceiptCode.JOB_ID_CONFLICT);
                        continue;
                    }
                    BigInteger after = owed.getOrDefault(r.requester(), BigInteger.ZERO).add(r.fee());
                    if (after.compareTo(balances.apply(r.requester())) > 0) {
                        codes.add(ReceiptCode.INSUFFICIENT_ESCROW);
                        continue;
                    }
                    owed.put(r.requester(), after);
                    codes.add(ReceiptCode.ACCEPTED);
                    inserts.add(c);
                }
                if (!inserts.isEmpty()) {
                    if (envelope.isPresent()) {
                        conn.preparedQuery(INSERT_ENVELOPE).executeAndAwait(envelopeRow(envelope.get()));
                    }
                    conn.preparedQuery(INSERT).executeAndAwait(columns(inserts));
                }
                tx.commitAndAwait();
                return codes;
            } catch (RuntimeException e) {
                try {
                    tx.rollbackAndAwait();
                } catch (RuntimeException ignored) {
                    // the connection is closed below; the transaction ends with it
                }
                throw e;
            }
        } finally {
            conn.closeAndAwait();
        }
    }

    private static Tuple columns(List<SignedReceipt> rows) {
        int n = rows.size();
        String[] jobId = new String[n];
        Long[] epoch = new Long[n];
        String[] requester = new String[n];
        String[] provider = new String[n];
        Short[] role = new Short[n];
        String[] kernel = new String[n];
        String[] spec = new String[n];
        String[] output = new String[n];
        String[] work = new String[n];
        String[] fee = new String[n];
        String[] pSig = new String[n];
        String[] rSig = new String[n];
        String[] digest = new String[n];
        String[] envelope = new String[n];
        for (int i = 0; i < n; i++) {
            SignedReceipt c = rows.get(i);
            JobReceipt r = c.receipt();
            jobId[i] = r.jobId();
            epoch[i] = r.epoch();
            requester[i] = r.requester();
            provider[i] = r.provider();
            role[i] = (short) r.role();
            kernel[i] = r.kernel();
            spec[i] = r.specHash();
            output[i] = r.outputHash();
            work[i] = r.workUnits().toString();
            fee[i] = r.fee().toString();
            pSig[i] = c.providerSignature();
            rSig[i] = c.requesterSignature();
            digest[i] = c.digest();
            envelope[i] = c.envelope().orElse(null);
        }
        return Tuple.tuple(List.of(jobId, epoch, requester, provider, role, kernel, spec, output, work, fee, pSig, rSig, digest,
                envelope));
    }

    private static Tuple envelopeRow(SignedEnvelope e) {
        byte[] hashes = new byte[32 * e.structHashes().size()];
        for (int i = 0; i < e.structHashes().size(); i++) {
            System.arraycopy(io.cipherocto.platform.kernel.Hex.decode(e.structHashes().get(i)), 0, hashes, 32 * i, 32);
        }
        ReceiptEnvelope v = e.envelope();
        return Tuple.tuple(List.of(e.digest(), v.epoch(), v.requester(), v.provider(), v.receiptsRoot(), v.count(),
                e.providerSignature(), e.requesterSignature(), io.vertx.core.buffer.Buffer.buffer(hashes)));
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
