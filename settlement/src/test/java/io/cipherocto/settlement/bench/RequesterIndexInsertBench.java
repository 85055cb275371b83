package io.cipherocto.settlement.bench;

import io.cipherocto.devkit.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the (epoch, requester, job_id) index (V2_10, issue #17) costs per inserted receipt: 100,000 receipts of
 * realistic sizes (1,000 requesters, up to 100,000 providers) inserted with one {@code INSERT ... SELECT} in random job
 * id order into a fresh epoch partition, alternately with the index and without it (dropped from the parent), 8 rounds
 * each. Prints the wall time and the backend's CPU time (utime + stime of its process from /proc, 10 ms ticks), which a
 * machine shared with other builds disturbs far less than the wall time. Not part of the test suite (the name does not
 * end in Test): {@code mvn -B -o -pl settlement -am verify -Dforge.skip=true -Dtest=RequesterIndexInsertBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NoSuchIT -Dfailsafe.failIfNoSpecifiedTests=false}.
 */
class RequesterIndexInsertBench {
    private static final int ROUNDS = 8;
    private static final String INSERT = "INSERT INTO settlement.receipts (job_id, epoch, requester, provider, role, kernel, "
            + "spec_hash, output_hash, work_units, fee, provider_sig, requester_sig, digest) "
            + "SELECT '0x' || md5(g::text) || md5((g * 7)::text), %d, "
            + "'0x' || lpad(to_hex((g * 7919) %% 1000), 40, '0'), '0x' || lpad(to_hex((g * 104729) %% 100000), 40, '0'), 0, "
            + "'0x' || md5('k'), '0x' || md5('s') || md5('s2'), '0x' || md5(g::text || 'o') || md5(g::text || 'o2'), 1000, "
            + "2000000000000000 + g, '0x' || repeat(md5(g::text || 'p'), 4) || '1b', '0x' || repeat(md5(g::text || 'r'), 4) || '1c', "
            + "'0x' || md5(g::text || 'd') || md5(g::text || 'd2') FROM generate_series(1::bigint, 100000::bigint) g "
            + "ORDER BY md5(g::text)";

    @Test
    void insertWithAndWithoutTheRequesterIndex() throws Exception {
        try (TestDatabase db = TestDatabase.start("settlement"); Connection c = db.jdbc(); Statement s = c.createStatement()) {
            int pid;
            try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
            List<String> out = new ArrayList<>();
            long epoch = 1_000;
            for (int round = 0; round < ROUNDS; round++) {
                for (boolean withIndex : new boolean[] {true, false}) {
                    s.execute(withIndex ? "CREATE INDEX IF NOT EXISTS receipts_requester ON settlement.receipts "
                            + "(epoch, requester, job_id)" : "DROP INDEX IF EXISTS settlement.receipts_requester");
                    epoch++;
                    s.execute("CREATE TABLE settlement.receipts_e" + epoch + " (LIKE settlement.receipts INCLUDING DEFAULTS "
                            + "INCLUDING CONSTRAINTS)");
                    s.execute("ALTER TABLE settlement.receipts ATTACH PARTITION settlement.receipts_e" + epoch
                            + " FOR VALUES IN (" + epoch + ")");
                    s.execute("CHECKPOINT");
                    long cpu0 = cpuTicks(pid);
                    long t0 = System.nanoTime();
                    s.execute(String.format(INSERT, epoch));
                    long wallMs = (System.nanoTime() - t0) / 1_000_000;
                    long cpuMs = (cpuTicks(pid) - cpu0) * 10;
                    out.add(String.format("round %d %-8s receipts_requester: %,d ms wall, %,d ms backend CPU", round,
                            withIndex ? "with" : "without", wallMs, cpuMs));
                    s.execute("DROP TABLE settlement.receipts_e" + epoch);
                }
            }
            out.forEach(System.out::println);
        }
    }

    /** utime + stime of a process, in clock ticks (100 Hz). */
    private static long cpuTicks(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
