package io.cipherocto.devkit;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;

/**
 * A throw-away PostgreSQL for integration tests and benchmarks: an embedded server on a free port, the modules'
 * Flyway migrations applied exactly as the node applies them, and a reactive (Mutiny) pool like the one Quarkus
 * injects. Close it to stop the server and delete its data.
 *
 * <p>Migrations live in each module under {@code src/main/resources/db/migration/<module>} (one PostgreSQL schema
 * per module); pass the module names: {@code TestDatabase.start("indexer")}.
 */
public final class TestDatabase implements AutoCloseable {
    private EmbeddedDatabase server;
    private final Optional<Path> dataDirectory;
    private final Vertx vertx;
    private Pool pool;

    private TestDatabase(EmbeddedDatabase server, Optional<Path> dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
        this.vertx = Vertx.vertx();
    }

    /**
     * Like {@link #start(String...)} but with the data in {@code dataDirectory}, so that {@link #restartServer()} can
     * stop and start the server (same port, same data) under running clients.
     */
    public static TestDatabase startPersistent(Path dataDirectory, String... modules) {
        return migrated(new TestDatabase(EmbeddedDatabase.start(Optional.of(dataDirectory), 0), Optional.of(dataDirectory)),
                modules);
    }

    /** Stops the server, waits {@code down}, starts it again on the same port with the same data. */
    public synchronized void restartServer(java.time.Duration down) throws InterruptedException {
        Path dir = dataDirectory.orElseThrow(() -> new IllegalStateException("only a persistent TestDatabase restarts"));
        int port = server.port();
        server.close();
        Thread.sleep(down.toMillis());
        server = EmbeddedDatabase.start(Optional.of(dir), port);
    }

    /** Starts a temporary server and migrates the given modules ("indexer", "governance", ...). */
    public static TestDatabase start(String... modules) {
        return migrated(new TestDatabase(EmbeddedDatabase.startTemporary(), Optional.empty()), modules);
    }

    /** Migrates a fresh database, or stops it when the migrations fail. */
    private static TestDatabase migrated(TestDatabase db, String... modules) {
        try {
            db.migrate(modules);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Applies the migrations of these modules (idempotent). */
    public void migrate(String... modules) {
        Objects.requireNonNull(modules, "modules");
        if (modules.length == 0) {
            return;
        }
        Flyway.configure()
                .dataSource(jdbcUrl(), EmbeddedDatabase.USER, "")
                .locations(Arrays.stream(modules).map(m -> "classpath:db/migration/" + m).toArray(String[]::new))
                .outOfOrder(true)
                .load()
                .migrate();
    }

    public EmbeddedDatabase server() {
        return server;
    }

    public String jdbcUrl() {
        return server.jdbcUrl();
    }

    /** For the node's {@code octo.db.url}. */
    public String reactiveUrl() {
        return server.reactiveUrl();
    }

    /** A plain JDBC connection for assertions in tests; close it. */
    public Connection jdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), EmbeddedDatabase.USER, "");
    }

    /** The reactive pool (created on first use, closed with this). */
    public synchronized Pool pool() {
        if (pool == null) {
            pool = newPool(8);
        }
        return pool;
    }

    /** A separate pool, e.g. for a second indexer instance; the caller closes it. */
    public Pool newPool(int size) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost("localhost")
                .setPort(server.port())
                .setDatabase(EmbeddedDatabase.DATABASE)
                .setUser(EmbeddedDatabase.USER)
                .setPassword("");
        return Pool.newInstance(io.vertx.pgclient.PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(size))
                .connectingTo(connect)
                .using(vertx.getDelegate())
                .build());
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.closeAndAwait();
            pool = null;
        }
        vertx.closeAndAwait();
        server.close();
    }
}
