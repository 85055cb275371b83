package io.cipherocto.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.abi.EventTables;
import io.cipherocto.indexer.support.FaultProxy;
import io.cipherocto.indexer.support.IndexerHarness;
import io.cipherocto.indexer.sync.IndexerConfig;
import io.cipherocto.indexer.sync.IndexerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes and faults: killed mid-backfill and restarted, a second instance waiting for the writer lock, a
 * misbehaving JSON-RPC endpoint, PostgreSQL restarted under the indexer. Each ends with the database equal to the
 * chain: nothing lost, nothing doubled.
 */
class IndexerResilienceIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static IndexerHarness h;

    @BeforeAll
    static void start() throws Exception {
        Path data = Files.createTempDirectory("octo-indexer-pg");
        h = new IndexerHarness(AnvilNode.start(), TestDatabase.startPersistent(data, "indexer"));
        h.driver.transfers(150, 20); // 3,000 transfers
        h.driver.mine(70);
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** Small ranges, so that a backfill takes many commits and a kill lands in the middle of one. */
    private static IndexerConfig smallBatches() {
        return IndexerHarness.fastConfig().withTargetLogs(60, 5);
    }

    @Test
    void killedMidBackfill_atSeveralPoints_restartsFromTheCheckpoint_withNothingLostOrDoubled() {
        resetDatabase();
        long head = h.head();
        for (long killAt : new long[] {head / 5, head / 3, head / 2, (long) (head * 0.8)}) {
            IndexerHarness.Running r = h.run(smallBatches());
            IndexerHarness.await(WAIT, () -> h.checkpoint().map(c -> c.block() >= killAt).orElse(false),
                    () -> "no progress to block " + killAt);
            r.kill();
            long at = h.checkpoint().orElseThrow().block();
            assertThat(at).isGreaterThanOrEqualTo(killAt);
            h.assertDatabaseMatchesChain(); // consistent at the kill point already
        }
        try (IndexerHarness.Running r = h.run(smallBatches())) {
            h.awaitCaughtUp(WAIT);
            h.assertDatabaseMatchesChain();
        }
    }

    @Test
    void secondInstance_waitsForTheWriterLock_andTakesOverWhenTheFirstDies() {
        resetDatabase();
        IndexerHarness.Running first = h.run(smallBatches());
        IndexerHarness.await(WAIT, () -> first.indexer.status().state() == IndexerStatus.State.BACKFILLING,
                () -> "first instance did not start");
        try (IndexerHarness.Running second = h.run(smallBatches())) {
            IndexerHarness.await(WAIT, () -> second.indexer.status().state() == IndexerStatus.State.WAITING_FOR_LOCK,
                    () -> "second instance is " + second.indexer.status());
            first.kill();
            IndexerHarness.await(WAIT, () -> second.indexer.status().healthy(), () -> "second did not take over");
            h.awaitCaughtUp(WAIT);
            h.assertDatabaseMatchesChain();
        }
    }

    @Test
    void faultyRpc_errorsStallsDropsAndTruncatedBodies_indexerRecoversAndEndsComplete() throws Exception {
        resetDatabase();
        try (FaultProxy proxy = new FaultProxy(h.anvil.rpcUrl(), 42, 0.3, Duration.ofMillis(1500));
                IndexerHarness.Running r = h.run(smallBatches().withRpcTimeout(Duration.ofMillis(700)), proxy.url())) {
            h.awaitCaughtUp(WAIT);
            assertThat(proxy.faults.get()).as("faults injected").isGreaterThan(20);
            h.assertDatabaseMatchesChain();
            h.driver.transfers(5, 10); // and it keeps following the head through the faults
            h.awaitCaughtUp(WAIT);
            h.assertDatabaseMatchesChain();
        }
    }

    @Test
    void nodeWithoutBlockTimestampInLogs_timestampsComeFromTheHeaders() throws Exception {
        resetDatabase();
        try (FaultProxy proxy = new FaultProxy(h.anvil.rpcUrl(), 7, 0.0, Duration.ZERO).withoutBlockTimestamps();
                IndexerHarness.Running r = h.run(IndexerHarness.fastConfig(), proxy.url())) {
            h.awaitCaughtUp(WAIT);
            assertThat(proxy.stripped.get()).as("answers stripped of blockTimestamp").isPositive();
            h.assertDatabaseMatchesChain();
            int checked = 0;
            try (var c = h.db.jdbc(); var st = c.createStatement();
                    var rs = st.executeQuery("SELECT number, hash, timestamp FROM indexer.blocks ORDER BY number")) {
                while (rs.next()) {
                    var header = h.anvil.web3j().ethGetBlockByNumber(
                            org.web3j.protocol.core.DefaultBlockParameter.valueOf(java.math.BigInteger.valueOf(rs.getLong(1))), false)
                            .send().getBlock();
                    assertThat(rs.getString(2)).isEqualTo(header.getHash());
                    assertThat(rs.getLong(3)).as("timestamp of block %d", rs.getLong(1))
                            .isEqualTo(header.getTimestamp().longValueExact());
                    checked++;
                }
            }
            assertThat(checked).as("block rows").isGreaterThan(100);
        }
    }

    @Test
    void databaseRestartedMidRun_indexerPausesThenResumesAndEndsComplete() throws Exception {
        resetDatabase();
        try (IndexerHarness.Running r = h.run(smallBatches())) {
            long head = h.head();
            IndexerHarness.await(WAIT, () -> h.checkpoint().map(c -> c.block() >= head / 3).orElse(false), () -> "no progress");
            h.db.restartServer(Duration.ofSeconds(2));
            h.awaitCaughtUp(WAIT);
            h.assertDatabaseMatchesChain();
        }
    }

    /** Drops everything the indexer wrote, as on a fresh database. */
    private static void resetDatabase() {
        try (var c = h.db.jdbc(); var st = c.createStatement()) {
            for (var d : h.catalog.all()) {
                st.execute("TRUNCATE " + EventTables.qualified(d));
            }
            st.execute("TRUNCATE indexer.blocks, indexer.checkpoint, indexer.reorgs");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
