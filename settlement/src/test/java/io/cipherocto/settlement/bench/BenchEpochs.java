package io.cipherocto.settlement.bench;

import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.store.ReceiptPartitions;
import io.cipherocto.settlement.support.Actors;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.math.BigInteger;
import java.util.SortedMap;
import java.util.TreeMap;

/** What the settlement benchmarks share: an epoch's receipts filled with SQL, and the reward parameters they settle with. */
final class BenchEpochs {
    private BenchEpochs() {
    }

    /**
     * One epoch's partition: a plain table like settlement.receipts, filled with {@code n} receipts from
     * {@code providers} providers, given a CHECK that proves the partition bound (so ATTACH does not scan it), attached
     * (the parent's indexes are built on it then), the CHECK dropped.
     */
    static void fillPartition(Pool pool, long epoch, int n, int providers, String maintenanceWorkMem) {
        String table = "settlement." + ReceiptPartitions.tableName(epoch);
        SqlConnection conn = pool.getConnectionAndAwait();
        try {
            conn.query("SET maintenance_work_mem = '" + maintenanceWorkMem + "'").executeAndAwait();
            conn.query("CREATE TABLE " + table + " (LIKE settlement.receipts INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
                    .executeAndAwait();
            conn.query("INSERT INTO " + table + " (job_id, epoch, requester, provider, role, kernel, spec_hash, output_hash, "
                    + "work_units, fee, provider_sig, requester_sig, digest) "
                    + "SELECT '0x' || h1 || h2, " + epoch + ", '0x' || lpad(to_hex(2097152 + i % 5000), 40, '0'), "
                    + "'0x' || lpad(to_hex(1048576 + i % " + providers + "), 40, '0'), i % 8, '0x' || repeat('6b', 32), "
                    + "'0x' || md5((i % 1000)::text) || md5((i % 1000)::text), '0x' || h2 || h1, 100 + i % 1000, "
                    + "1000000000000000 + i, '0x' || h1 || h2 || h2 || h1 || '1b', '0x' || h2 || h1 || h1 || h2 || '1c', "
                    + "'0x' || h3 || h1 "
                    + "FROM (SELECT i, h1, h2, md5(h1 || h2) AS h3 FROM (SELECT i, md5(i || ':" + epoch + "') AS h1, "
                    + "md5(" + epoch + " || ':' || i) AS h2 FROM generate_series(0, " + (n - 1) + ") AS i) a) b").executeAndAwait();
            conn.query("ALTER TABLE " + table + " ADD CONSTRAINT bench_bound CHECK (epoch = " + epoch + ")").executeAndAwait();
            conn.query("ALTER TABLE settlement.receipts ATTACH PARTITION " + table + " FOR VALUES IN (" + epoch + ")")
                    .executeAndAwait();
            conn.query("ALTER TABLE " + table + " DROP CONSTRAINT bench_bound").executeAndAwait();
            conn.query("RESET maintenance_work_mem").executeAndAwait();
        } finally {
            conn.closeAndAwait();
        }
    }

    /** The {@code q} quantile (nearest rank) of sorted nanosecond timings, in milliseconds. */
    static double percentileMs(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** 8 roles with a token each and 100,000 OCTO of emission each, a 5 % protocol fee, fees-only unattested policy. */
    static RewardParams params() {
        SortedMap<Integer, String> roles = new TreeMap<>();
        SortedMap<String, BigInteger> budgets = new TreeMap<>();
        for (int role = 0; role < 8; role++) {
            String token = String.format("0x%040x", 0xa00 + role);
            roles.put(role, token);
            budgets.put(token, Actors.octo(100_000));
        }
        return new RewardParams(new BigInteger("50000000000000000"), String.format("0x%040x", 0xc0),
                String.format("0x%040x", 0xfe), roles, budgets, UnattestedPolicy.FEES_ONLY);
    }
}
