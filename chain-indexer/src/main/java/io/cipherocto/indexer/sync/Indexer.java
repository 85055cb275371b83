package io.cipherocto.indexer.sync;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.indexer.rpc.Backoff;
import io.cipherocto.indexer.rpc.BlockHeader;
import io.cipherocto.indexer.rpc.ChainRpc;
import io.cipherocto.indexer.rpc.RpcException;
import io.cipherocto.indexer.store.Checkpoint;
import io.cipherocto.indexer.store.IndexerStore;
import io.cipherocto.indexer.store.WriteBatch;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.jboss.logging.Logger;

/**
 * Follows one chain and writes every suite event to PostgreSQL exactly once.
 *
 * <ul>
 *   <li><b>Backfill</b> (blocks below {@code head - finalityDepth}, final): {@code eth_getLogs} over adaptive block
 *       ranges, {@code prefetch} ranges fetched and decoded ahead of the writer; no headers unless the node leaves
 *       the timestamp out of its logs.
 *   <li><b>Tail</b> (the unfinalized blocks): headers of every block, checked to chain onto the checkpoint's hash;
 *       logs must carry the hashes of those headers. A parent-hash mismatch is a reorg: walk back to the last block
 *       whose stored hash the chain still has, delete everything after it, rewind the checkpoint, re-read.
 *   <li><b>Exactly once</b>: rows and the checkpoint move in one transaction on the connection that holds the
 *       chain's advisory lock; the primary key (block, log index) rejects any duplicate.
 *   <li><b>Faults</b>: RPC failures are retried with exponential backoff and jitter; a database failure ends the
 *       session, which restarts from the stored checkpoint. Either way the status says PAUSED with the reason.
 * </ul>
 */
public final class Indexer implements Runnable {
    private static final Logger LOG = Logger.getLogger(Indexer.class);
    /**
     * The first ranges are small: the writer starts as soon as one arrives (a dense chain would otherwise keep it
     * waiting for tens of thousands of logs), and the sizer grows them 2x per answer towards the target.
     */
    private static final long INITIAL_RANGE_BLOCKS = 10;

    private final ChainRpc rpc;
    private final IndexerStore store;
    private final ContractSet contracts;
    private final IndexerConfig config;
    private final IndexerMetrics metrics;
    private final BatchBuilder builder;
    private final RangeSizer sizer;
    private final long defaultStart;
    private final Progress progress = new Progress(Duration.ofSeconds(5));
    private final Backoff rpcBackoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(15));
    private final Backoff sessionBackoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private volatile boolean running = true;
    private volatile IndexerStatus status = new IndexerStatus(IndexerStatus.State.STARTING, "starting");
    private volatile Consumer<Checkpoint> onCommit = c -> {};

    public Indexer(ChainRpc rpc, IndexerStore store, EventCatalog catalog, ContractSet contracts, IndexerConfig config,
            IndexerMetrics metrics, long defaultStartBlock) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.store = Objects.requireNonNull(store, "store");
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.builder = new BatchBuilder(catalog, contracts, metrics);
        this.sizer = new RangeSizer(config.targetLogsPerRequest(), config.maxRangeBlocks(), INITIAL_RANGE_BLOCKS);
        this.defaultStart = defaultStartBlock;
    }

    public IndexerStatus status() {
        return status;
    }

    public IndexerMetrics metrics() {
        return metrics;
    }

    /** Called after every commit with the new checkpoint (tests and the bench watch it). */
    public void onCommit(Consumer<Checkpoint> listener) {
        this.onCommit = Objects.requireNonNull(listener, "listener");
    }

    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                session();
            }
        } catch (Stopped e) {
            // stop() or an interrupt: leave quietly, the checkpoint is whatever was committed last
        } catch (ReorgTooDeep e) {
            setStatus(IndexerStatus.State.FAILED, e.getMessage());
            LOG.error("indexer stopped: " + e.getMessage());
            return;
        }
        setStatus(IndexerStatus.State.STOPPED, "stopped");
    }

    /** One writer session: take the lock, follow the chain until a database failure or stop. */
    private void session() {
        Optional<IndexerStore.Session> session;
        try {
            session = store.tryOpen();
        } catch (RuntimeException e) {
            pause("database: " + e.getMessage(), sessionBackoff.next());
            return;
        }
        if (session.isEmpty()) {
            setStatus(IndexerStatus.State.WAITING_FOR_LOCK, "another indexer instance holds the lock of chain " + store.chainId());
            sleep(Duration.ofSeconds(2));
            return;
        }
        try (IndexerStore.Session s = session.get()) {
            LOG.infof("indexer: writer lock of chain %d taken", store.chainId());
            follow(s);
        } catch (Stopped | ReorgTooDeep e) {
            throw e;
        } catch (RuntimeException e) {
            if (!running) {
                throw new Stopped();
            }
            LOG.warnf("indexer session ended: %s; restarting from the stored checkpoint", e.toString());
            pause("database: " + e.getMessage(), sessionBackoff.next());
        }
    }

    private void follow(IndexerStore.Session s) {
        Checkpoint cp = s.checkpoint().orElseGet(() -> s.init(config.startBlock().orElse(defaultStart) - 1));
        metrics.indexed(cp.block());
        sessionBackoff.reset();
        while (running) {
            long head = retrying("eth_blockNumber", rpc::head);
            metrics.head(head);
            long finalized = head - config.finalityDepth();
            if (cp.block() < finalized) {
                setStatus(IndexerStatus.State.BACKFILLING, "backfilling to block " + finalized);
                cp = backfill(s, cp, finalized);
            } else {
                setStatus(IndexerStatus.State.FOLLOWING, "following the head");
                Checkpoint next = tail(s, cp, head);
                if (next.equals(cp)) {
                    sleep(config.pollInterval());
                }
                cp = next;
            }
        }
        throw new Stopped();
    }

    // ---------------------------------------------------------------- backfill

    private record Fetched(long from, long to, WriteBatch batch, int logs) {}

    private Checkpoint backfill(IndexerStore.Session s, Checkpoint cp, long until) {
        progress.begin(cp.block() + 1, until);
        ExecutorService pool = Executors.newFixedThreadPool(config.prefetch(), r -> {
            Thread t = new Thread(r, "indexer-fetch");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Fetched>> inflight = new ArrayDeque<>();
        long next = cp.block() + 1;
        try {
            while (running && (next <= until || !inflight.isEmpty())) {
                while (inflight.size() < config.prefetch() && next <= until) {
                    long from = next;
                    long to = Math.min(until, from + sizer.blocks() - 1);
                    inflight.add(pool.submit(() -> fetch(from, to)));
                    next = to + 1;
                }
                long a0 = System.nanoTime();
                Fetched f = await(inflight.poll());
                metrics.waited(System.nanoTime() - a0);
                Checkpoint after = Checkpoint.of(f.to(), null);
                long w0 = System.nanoTime();
                s.commit(f.batch(), cp, after);
                metrics.written(System.nanoTime() - w0);
                LOG.debugf("backfill: blocks %d..%d, %d logs: writer waited %d ms, wrote in %d ms", f.from(), f.to(), f.logs(),
                        (w0 - a0) / 1_000_000, (System.nanoTime() - w0) / 1_000_000);
                cp = after;
                committed(cp, f.to() - f.from() + 1, f.batch().events());
                progress.advance(f.to(), f.batch().events());
            }
            return cp;
        } finally {
            inflight.forEach(x -> x.cancel(true));
            pool.shutdownNow();
        }
    }

    private Fetched await(Future<Fetched> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Logs of [from, to], decoded into a batch; headers only for blocks whose logs carry no timestamp. */
    private Fetched fetch(long from, long to) {
        long t0 = System.nanoTime();
        WriteBatch b = new WriteBatch(from, to);
        int logs = read(b, from, to, Map.of());
        sizer.observe(to - from + 1, logs);
        List<Long> missing = b.blocksWithoutTimestamp();
        if (!missing.isEmpty()) {
            retrying("eth_getBlockByNumber", () -> rpc.headers(missing)).forEach(b::header);
            if (!b.blocksWithoutTimestamp().isEmpty()) {
                throw new IllegalStateException("no timestamp for blocks " + b.blocksWithoutTimestamp());
            }
        }
        metrics.fetched(System.nanoTime() - t0);
        return new Fetched(from, to, b, logs);
    }

    /**
     * Streams the logs of [from, to] into the batch; splits the range while the node refuses it, retries (after
     * dropping what a failed read added) otherwise.
     *
     * @param expected headers the logs must agree with, or an empty map
     * @return the number of logs read, or -1 when a log came from another fork than {@code expected}
     */
    private int read(WriteBatch batch, long from, long to, Map<Long, BlockHeader> expected) {
        while (true) {
            checkRunning();
            WriteBatch.Mark mark = batch.mark(from);
            boolean[] agrees = {true};
            try {
                int n = rpc.logs(from, to, contracts.addresses(), l -> agrees[0] &= builder.add(batch, l, expected));
                rpcOk();
                return agrees[0] ? n : -1;
            } catch (RpcException e) {
                batch.reset(mark);
                metrics.rpcError();
                if (e.rangeTooLarge() && to > from) {
                    sizer.shrink(to - from + 1);
                    long mid = from + (to - from) / 2;
                    LOG.debugf("eth_getLogs %d..%d refused (%s): splitting", from, to, e.getMessage());
                    int a = read(batch, from, mid, expected);
                    int c = a < 0 ? -1 : read(batch, mid + 1, to, expected);
                    return a < 0 || c < 0 ? -1 : a + c;
                }
                rpcFailed(e);
            }
        }
    }

    // ---------------------------------------------------------------- tail

    private Checkpoint tail(IndexerStore.Session s, Checkpoint current, long head) {
        Checkpoint cp = current.hash().isEmpty() ? anchor(s, current) : current;
        if (head <= cp.block()) {
            Optional<BlockHeader> h = retrying("eth_getBlockByNumber", () -> rpc.header(cp.block()));
            if (h.isEmpty() || !h.get().hash().equals(cp.hash().orElseThrow())) {
                return reorg(s, cp, head);
            }
            return cp;
        }
        long from = cp.block() + 1;
        long to = Math.min(head, cp.block() + config.maxTailBlocks());
        List<Long> numbers = LongStream.rangeClosed(from, to).boxed().toList();
        List<BlockHeader> headers = retrying("eth_getBlockByNumber", () -> rpc.headers(numbers));
        if (headers.isEmpty()) {
            return cp;
        }
        if (!headers.get(0).parentHash().equals(cp.hash().orElseThrow())) {
            return reorg(s, cp, head);
        }
        for (int i = 1; i < headers.size(); i++) {
            if (!headers.get(i).parentHash().equals(headers.get(i - 1).hash())) {
                LOG.debugf("chain changed while reading blocks %d..%d; reading again", from, to);
                return cp;
            }
        }
        to = headers.get(headers.size() - 1).number();
        Map<Long, BlockHeader> byNumber = new HashMap<>();
        headers.forEach(h -> byNumber.put(h.number(), h));
        WriteBatch batch = new WriteBatch(from, to);
        if (read(batch, from, to, byNumber) < 0) {
            LOG.debugf("logs of blocks %d..%d come from another fork than their headers; reading again", from, to);
            return cp;
        }
        headers.forEach(batch::header);
        Checkpoint next = Checkpoint.of(to, headers.get(headers.size() - 1).hash());
        s.commit(batch, cp, next);
        committed(next, to - from + 1, batch.events());
        return next;
    }

    /** The checkpoint block has no hash yet (it was indexed while final): read its header once. */
    private Checkpoint anchor(IndexerStore.Session s, Checkpoint cp) {
        if (cp.block() < 0) {
            return s.anchor(cp, new WriteBatch.BlockRow(-1, "0x" + "0".repeat(64), Optional.empty(), 0));
        }
        BlockHeader h = retrying("eth_getBlockByNumber", () -> rpc.header(cp.block()))
                .orElseThrow(() -> new IllegalStateException("the node has no block " + cp.block()));
        return s.anchor(cp, new WriteBatch.BlockRow(h.number(), h.hash(), Optional.of(h.parentHash()), h.timestamp()));
    }

    /**
     * The chain no longer has the checkpoint's block (or its successor does not chain onto it): find the last block
     * both agree on, within the finality depth, and rewind to it.
     */
    private Checkpoint reorg(IndexerStore.Session s, Checkpoint cp, long head) {
        long top = Math.min(cp.block(), head);
        long bottom = Math.max(0, cp.block() - config.finalityDepth() - 1);
        List<Long> numbers = LongStream.rangeClosed(bottom, top).boxed().toList();
        List<BlockHeader> chain = retrying("eth_getBlockByNumber", () -> rpc.headers(numbers));
        for (int i = Math.min(chain.size(), numbers.size()) - 1; i >= 0; i--) {
            BlockHeader h = chain.get(i);
            Optional<String> stored = h.number() == cp.block() ? cp.hash() : s.blockHash(h.number());
            boolean finalAndUnrecorded = stored.isEmpty() && h.number() < cp.block() - config.finalityDepth();
            if (stored.map(x -> x.equals(h.hash())).orElse(false) || finalAndUnrecorded) {
                Checkpoint next = s.rewind(cp, h.number(), h.hash(), cp.block(), head);
                metrics.reorg();
                metrics.indexed(next.block());
                LOG.warnf("reorg: blocks %d..%d replaced (depth %d, head now %d); rewound to block %d %s and re-reading",
                        h.number() + 1, cp.block(), cp.block() - h.number(), head, h.number(), h.hash());
                onCommit.accept(next);
                return next;
            }
        }
        throw new ReorgTooDeep("reorg deeper than the finality depth (" + config.finalityDepth()
                + " blocks) below block " + cp.block() + ": the stored history cannot be reconciled automatically");
    }

    // ---------------------------------------------------------------- helpers

    private void committed(Checkpoint cp, long blocks, int events) {
        metrics.indexed(cp.block());
        metrics.batch(blocks, events);
        onCommit.accept(cp);
    }

    @FunctionalInterface
    private interface RpcCall<T> {
        T call() throws RpcException;
    }

    private <T> T retrying(String what, RpcCall<T> call) {
        while (true) {
            checkRunning();
            try {
                T t = call.call();
                rpcOk();
                return t;
            } catch (RpcException e) {
                metrics.rpcError();
                rpcFailed(e);
            }
        }
    }

    private synchronized void rpcOk() {
        if (rpcBackoff.attempts() > 0) {
            rpcBackoff.reset();
            LOG.info("indexer: JSON-RPC endpoint answers again");
            if (status.state() == IndexerStatus.State.PAUSED) {
                setStatus(IndexerStatus.State.FOLLOWING, "resumed");
            }
        }
    }

    private void rpcFailed(RpcException e) {
        Duration wait;
        synchronized (this) {
            wait = rpcBackoff.next();
            if (rpcBackoff.attempts() >= 2) {
                setStatus(IndexerStatus.State.PAUSED, "rpc: " + e.getMessage());
            }
        }
        LOG.warnf("indexer: %s; retrying in %d ms", e.getMessage(), wait.toMillis());
        sleep(wait);
    }

    private void pause(String reason, Duration wait) {
        setStatus(IndexerStatus.State.PAUSED, reason);
        sleep(wait);
    }

    private void setStatus(IndexerStatus.State state, String detail) {
        status = new IndexerStatus(state, detail);
    }

    private void checkRunning() {
        if (!running || Thread.currentThread().isInterrupted()) {
            throw new Stopped();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    /** Thrown to unwind when the indexer is stopped. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    /** A reorg below the finality depth: operator action needed. */
    static final class ReorgTooDeep extends RuntimeException {
        ReorgTooDeep(String message) {
            super(message);
        }
    }
}
