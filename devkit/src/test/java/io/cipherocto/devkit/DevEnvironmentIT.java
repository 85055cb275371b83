package io.cipherocto.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev environment starts PostgreSQL, anvil and the suite, and a restart reuses all three. */
class DevEnvironmentIT {
    @TempDir
    Path dev;

    @Test
    void start_thenRestart_reusesDatabaseChainAndDeployment() throws Exception {
        String octo;
        try (DevEnvironment env = DevEnvironment.start(dev, false, s -> { })) {
            octo = env.manifest().address("OctoToken");
            assertThat(env.manifest().complete()).isTrue();
            try (Connection c = DriverManager.getConnection(env.database().jdbcUrl(), "postgres", "postgres")) {
                c.createStatement().execute("create table kept(x int); insert into kept values (42)");
            }
        }
        try (DevEnvironment env = DevEnvironment.start(dev, false, s -> { })) {
            assertThat(env.manifest().address("OctoToken")).isEqualTo(octo);
            try (Connection c = DriverManager.getConnection(env.database().jdbcUrl(), "postgres", "postgres");
                    ResultSet rs = c.createStatement().executeQuery("select x from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
