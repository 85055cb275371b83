package io.cipherocto.settlement.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.api.JobQueries;
import io.cipherocto.settlement.api.ReceiptQueries;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.cipherocto.settlement.support.SyntheticReceipts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statement production code issues on {@code settlement.receipts}, explained against three epochs' partitions
 * holding rows: each reads only its epoch's partition (partition pruning, both as a custom plan and as the generic plan
 * a prepared statement switches to after five executions, where pruning happens at executor start), and the lookups
 * use the index they are meant to. The SQL is the production constants, so a statement that lost its epoch filter or
 * its index fails here. Also: partitions of new epochs are created on demand, by concurrent batches too; the migration
 * moves stored receipts into their partitions.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiptQueryPlansTest {
    /** Far from the chain's epochs: no worker closes them, no other test writes them. */
    private static final long[] EPOCHS = {910_001, 910_002, 910_003};
    private static final long TARGET = 910_002;
    private static final int PER_EPOCH = 3_000;
    private static final int PROVIDERS = 30;
    private static final Pattern PARTITION = Pattern.compile("\"receipts_e(\\d+)");
    private static final Set<String> INDEX_NODES = Set.of("Index Scan", "Index Only Scan", "Bitmap Index Scan");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A receipt row as V2_6 stored it: job id, epoch, requester, provider, fee. */
    private static final String ROW = "INSERT INTO settlement.receipts (job_id, epoch, requester, provider, role, kernel, "
            + "spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest) VALUES ('0x%064x', %d, '0x%040x', "
            + "'0x%040x', 0, 'k', 's', 'o', 1, %d, 'ps', 'rs', 'd')";

    @Inject
    SettlementRuntime runtime;

    @BeforeAll
    void storeThreeEpochs() {
        ReceiptStore store = runtime.receiptStore();
        for (int k = 0; k < EPOCHS.length; k++) {
            List<ReceiptCode> codes = store.store(SyntheticReceipts.of(EPOCHS[k], 0x7100_0000L + k * 1_000_000L, PER_EPOCH,
                    PROVIDERS), q -> BigInteger.TEN.pow(30), 0);
            assertThat(codes).containsOnly(ReceiptCode.ACCEPTED);
        }
        runtime.pool().query("ANALYZE settlement.receipts").executeAndAwait();
    }

    private static String job(int i) {
        return Actors.word(0x7100_0000L + 1_000_000L + i); // epoch TARGET's i-th job
    }

    @Test
    void theDuplicateCheck_readsOneEpochsPrimaryKey() {
        String[] ids = {job(1), job(2), Actors.word(0x1234)};
        for (Mode mode : Mode.values()) {
            JsonNode plan = plan(ReceiptBatchWrite.EXISTING.replace("epoch = ?", "epoch = $1").replace("ANY(?)", "ANY($2)"), mode, true, TARGET, ids);
            assertReadsOnlyTheTargetPartition(plan, mode);
            assertUsesIndex(plan, ReceiptPartitions.tableName(TARGET) + "_pkey", mode);
        }
    }

    @Test
    void theEpochReads_ofTheSettlementAndTheBundle_readOneEpochsPartition() {
        for (String sql : List.of(ReceiptStore.EPOCH_RECEIPTS, ReceiptStore.EPOCH_DATA_HASH, ReceiptStore.SIGNED_RECEIPTS)) {
            for (Mode mode : Mode.values()) {
                assertReadsOnlyTheTargetPartition(plan(sql, mode, false, TARGET), mode);
            }
        }
    }

    @Test
    void aJobsPage_readsOneEpochsPrimaryKeyFromTheCursor() {
        for (Mode mode : Mode.values()) {
            JsonNode plan = plan(JobQueries.PAGE, mode, true, TARGET, job(100), 500L);
            assertReadsOnlyTheTargetPartition(plan, mode);
            assertUsesIndex(plan, ReceiptPartitions.tableName(TARGET) + "_pkey", mode);
        }
    }

    @Test
    void aProvidersPage_readsOneEpochsProviderIndexFromTheCursor() {
        String providerIndex = providerIndex(TARGET);
        for (Mode mode : Mode.values()) {
            JsonNode plan = plan(ReceiptQueries.PROVIDER_PAGE, mode, true, TARGET, SyntheticReceipts.provider(7), "", 100L);
            assertReadsOnlyTheTargetPartition(plan, mode);
            assertUsesIndex(plan, providerIndex, mode);
        }
        // with the planner free to choose and fresh statistics, too: 100 of 3,000 rows is an index's job
        JsonNode free = plan(ReceiptQueries.PROVIDER_PAGE, Mode.CUSTOM, false, TARGET, SyntheticReceipts.provider(7), "", 100L);
        assertUsesIndex(free, providerIndex, Mode.CUSTOM);
    }

    @Test
    void aRequestersPage_readsOneEpochsRequesterIndexFromTheCursor() {
        String requesterIndex = index(TARGET, "(epoch, requester, job_id)");
        for (Mode mode : Mode.values()) {
            JsonNode plan = plan(ReceiptQueries.REQUESTER_PAGE, mode, true, TARGET, SyntheticReceipts.requester(3), "", 100L);
            assertReadsOnlyTheTargetPartition(plan, mode);
            assertUsesIndex(plan, requesterIndex, mode);
            assertNoSeqScan(plan, mode);
        }
        // with the planner free to choose and fresh statistics, too: 100 of the requester's 300 rows of 3,000, and a deep
        // page (from the cursor of the 250th) is the same index range scan, not a scan of the earlier rows
        for (String after : List.of("", job(2_503))) {
            JsonNode free = plan(ReceiptQueries.REQUESTER_PAGE, Mode.CUSTOM, false, TARGET, SyntheticReceipts.requester(3), after,
                    100L);
            assertUsesIndex(free, requesterIndex, Mode.CUSTOM);
            assertNoSeqScan(free, Mode.CUSTOM);
        }
    }

    @Test
    void theRequesterIndex_isOnTheParent_soEveryPartitionHasIt_thoseAttachedLaterToo() {
        assertThat(runtime.pool().query("SELECT count(*) FROM pg_indexes WHERE schemaname = 'settlement' "
                + "AND tablename = 'receipts' AND indexname = 'receipts_requester'").executeAndAwait().iterator().next().getLong(0))
                .isEqualTo(1);
        for (long epoch : EPOCHS) {
            assertThat(index(epoch, "(epoch, requester, job_id)")).startsWith(ReceiptPartitions.tableName(epoch));
        }
        long fresh = 910_300; // a partition ReceiptPartitions creates and attaches now
        assertThat(runtime.receiptStore().store(SyntheticReceipts.of(fresh, 0x7d00_0000L, 3, 1), q -> BigInteger.TEN.pow(30), 0))
                .containsOnly(ReceiptCode.ACCEPTED);
        assertThat(index(fresh, "(epoch, requester, job_id)")).startsWith(ReceiptPartitions.tableName(fresh));
    }

    @Test
    void aBatchHoldingAStoredJobId_isDecidedAgainReceiptByReceipt_andStoresEachNewOneOnce() {
        ReceiptStore store = runtime.receiptStore();
        long epoch = 910_400;
        List<SignedReceipt> first = SyntheticReceipts.of(epoch, 0x7e00_0000L, 3, 1);
        assertThat(store.store(first, q -> BigInteger.TEN.pow(30), 0)).containsOnly(ReceiptCode.ACCEPTED);
        // the optimistic COPY meets the primary key on the stored one; the batch is decided again, job id by job id
        List<SignedReceipt> fresh = SyntheticReceipts.of(epoch, 0x7e10_0000L, 2, 1);
        SignedReceipt conflicting = new SignedReceipt(first.get(2).receipt(), first.get(2).providerSignature(),
                first.get(2).requesterSignature(), Actors.word(0xbad));
        assertThat(store.store(List.of(fresh.get(0), first.get(1), fresh.get(1), conflicting), q -> BigInteger.TEN.pow(30), 0))
                .containsExactly(ReceiptCode.ACCEPTED, ReceiptCode.DUPLICATE, ReceiptCode.ACCEPTED, ReceiptCode.JOB_ID_CONFLICT);
        assertThat(count("SELECT count(*) FROM settlement." + ReceiptPartitions.tableName(epoch))).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM settlement.requester_owed o WHERE o.epoch = " + epoch + " AND o.owed = "
                + "(SELECT sum(fee) FROM settlement.receipts r WHERE r.epoch = o.epoch AND r.requester = o.requester)"))
                .isEqualTo(count("SELECT count(DISTINCT requester) FROM settlement.receipts WHERE epoch = " + epoch));
    }

    @Test
    void aBatchOfANewEpoch_getsItsPartitionCreated_evenWhenTwoInstancesRaceForIt() throws Exception {
        long epoch = 910_100;
        assertThat(attached(epoch)).isFalse();
        // two stores with partition caches of their own: two API instances on one database
        ReceiptWriter writer = ReceiptWriter.of(SettlementTestEnvironment.db.jdbcUrl(), java.util.Optional.of("postgres"),
                java.util.Optional.of(""));
        ReceiptStore a = new ReceiptStore(runtime.pool(), new ReceiptPartitions(), writer);
        ReceiptStore b = new ReceiptStore(runtime.pool(), new ReceiptPartitions(), writer);
        CyclicBarrier start = new CyclicBarrier(2);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<List<ReceiptCode>> fa = CompletableFuture.supplyAsync(() -> {
                await(start);
                return a.store(SyntheticReceipts.of(epoch, 0x7a00_0000L, 500, 5), q -> BigInteger.TEN.pow(30), 0);
            }, threads);
            CompletableFuture<List<ReceiptCode>> fb = CompletableFuture.supplyAsync(() -> {
                await(start);
                return b.store(SyntheticReceipts.of(epoch, 0x7b00_0000L, 500, 5), q -> BigInteger.TEN.pow(30), 0);
            }, threads);
            assertThat(fa.get()).hasSize(500).containsOnly(ReceiptCode.ACCEPTED);
            assertThat(fb.get()).hasSize(500).containsOnly(ReceiptCode.ACCEPTED);
        } finally {
            threads.shutdown();
        }
        assertThat(attached(epoch)).isTrue();
        assertThat(count("SELECT count(*) FROM settlement." + ReceiptPartitions.tableName(epoch))).isEqualTo(1_000);
    }

    @Test
    void aJobId_isUniqueWithinItsEpoch_notAcrossEpochs() {
        ReceiptStore store = runtime.receiptStore();
        SignedReceipt first = SyntheticReceipts.of(910_200, 0x7c00_0000L, 1, 1).get(0);
        SignedReceipt sameIdNextEpoch = SyntheticReceipts.of(910_201, 0x7c00_0000L, 1, 1).get(0);
        SignedReceipt otherWithSameId = new SignedReceipt(first.receipt(), first.providerSignature(), first.requesterSignature(),
                Actors.word(0xbad));
        assertThat(store.store(List.of(first), q -> BigInteger.TEN.pow(30), 0)).containsExactly(ReceiptCode.ACCEPTED);
        assertThat(store.store(List.of(sameIdNextEpoch, first, otherWithSameId), q -> BigInteger.TEN.pow(30), 0))
                .containsExactly(ReceiptCode.ACCEPTED, ReceiptCode.DUPLICATE, ReceiptCode.JOB_ID_CONFLICT);
    }

    /**
     * V2_7 on a database that already holds receipts (its own, migrated up to V2_6 first): every row lands in its
     * epoch's partition, the key becomes (epoch, job_id), and no DEFAULT partition catches an epoch that has none. (Here
     * rather than in a plain test class: after the Quarkus tests, a plain class no longer loads devkit's classes.)
     */
    @Test
    void theMigration_movesExistingReceiptsIntoOnePartitionPerEpoch_keyedByEpochAndJobId() throws Exception {
        try (io.cipherocto.devkit.TestDatabase db = io.cipherocto.devkit.TestDatabase.start()) {
            flyway(db, "2.6").migrate();
            try (java.sql.Connection c = db.jdbc(); java.sql.Statement s = c.createStatement()) {
                for (int i = 0; i < 30; i++) {
                    s.execute(String.format(ROW, i, 4 + i % 3, 0xaa, 0xb0 + i % 2, 10 + i));
                }
            }
            flyway(db, "latest").migrate();
            try (java.sql.Connection c = db.jdbc(); java.sql.Statement s = c.createStatement()) {
                assertThat(strings(s, "SELECT c.relname || ':' || pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                        + "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'settlement.receipts'::regclass ORDER BY 1"))
                        .containsExactly("receipts_e4:FOR VALUES IN ('4')", "receipts_e5:FOR VALUES IN ('5')",
                                "receipts_e6:FOR VALUES IN ('6')");
                assertThat(strings(s, "SELECT count(*) || ' ' || sum(fee) FROM settlement.receipts_e5")).containsExactly("10 " + (11 + 14
                        + 17 + 20 + 23 + 26 + 29 + 32 + 35 + 38));
                assertThat(strings(s, "SELECT count(*) FROM settlement.receipts")).containsExactly("30");
                assertThat(strings(s, "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                        + "WHERE conrelid = 'settlement.receipts'::regclass AND contype = 'p'")).containsExactly("PRIMARY KEY (epoch, job_id)");
                assertThat(strings(s, "SELECT indexname FROM pg_indexes WHERE schemaname = 'settlement' AND tablename = 'receipts' "
                        + "ORDER BY 1")).containsExactly("receipts_pkey", "receipts_provider", "receipts_requester");
                assertThat(strings(s, "SELECT count(*) FROM pg_class WHERE relname = 'receipts_unpartitioned'")).containsExactly("0");
                // the same job id in another epoch is another receipt; an epoch without a partition is refused
                s.execute(String.format(ROW, 0, 6, 0xaa, 0xb0, 1));
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.execute(String.format(ROW, 99, 7, 0xaa, 0xb0, 1)))
                        .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("no partition");
            }
        }
    }

    private static org.flywaydb.core.Flyway flyway(io.cipherocto.devkit.TestDatabase db, String target) {
        return org.flywaydb.core.Flyway.configure().dataSource(db.jdbcUrl(), io.cipherocto.devkit.EmbeddedDatabase.USER, "")
                .locations("classpath:db/migration/settlement").target(target).load();
    }

    private static List<String> strings(java.sql.Statement s, String sql) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Custom: planned with the values (plan-time pruning). Generic: planned without them (pruning at executor start). */
    private enum Mode {
        CUSTOM("force_custom_plan"), GENERIC("force_generic_plan");

        final String setting;

        Mode(String setting) {
            this.setting = setting;
        }
    }

    /**
     * EXPLAIN (FORMAT JSON) of {@code sql} as a prepared statement executed with {@code args} (as literals), on one
     * connection whose settings are reset before it goes back to the pool.
     */
    private JsonNode plan(String sql, Mode mode, boolean noSeqScan, Object... args) {
        SqlConnection conn = runtime.pool().getConnectionAndAwait();
        try {
            conn.query("SET plan_cache_mode = " + mode.setting).executeAndAwait();
            conn.query("SET enable_seqscan = " + (noSeqScan ? "off" : "on")).executeAndAwait();
            conn.query("PREPARE plans_test AS " + sql).executeAndAwait();
            try {
                String call = Stream.of(args).map(ReceiptQueryPlansTest::literal).collect(Collectors.joining(", "));
                Row row = conn.query("EXPLAIN (FORMAT JSON) EXECUTE plans_test(" + call + ")").executeAndAwait().iterator().next();
                return JSON.readTree(String.valueOf(row.getValue(0)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } finally {
                conn.query("DEALLOCATE plans_test").executeAndAwait();
            }
        } finally {
            conn.query("RESET plan_cache_mode").executeAndAwait();
            conn.query("RESET enable_seqscan").executeAndAwait();
            conn.closeAndAwait();
        }
    }

    private static String literal(Object v) {
        if (v instanceof Object[] a) {
            String type = a instanceof Long[] ? "bigint[]" : a instanceof Short[] ? "smallint[]" : "text[]";
            return "ARRAY[" + Stream.of(a).map(ReceiptQueryPlansTest::literal).collect(Collectors.joining(", ")) + "]::" + type;
        }
        if (v == null) {
            return "NULL";
        }
        return v instanceof Number ? v.toString() : "'" + v.toString().replace("'", "''") + "'";
    }

    /** The partitions of settlement.receipts the plan names (any node: scans, index names). */
    private static Set<String> partitionsNamed(JsonNode plan) {
        Set<String> out = new TreeSet<>();
        Matcher m = PARTITION.matcher(plan.toString());
        while (m.find()) {
            out.add("receipts_e" + m.group(1));
        }
        return out;
    }

    private static void assertReadsOnlyTheTargetPartition(JsonNode plan, Mode mode) {
        assertThat(partitionsNamed(plan)).as(mode + ": partitions in " + plan).containsExactly(ReceiptPartitions.tableName(TARGET));
        List<String> relations = new ArrayList<>();
        nodes(plan.get(0).get("Plan"), n -> {
            if (n.has("Relation Name")) {
                relations.add(n.get("Relation Name").asText());
            }
        });
        assertThat(relations).as(mode + ": relations in " + plan).containsOnly(ReceiptPartitions.tableName(TARGET));
    }

    private static void assertNoSeqScan(JsonNode plan, Mode mode) {
        List<String> types = new ArrayList<>();
        nodes(plan.get(0).get("Plan"), n -> types.add(n.path("Node Type").asText()));
        assertThat(types).as(mode + ": nodes in " + plan).doesNotContain("Seq Scan");
    }

    private static void assertUsesIndex(JsonNode plan, String index, Mode mode) {
        List<String> used = new ArrayList<>();
        nodes(plan.get(0).get("Plan"), n -> {
            if (INDEX_NODES.contains(n.path("Node Type").asText())) {
                used.add(n.path("Index Name").asText());
            }
        });
        assertThat(used).as(mode + ": indexes in " + plan).containsExactly(index);
    }

    private static void nodes(JsonNode node, java.util.function.Consumer<JsonNode> visit) {
        visit.accept(node);
        node.path("Plans").forEach(child -> nodes(child, visit));
    }

    private String providerIndex(long epoch) {
        return index(epoch, "(epoch, provider, job_id)");
    }

    /** The name of the epoch partition's index on {@code columns}, e.g. "(epoch, provider, job_id)". */
    private String index(long epoch, String columns) {
        var rows = runtime.pool().preparedQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'settlement' "
                + "AND tablename = $1 AND indexdef LIKE $2").executeAndAwait(Tuple.of(ReceiptPartitions.tableName(epoch),
                "%" + columns)).iterator();
        assertThat(rows.hasNext()).as("index %s on %s", columns, ReceiptPartitions.tableName(epoch)).isTrue();
        return rows.next().getString(0);
    }

    private boolean attached(long epoch) {
        return runtime.pool().preparedQuery(ReceiptPartitions.ATTACHED).executeAndAwait(Tuple.of(ReceiptPartitions.tableName(epoch)))
                .iterator().next().getBoolean(0);
    }

    private long count(String sql) {
        return runtime.pool().query(sql).executeAndAwait().iterator().next().getLong(0);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
