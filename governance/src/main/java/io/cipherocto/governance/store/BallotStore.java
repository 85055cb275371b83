package io.cipherocto.governance.store;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ballots and relay attempts in PostgreSQL (schema {@code governance}), through the reactive client.
 *
 * <p>Accepted ballots are inserted with <em>group commit</em>: concurrent requests queue their row, one writer
 * thread inserts everything queued in one transaction (up to four such transactions committing at once) and completes
 * every waiting request when its transaction has committed.
 * Each request still gets its answer only after its row is durable, but a burst costs one commit instead of one
 * per ballot. A batch that hits a unique violation is retried row by row so only the duplicate fails.
 */
public class BallotStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BallotStore.class);
    private static final int MAX_BATCH = 512;
    private static final int PARALLEL_BATCHES = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String COLUMNS = "id, proposal_id, support, voter, nonce, signature, reason, status, tx_hash, "
            + "relayer_nonce, block_number, failure, created_at, updated_at";
    private static final String INSERT = "INSERT INTO governance.ballots (id, proposal_id, support, voter, nonce, "
            + "signature, reason, status) VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued')";
    /** The whole batch in one statement (one parse/bind/execute instead of one per row). */
    private static final String INSERT_MANY = "INSERT INTO governance.ballots (id, proposal_id, support, voter, nonce, "
            + "signature, reason, status) SELECT id, p::numeric, s, v, n::numeric, sig, r, 'queued' FROM unnest($1::uuid[], "
            + "$2::text[], $3::smallint[], $4::varchar[], $5::text[], $6::bytea[], $7::text[]) AS t(id, p, s, v, n, sig, r)";

    private final Pool pool;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(65_536);
    private final Thread writer;
    private final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(PARALLEL_BATCHES);
    private volatile boolean running = true;

    public BallotStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.writer = Thread.ofPlatform().daemon().name("governance-ballot-writer").start(this::writeLoop);
    }

    // ------------------------------------------------------------------ insert (group commit)

    /** Stores a queued ballot; the future completes once committed, or with {@link DuplicateBallotException}. */
    public CompletableFuture<Void> insert(BallotRecord b) {
        Objects.requireNonNull(b, "ballot");
        Pending p = new Pending(b, new CompletableFuture<>());
        if (!running || !queue.offer(p)) {
            p.done().completeExceptionally(new IllegalStateException("ballot store is closed or overloaded"));
        }
        return p.done();
    }

    private void writeLoop() {
        while (running || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>(MAX_BATCH);
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                inFlight.acquire();
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                writeBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ballot writer failed", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
                inFlight.release();
            }
        }
    }

    /** One statement (one implicit transaction) for the whole batch, asynchronously; up to PARALLEL_BATCHES commit at once. */
    private void writeBatch(List<Pending> batch) {
        pool.preparedQuery(INSERT_MANY).execute(insertManyTuple(batch)).subscribe().with(
                ok -> {
                    inFlight.release();
                    batch.forEach(p -> p.done().complete(null));
                },
                e -> {
                    inFlight.release();
                    Optional<DuplicateBallotException> dup = duplicate(e);
                    if (batch.size() == 1 || dup.isEmpty()) {
                        RuntimeException cause = batch.size() == 1 && dup.isPresent() ? dup.get()
                                : e instanceof RuntimeException re ? re : new IllegalStateException(e);
                        batch.forEach(p -> p.done().completeExceptionally(cause));
                    } else {
                        batch.forEach(this::insertAlone); // one duplicate poisoned the batch
                    }
                });
    }

    private void insertAlone(Pending p) {
        pool.preparedQuery(INSERT).execute(insertTuple(p.ballot())).subscribe().with(
                ok -> p.done().complete(null),
                e -> p.done().completeExceptionally(duplicate(e).<Throwable>map(d -> d).orElse(e)));
    }

    private static Optional<DuplicateBallotException> duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                boolean nonce = String.valueOf(pg.getConstraint()).contains("nonce")
                        || String.valueOf(pg.getErrorMessage()).contains("ballots_live_nonce");
                return Optional.of(new DuplicateBallotException(nonce, pg.getErrorMessage()));
            }
        }
        return Optional.empty();
    }

    private static Tuple insertManyTuple(List<Pending> batch) {
        int n = batch.size();
        UUID[] ids = new UUID[n];
        String[] proposals = new String[n];
        Short[] support = new Short[n];
        String[] voters = new String[n];
        String[] nonces = new String[n];
        io.vertx.core.buffer.Buffer[] signatures = new io.vertx.core.buffer.Buffer[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            BallotRecord b = batch.get(i).ballot();
            ids[i] = b.id();
            proposals[i] = b.proposalId().toString();
            support[i] = (short) b.support();
            voters[i] = b.voter();
            nonces[i] = b.nonce().toString();
            signatures[i] = io.vertx.core.buffer.Buffer.buffer(b.signature());
            reasons[i] = b.reason().orElse(null);
        }
        return Tuple.tuple(List.of(ids, proposals, support, voters, nonces, signatures, reasons));
    }

    private static Tuple insertTuple(BallotRecord b) {
        return Tuple.tuple(List.of(b.id(), new BigDecimal(b.proposalId()), (short) b.support(), b.voter(),
                        new BigDecimal(b.nonce()), io.vertx.core.buffer.Buffer.buffer(b.signature())))
                .addValue(b.reason().orElse(null));
    }

    // ------------------------------------------------------------------ reads

    public Optional<BallotRecord> find(UUID id) {
        RowSet<Row> rows = pool.preparedQuery("SELECT " + COLUMNS + " FROM governance.ballots WHERE id = $1")
                .execute(Tuple.of(id)).await().atMost(TIMEOUT);
        return rows.size() == 0 ? Optional.empty() : Optional.of(toRecord(rows.iterator().next()));
    }

    /** Queued ballots, oldest first (a voter's ballots therefore in nonce order). */
    public List<BallotRecord> queued(int limit) {
        return list("SELECT " + COLUMNS + " FROM governance.ballots WHERE status = 'queued' ORDER BY created_at, nonce LIMIT $1",
                Tuple.of(limit));
    }

    public List<BallotRecord> submitted() {
        return list("SELECT " + COLUMNS + " FROM governance.ballots WHERE status = 'submitted' ORDER BY relayer_nonce",
                Tuple.tuple());
    }

    /** Queued and submitted ballots of one voter. */
    public List<BallotRecord> openOf(String voter) {
        return list("SELECT " + COLUMNS + " FROM governance.ballots WHERE voter = $1 AND status IN ('queued', 'submitted')",
                Tuple.of(voter));
    }

    public long count() {
        return pool.query("SELECT count(*) FROM governance.ballots").execute().await().atMost(TIMEOUT)
                .iterator().next().getLong(0);
    }

    public List<RelayAttempt> attempts(UUID ballotId) {
        RowSet<Row> rows = pool.preparedQuery("SELECT tx_hash, ballot_id, relayer, relayer_nonce, gas_price, raw_tx, created_at "
                + "FROM governance.relay_attempts WHERE ballot_id = $1 ORDER BY created_at").execute(Tuple.of(ballotId))
                .await().atMost(TIMEOUT);
        List<RelayAttempt> out = new ArrayList<>();
        for (Row r : rows) {
            out.add(new RelayAttempt(r.getString("tx_hash"), r.getUUID("ballot_id"), r.getString("relayer"),
                    r.getLong("relayer_nonce"), r.getBigDecimal("gas_price").toBigIntegerExact(),
                    r.getBuffer("raw_tx").getBytes(), r.getOffsetDateTime("created_at")));
        }
        return out;
    }

    /** Highest relayer nonce among this relayer's attempts, or empty. */
    public Optional<Long> maxRelayerNonce(String relayer) {
        Row r = pool.preparedQuery("SELECT max(relayer_nonce) FROM governance.relay_attempts WHERE relayer = $1")
                .execute(Tuple.of(relayer)).await().atMost(TIMEOUT).iterator().next();
        return Optional.ofNullable(r.getLong(0));
    }

    // ------------------------------------------------------------------ state transitions

    /**
     * queued -> submitted with the signed transaction stored, in one transaction, BEFORE it is sent. Returns false
     * (and changes nothing) when the ballot is no longer queued, e.g. taken by another relayer.
     */
    public boolean markSubmitted(UUID id, RelayAttempt attempt) {
        return pool.withTransaction(c -> c.preparedQuery("UPDATE governance.ballots SET status = 'submitted', tx_hash = $2, "
                        + "relayer_nonce = $3, updated_at = now() WHERE id = $1 AND status = 'queued'")
                .execute(Tuple.of(id, attempt.txHash(), attempt.relayerNonce()))
                .flatMap(rs -> rs.rowCount() == 0
                        ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : insertAttempt(c, attempt).map(x -> true)))
                .await().atMost(TIMEOUT);
    }

    /** A fee bump of a submitted ballot: the new attempt stored (and made current) before it is sent. */
    public void addBump(UUID id, RelayAttempt attempt) {
        pool.withTransaction(c -> insertAttempt(c, attempt).flatMap(x -> c.preparedQuery(
                        "UPDATE governance.ballots SET tx_hash = $2, updated_at = now() WHERE id = $1 AND status = 'submitted'")
                .execute(Tuple.of(id, attempt.txHash())))).await().atMost(TIMEOUT);
    }

    private static io.smallrye.mutiny.Uni<RowSet<Row>> insertAttempt(SqlConnection c, RelayAttempt a) {
        return c.preparedQuery("INSERT INTO governance.relay_attempts (tx_hash, ballot_id, relayer, relayer_nonce, "
                + "gas_price, raw_tx) VALUES ($1, $2, $3, $4, $5, $6)").execute(Tuple.tuple(List.of(a.txHash(),
                a.ballotId(), a.relayer(), a.relayerNonce(), new BigDecimal(a.gasPrice()),
                io.vertx.core.buffer.Buffer.buffer(a.rawTx()))));
    }

    public void markConfirmed(UUID id, Optional<String> txHash, long blockNumber) {
        pool.preparedQuery("UPDATE governance.ballots SET status = 'confirmed', tx_hash = coalesce($2, tx_hash), "
                        + "block_number = $3, updated_at = now() WHERE id = $1 AND status IN ('queued', 'submitted')")
                .execute(Tuple.of(id, txHash.orElse(null), blockNumber)).await().atMost(TIMEOUT);
    }

    public void markFailed(UUID id, String reason) {
        pool.preparedQuery("UPDATE governance.ballots SET status = 'failed', failure = $2, updated_at = now() "
                        + "WHERE id = $1 AND status IN ('queued', 'submitted')")
                .execute(Tuple.of(id, reason)).await().atMost(TIMEOUT);
    }

    private List<BallotRecord> list(String sql, Tuple args) {
        List<BallotRecord> out = new ArrayList<>();
        for (Row r : pool.preparedQuery(sql).execute(args).await().atMost(TIMEOUT)) {
            out.add(toRecord(r));
        }
        return out;
    }

    private static BallotRecord toRecord(Row r) {
        return new BallotRecord(r.getUUID("id"), r.getBigDecimal("proposal_id").toBigIntegerExact(),
                r.getShort("support"), r.getString("voter"), r.getBigDecimal("nonce").toBigIntegerExact(),
                r.getBuffer("signature").getBytes(), Optional.ofNullable(r.getString("reason")),
                BallotStatus.ofDb(r.getString("status")), Optional.ofNullable(r.getString("tx_hash")),
                Optional.ofNullable(r.getLong("relayer_nonce")), Optional.ofNullable(r.getLong("block_number")),
                Optional.ofNullable(r.getString("failure")), r.getOffsetDateTime("created_at"),
                r.getOffsetDateTime("updated_at"));
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Pending(BallotRecord ballot, CompletableFuture<Void> done) {}
}
