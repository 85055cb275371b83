package io.cipherocto.settlement.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.devkit.EmbeddedDatabase;
import io.cipherocto.devkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V2_7 on a database that already holds receipts (migrated up to V2_6 first): every row lands in its epoch's partition,
 * the key becomes (epoch, job_id), and no DEFAULT partition catches an epoch that has none.
 */
class ReceiptsPartitionMigrationTest {
    private static final String ROW = "INSERT INTO settlement.receipts (job_id, epoch, requester, provider, role, kernel, "
            + "spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest) VALUES ('0x%064x', %d, '0x%040x', "
            + "'0x%040x', 0, 'k', 's', 'o', 1, %d, 'ps', 'rs', 'd')";

    @Test
    void existingReceipts_moveIntoOnePartitionPerEpoch_keyedByEpochAndJobId() throws Exception {
        try (TestDatabase db = TestDatabase.start()) {
            flyway(db, "2.6").migrate();
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
                for (int i = 0; i < 30; i++) {
                    s.execute(String.format(ROW, i, 4 + i % 3, 0xaa, 0xb0 + i % 2, 10 + i));
                }
            }
            flyway(db, "latest").migrate();
            try (Connection c = db.jdbc(); Statement s = c.createStatement()) {
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
                        + "ORDER BY 1")).containsExactly("receipts_pkey", "receipts_provider");
                assertThat(strings(s, "SELECT count(*) FROM pg_class WHERE relname = 'receipts_unpartitioned'")).containsExactly("0");
                // the same job id in another epoch is another receipt; an epoch without a partition is refused
                s.execute(String.format(ROW, 0, 6, 0xaa, 0xb0, 1));
                assertThatThrownBy(() -> s.execute(String.format(ROW, 99, 7, 0xaa, 0xb0, 1)))
                        .isInstanceOf(SQLException.class).hasMessageContaining("no partition");
            }
        }
    }

    private static Flyway flyway(TestDatabase db, String target) {
        return Flyway.configure().dataSource(db.jdbcUrl(), EmbeddedDatabase.USER, "")
                .locations("classpath:db/migration/settlement").target(target).load();
    }

    private static List<String> strings(Statement s, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
