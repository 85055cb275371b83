package io.cipherocto.settlement.store;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The JDBC connections that store receipts: a small Agroal pool over the node's database, because the insert is a
 * {@code COPY ... FROM STDIN}, which the reactive client does not offer (issue #15: on PostgreSQL 17 here COPY costs
 * 14.7 us of database time per receipt row against 17.9 us for an {@code INSERT ... SELECT FROM unnest(...)} of the
 * same rows, and the client builds one byte array instead of fourteen typed arrays; docs/benchmarks.md). The pool is
 * opened on the first write, so a node that never receives receipts opens no connection.
 */
public final class ReceiptWriter implements AutoCloseable {
    /** Connections at most: one per receipt batch being stored at once. */
    static final int MAX_CONNECTIONS = 8;

    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private volatile AgroalDataSource pool;

    private ReceiptWriter(String jdbcUrl, Optional<String> user, Optional<String> password) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
    }

    /**
     * Writes to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}) with these credentials (the node's:
     * {@link io.cipherocto.platform.db.JdbcTarget}).
     */
    public static ReceiptWriter of(String jdbcUrl, Optional<String> user, Optional<String> password) {
        return new ReceiptWriter(jdbcUrl, user, password);
    }

    /** A connection of the pool, in autocommit mode; closing it gives it back. */
    public Connection connection() throws SQLException {
        return pool().getConnection();
    }

    private AgroalDataSource pool() throws SQLException {
        AgroalDataSource p = pool;
        if (p == null) {
            synchronized (this) {
                if (pool == null) {
                    pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                            .connectionPoolConfiguration(cp -> cp.minSize(0).maxSize(MAX_CONNECTIONS)
                                    .acquisitionTimeout(Duration.ofSeconds(30)).reapTimeout(Duration.ofMinutes(5))
                                    .connectionFactoryConfiguration(cf -> {
                                        cf.jdbcUrl(jdbcUrl).autoCommit(true).jdbcProperty("ApplicationName", "octo-receipt-writer");
                                        user.ifPresent(u -> cf.principal(new NamePrincipal(u)));
                                        password.ifPresent(pw -> cf.credential(new SimplePassword(pw)));
                                        return cf;
                                    })));
                }
                p = pool;
            }
        }
        return p;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
