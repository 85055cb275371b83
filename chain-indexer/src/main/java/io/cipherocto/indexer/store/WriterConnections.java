package io.cipherocto.indexer.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens the writer's own JDBC connection: a dedicated, unpooled connection that holds the chain's advisory lock for
 * as long as the writer session lives and carries its {@code COPY}s. (The reactive client has no {@code COPY}.)
 */
@FunctionalInterface
public interface WriterConnections {
    Connection open() throws SQLException;

    /** Connections to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}) with these credentials. */
    static WriterConnections of(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return () -> {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            p.setProperty("ApplicationName", "octo-indexer-writer");
            p.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(jdbcUrl, p);
        };
    }
}
