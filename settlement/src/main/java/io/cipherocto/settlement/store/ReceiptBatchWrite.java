package io.cipherocto.settlement.store;

import io.cipherocto.platform.db.LockScope;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.ReceiptEnvelope;
import io.cipherocto.settlement.receipt.SignedEnvelope;
import io.cipherocto.settlement.receipt.SignedReceipt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * One attempt at storing a batch of receipts, in one JDBC transaction ({@link ReceiptStore#store} retries and chooses
 * the mode). The receipts go in with one {@code COPY settlement.receipts FROM STDIN} (text format: every value is
 * 0x-hex, a decimal or a small integer, so nothing needs escaping).
 *
 * <p>{@code optimistic}: the receipts of open epochs are copied in before the requesters' escrow locks are taken,
 * with no lookup of their job ids first (the primary key refuses a stored one), and the locks are held only for the
 * escrow read, the running-total update and the commit. If a job id is stored already, or the escrow then refuses any
 * receipt, the transaction is rolled back and {@link Optional#empty()} returned: the batch is to be decided again
 * pessimistically. Pessimistic: the locks first, then every check (closed epoch, stored job ids, escrow), then the
 * copy of the accepted receipts only.
 */
final class ReceiptBatchWrite {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ReceiptStore.class);
    /** The receipts' columns, in the order of each COPY line. */
    static final String COPY = "COPY settlement.receipts (job_id, epoch, requester, provider, role, kernel, spec_hash, "
            + "output_hash, work_units, fee, provider_sig, requester_sig, digest, envelope) FROM STDIN";
    /**
     * The accepted fees added to the running totals of {@code settlement.requester_owed}, one row per (requester,
     * epoch), in the transaction that inserts the receipts and holding the requesters' escrow locks.
     */
    static final String ADD_OWED = "INSERT INTO settlement.requester_owed AS o (requester, epoch, owed) "
            + "SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[]::numeric[]) "
            + "ON CONFLICT (requester, epoch) DO UPDATE SET owed = o.owed + EXCLUDED.owed";
    /**
     * What the requesters owe for epochs not yet debited: the running totals (one row per requester and epoch), which
     * equal sum(fee) of their receipts; read holding the requesters' advisory locks.
     */
    static final String OWED = "SELECT requester, sum(owed)::text AS owed FROM settlement.requester_owed "
            + "WHERE requester = ANY(?) AND epoch >= ? GROUP BY requester";
    /**
     * The stored receipts of one epoch among the batch's job ids (duplicate and conflict check, pessimistic only): one
     * statement per epoch of the batch, so each reads one partition's primary key.
     */
    static final String EXISTING = "SELECT job_id, digest, provider_sig, requester_sig FROM settlement.receipts "
            + "WHERE epoch = ? AND job_id = ANY(?)";
    /** A batch-signed envelope with at least one accepted receipt; a retried envelope is already there. */
    static final String INSERT_ENVELOPE = "INSERT INTO settlement.receipt_envelopes (digest, epoch, requester, provider, "
            + "receipts_root, receipt_count, provider_sig, requester_sig, struct_hashes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (digest) DO NOTHING";

    private final List<SignedReceipt> candidates;
    private final Function<String, BigInteger> balances;
    private final long owedFromEpoch;
    private final Optional<SignedEnvelope> envelope;

    ReceiptBatchWrite(List<SignedReceipt> candidates, Function<String, BigInteger> balances, long owedFromEpoch,
            Optional<SignedEnvelope> envelope) {
        this.candidates = candidates;
        this.balances = balances;
        this.owedFromEpoch = owedFromEpoch;
        this.envelope = envelope;
    }

    /** The codes of the candidates, in order; empty when an optimistic attempt gave way (rolled back). */
    Optional<List<ReceiptCode>> run(Connection conn, boolean optimistic) throws SQLException {
        long t0 = System.nanoTime();
        conn.setAutoCommit(false);
        boolean done = false;
        try {
            TreeSet<String> requesters = new TreeSet<>();
            Map<Long, List<String>> jobIds = new TreeMap<>();
            for (SignedReceipt c : candidates) {
                requesters.add(c.receipt().requester());
                jobIds.computeIfAbsent(c.receipt().epoch(), e -> new ArrayList<>()).add(c.receipt().jobId());
            }
            if (!optimistic) {
                lockRequesters(conn, requesters);
            }
            try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
                for (Long e : jobIds.keySet()) {
                    ps.setLong(1, LockScope.SETTLEMENT_EPOCH.key(e));
                    ps.executeQuery().close();
                }
            }
            Set<Long> closed = new HashSet<>();
            try (PreparedStatement ps = conn.prepareStatement("SELECT epoch FROM settlement.closed_epochs WHERE epoch = ANY(?)")) {
                ps.setArray(1, conn.createArrayOf("bigint", jobIds.keySet().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        closed.add(rs.getLong(1));
                    }
                }
            }
            Map<String, String> existing = optimistic ? Map.of() : existing(conn, jobIds); // optimistic: the primary key
            ReceiptCode[] codes = new ReceiptCode[candidates.size()];
            List<Integer> fresh = new ArrayList<>(candidates.size());
            for (int i = 0; i < candidates.size(); i++) {
                SignedReceipt c = candidates.get(i);
                JobReceipt r = c.receipt();
                String stored = existing.get(r.epoch() + ":" + r.jobId());
                if (closed.contains(r.epoch())) {
                    codes[i] = ReceiptCode.EPOCH_CLOSED;
                } else if (stored != null) {
                    boolean same = stored.equals(c.digest() + c.providerSignature() + c.requesterSignature());
                    codes[i] = same ? ReceiptCode.DUPLICATE : ReceiptCode.JOB_ID_CONFLICT;
                } else {
                    fresh.add(i);
                }
            }
            long t1 = System.nanoTime();
            if (optimistic && !fresh.isEmpty()) {
                try {
                    insert(conn, fresh);
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    return Optional.empty(); // a job id is stored already: decide again, looking each one up
                }
                lockRequesters(conn, requesters);
            }
            long t2 = System.nanoTime();
            Map<String, BigInteger> owed = owed(conn, requesters);
            List<Integer> accepted = new ArrayList<>(fresh.size());
            Map<String, Map<Long, BigInteger>> added = new TreeMap<>();
            for (int i : fresh) {
                JobReceipt r = candidates.get(i).receipt();
                BigInteger after = owed.getOrDefault(r.requester(), BigInteger.ZERO).add(r.fee());
                if (after.compareTo(balances.apply(r.requester())) > 0) {
                    if (optimistic) {
                        return Optional.empty(); // rolled back below; decided again holding the escrow locks
                    }
                    codes[i] = ReceiptCode.INSUFFICIENT_ESCROW;
                    continue;
                }
                owed.put(r.requester(), after);
                added.computeIfAbsent(r.requester(), q -> new TreeMap<>()).merge(r.epoch(), r.fee(), BigInteger::add);
                codes[i] = ReceiptCode.ACCEPTED;
                accepted.add(i);
            }
            if (!optimistic && !accepted.isEmpty()) {
                insert(conn, accepted);
            }
            if (!accepted.isEmpty()) {
                addOwed(conn, added);
            }
            long t3 = System.nanoTime();
            conn.commit();
            done = true;
            if (LOG.isDebugEnabled()) {
                LOG.debugf("store of %d receipts (%s): checks %d ms, copy and escrow locks %d ms, escrow %d ms, commit %d ms",
                        candidates.size(), optimistic ? "optimistic" : "pessimistic", (t1 - t0) / 1_000_000,
                        (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (System.nanoTime() - t3) / 1_000_000);
            }
            return Optional.of(Arrays.asList(codes));
        } finally {
            if (!done) {
                try {
                    conn.rollback();
                } catch (SQLException ignored) {
                    // the connection is broken; the pool drops it and the transaction ends with it
                }
            }
            try {
                conn.setAutoCommit(true);
            } catch (SQLException ignored) {
                // as above
            }
        }
    }

    /**
     * The requesters' escrow locks ({@link LockScope#SETTLEMENT_ESCROW}), in sorted order so that two batches cannot
     * deadlock on them; held until the transaction ends.
     */
    private static void lockRequesters(Connection conn, SortedSet<String> requesters) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            for (String r : requesters) {
                ps.setLong(1, LockScope.SETTLEMENT_ESCROW.key(r));
                ps.executeQuery().close();
            }
        }
    }

    /** The stored receipts among the batch's job ids, by "epoch:jobId": digest || provider sig || requester sig. */
    private static Map<String, String> existing(Connection conn, Map<Long, List<String>> jobIds) throws SQLException {
        Map<String, String> existing = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(EXISTING)) {
            for (Map.Entry<Long, List<String>> ids : jobIds.entrySet()) {
                ps.setLong(1, ids.getKey());
                ps.setArray(2, conn.createArrayOf("text", ids.getValue().toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.put(ids.getKey() + ":" + rs.getString("job_id"),
                                rs.getString("digest") + rs.getString("provider_sig") + rs.getString("requester_sig"));
                    }
                }
            }
        }
        return existing;
    }

    private Map<String, BigInteger> owed(Connection conn, SortedSet<String> requesters) throws SQLException {
        Map<String, BigInteger> owed = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(OWED)) {
            ps.setArray(1, conn.createArrayOf("text", requesters.toArray()));
            ps.setLong(2, owedFromEpoch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    owed.put(rs.getString(1), new BigInteger(rs.getString(2)));
                }
            }
        }
        return owed;
    }

    private static void addOwed(Connection conn, Map<String, Map<Long, BigInteger>> added) throws SQLException {
        List<String> requester = new ArrayList<>();
        List<Long> epoch = new ArrayList<>();
        List<String> amount = new ArrayList<>();
        added.forEach((r, byEpoch) -> byEpoch.forEach((e, fee) -> {
            requester.add(r);
            epoch.add(e);
            amount.add(fee.toString());
        }));
        try (PreparedStatement ps = conn.prepareStatement(ADD_OWED)) {
            ps.setArray(1, conn.createArrayOf("text", requester.toArray()));
            ps.setArray(2, conn.createArrayOf("bigint", epoch.toArray()));
            ps.setArray(3, conn.createArrayOf("text", amount.toArray()));
            ps.executeUpdate();
        }
    }

    /** Inserts {@code candidates[which]} with one COPY, after the envelope row if there is one. */
    private void insert(Connection conn, List<Integer> which) throws SQLException {
        if (envelope.isPresent()) {
            insertEnvelope(conn, envelope.get());
        }
        byte[] rows = copyRows(candidates, which);
        CopyIn in = conn.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            in.writeToCopy(rows, 0, rows.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the COPY failed already; its error is the one thrown
                }
            }
        }
    }

    /**
     * The COPY text lines of {@code candidates[which]}: tab-separated, {@code \N} for no envelope. Every value is ASCII
     * (0x-hex, decimal digits), so no value needs escaping.
     */
    static byte[] copyRows(List<SignedReceipt> candidates, List<Integer> which) {
        StringBuilder rows = new StringBuilder(which.size() * 720);
        for (int i : which) {
            SignedReceipt c = candidates.get(i);
            JobReceipt r = c.receipt();
            rows.append(r.jobId()).append('\t').append(r.epoch()).append('\t').append(r.requester()).append('\t')
                    .append(r.provider()).append('\t').append(r.role()).append('\t').append(r.kernel()).append('\t')
                    .append(r.specHash()).append('\t').append(r.outputHash()).append('\t').append(r.workUnits()).append('\t')
                    .append(r.fee()).append('\t').append(c.providerSignature()).append('\t').append(c.requesterSignature())
                    .append('\t').append(c.digest()).append('\t').append(c.envelope().orElse("\\N")).append('\n');
        }
        return rows.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void insertEnvelope(Connection conn, SignedEnvelope e) throws SQLException {
        byte[] hashes = new byte[32 * e.structHashes().size()];
        for (int i = 0; i < e.structHashes().size(); i++) {
            System.arraycopy(Hex.decode(e.structHashes().get(i)), 0, hashes, 32 * i, 32);
        }
        ReceiptEnvelope v = e.envelope();
        try (PreparedStatement ps = conn.prepareStatement(INSERT_ENVELOPE)) {
            ps.setString(1, e.digest());
            ps.setLong(2, v.epoch());
            ps.setString(3, v.requester());
            ps.setString(4, v.provider());
            ps.setString(5, v.receiptsRoot());
            ps.setInt(6, v.count());
            ps.setString(7, e.providerSignature());
            ps.setString(8, e.requesterSignature());
            ps.setBytes(9, hashes);
            ps.executeUpdate();
        }
    }
}
