package io.cipherocto.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code octo audit verify-epoch N}: usage and settings are checked before anything is read. */
class AuditCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void clear() {
        for (NodeSettings s : NodeSettings.values()) {
            System.clearProperty(s.key());
        }
    }

    private int run(String... args) {
        return AuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wrongUsage_exits2_withTheUsage() {
        assertThat(run("verify", "1")).isEqualTo(2);
        assertThat(errors()).contains("usage: octo audit verify-epoch N");
    }

    @Test
    void negativeOrNonNumericEpoch_exits2() {
        assertThat(run("verify-epoch", "-1")).isEqualTo(2);
        assertThat(run("verify-epoch", "x")).isEqualTo(2);
        assertThat(errors()).contains("epoch must be a non-negative integer, got 'x'");
    }

    @Test
    void missingSetting_exits2_namingIt() {
        NodeSettings.RPC_URL.set("http://localhost:8545");
        NodeSettings.MANIFEST.set("deployment.json");
        assertThat(run("verify-epoch", "0")).isEqualTo(2);
        assertThat(errors()).contains("missing setting octo.db.url (env OCTO_DB_URL)");
    }

    @Test
    void aBundleLargerThanTheCheckCanHold_exits2_sayingWhy_beforeReadingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path big = dir.resolve("epoch-7.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(AuditCommand.MAX_BUNDLE_BYTES + 1); // sparse: no disk used
        }
        NodeSettings.RPC_URL.set("http://localhost:1");
        assertThat(run("verify-epoch", "7", "--bundle", big.toString())).isEqualTo(2);
        assertThat(errors()).contains("cannot read the bundle " + big).contains("more than the 2,147,483,639 this check can hold");
    }
}
