package io.cipherocto.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.indexer.support.ChainTruth;
import io.cipherocto.indexer.support.IndexerHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The indexer against anvil and PostgreSQL: backfill, following the head, reorgs and rollbacks. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static IndexerHarness h;

    @BeforeAll
    static void start() {
        h = IndexerHarness.start();
    }

    @AfterAll
    static void stop() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @Order(1)
    void backfill_storesEveryEventOnce_withTheFieldsGetLogsReturns() {
        h.driver.transfers(40, 25);
        h.driver.mine(80); // push the transfers below the finality depth: they are read in backfill mode
        try (IndexerHarness.Running r = h.run(IndexerHarness.fastConfig())) {
            h.awaitCaughtUp(WAIT);
            ChainTruth.Report report = h.assertDatabaseMatchesChain();
            assertThat(report.perTable().get("octo_token_transfer")).as("transfers").isGreaterThanOrEqualTo(1000);
            assertThat(report.perTable()).as("the deployment's own events are indexed too")
                    .containsKeys("role_token_transfer", "staking_manager_role_granted", "attestation_registry_verifier_set");
            assertThat(r.indexer.metrics().events()).isEqualTo(report.rowsInDatabase());
        }
    }

    @ParameterizedTest(name = "reorg depth {0}")
    @ValueSource(ints = {1, 2, 5, 64})
    @Order(2)
    void reorg_whileFollowingTheHead_replacesOrphanedRowsWithTheNewFork(int depth) throws SQLException {
        try (IndexerHarness.Running r = h.run(IndexerHarness.fastConfig())) {
            h.driver.transfers(depth + 3, 4);
            h.awaitCaughtUp(WAIT);
            long head = h.head();
            List<String> orphaned = blockHashes(head - depth + 1, head);
            String marker = "0x00000000000000000000000000000000000" + String.format("%05d", depth);
            double reorgsBefore = r.indexer.metrics().reorgs();

            h.driver.reorg(depth, marker);
            h.awaitCaughtUp(WAIT);

            assertThat(r.indexer.metrics().reorgs()).as("reorgs counted").isEqualTo(reorgsBefore + 1);
            assertThat(count("SELECT count(*) FROM indexer.octo_token_transfer WHERE block_hash = ANY(?)", orphaned))
                    .as("rows from orphaned blocks").isZero();
            assertThat(count("SELECT count(*) FROM indexer.blocks WHERE hash = ANY(?)", orphaned)).as("orphaned headers").isZero();
            assertThat(count("SELECT count(*) FROM indexer.octo_token_transfer WHERE \"to\" = ?", List.of(marker)))
                    .as("the replacement block's transfer").isEqualTo(1);
            assertThat(count("SELECT count(*) FROM indexer.reorgs WHERE depth = ?", List.of(String.valueOf(depth))))
                    .as("reorg recorded").isGreaterThanOrEqualTo(1);
            h.assertDatabaseMatchesChain();
        }
    }

    @Test
    @Order(3)
    void rollback_toAShorterChain_rewindsAndFollowsTheNewBlocks() throws SQLException {
        try (IndexerHarness.Running r = h.run(IndexerHarness.fastConfig())) {
            h.driver.transfers(6, 3);
            h.awaitCaughtUp(WAIT);
            long head = h.head();
            List<String> removed = blockHashes(head - 3, head);

            h.driver.rollback(4);
            h.awaitCaughtUp(WAIT);
            assertThat(h.checkpoint().orElseThrow().block()).isEqualTo(head - 4);
            assertThat(count("SELECT count(*) FROM indexer.octo_token_transfer WHERE block_hash = ANY(?)", removed)).isZero();

            h.driver.transfers(2, 5);
            h.awaitCaughtUp(WAIT);
            assertThat(r.indexer.metrics().reorgs()).isGreaterThanOrEqualTo(1);
            h.assertDatabaseMatchesChain();
        }
    }

    private static List<String> blockHashes(long from, long to) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = h.db.jdbc(); var ps = c.prepareStatement("SELECT hash FROM indexer.blocks WHERE number BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        assertThat(out).as("stored headers of blocks %d..%d", from, to).hasSize((int) (to - from + 1));
        return out;
    }

    private static long count(String sql, List<String> values) throws SQLException {
        try (Connection c = h.db.jdbc(); var ps = c.prepareStatement(sql)) {
            if (sql.contains("ANY(?)")) {
                ps.setArray(1, c.createArrayOf("text", values.toArray()));
            } else if (sql.contains("depth")) {
                ps.setLong(1, Long.parseLong(values.get(0)));
            } else {
                ps.setString(1, values.get(0));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
