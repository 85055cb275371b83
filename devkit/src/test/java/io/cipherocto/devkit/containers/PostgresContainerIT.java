package io.cipherocto.devkit.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * What the node and {@link io.cipherocto.devkit.TestDatabase} do with PostgreSQL, against a real PostgreSQL 17 server
 * in a container (the server of docker/compose.yaml) instead of the embedded one: Flyway migrations configured as
 * {@code TestDatabase.migrate} configures them (classpath {@code db/migration/<module>} locations, out of order
 * allowed, idempotent; the migration here is {@link V1__containers_probe}), a JDBC and a reactive (Mutiny pool, as
 * Quarkus injects it) round trip, and the advisory lock that keeps a second indexer or settlement writer waiting.
 * Skipped where no Docker daemon runs.
 *
 * <p>Image: {@code -Docto.postgres.image=postgres:17.x} overrides the pinned one.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresContainerIT {
    static final String IMAGE = System.getProperty("octo.postgres.image", "postgres:17");

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer(DockerImageName.parse(IMAGE)
            .asCompatibleSubstituteFor("postgres"))
            .withDatabaseName("octo")
            .withUsername("octo")
            .withPassword("octo");

    private static Vertx vertx;
    private static Pool pool;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(POSTGRES.getHost())
                .setPort(POSTGRES.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT))
                .setDatabase(POSTGRES.getDatabaseName())
                .setUser(POSTGRES.getUsername())
                .setPassword(POSTGRES.getPassword());
        pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(4))
                .connectingTo(connect)
                .using(vertx.getDelegate())
                .build());
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.closeAndAwait();
        }
        if (vertx != null) {
            vertx.closeAndAwait();
        }
    }

    private static Flyway flyway() {
        // As TestDatabase.migrate: one classpath location per module, out-of-order allowed; plus the probe migration.
        return Flyway.configure()
                .dataSource(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword())
                .locations("classpath:db/migration/containers_probe")
                .javaMigrations(new V1__containers_probe())
                .outOfOrder(true)
                .load();
    }

    @Test
    void server_isPostgres17() throws Exception {
        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
                ResultSet rs = c.createStatement().executeQuery("show server_version_num")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1) / 10000).as("major version of %s", IMAGE).isEqualTo(17);
        }
    }

    @Test
    void migrations_applyOnceAndRoundTripOverJdbcAndTheReactivePool() throws Exception {
        MigrateResult first = flyway().migrate();
        assertThat(first.success).isTrue();
        MigrateResult again = flyway().migrate();
        assertThat(again.migrationsExecuted).as("migrations are idempotent").isZero();
        assertThat(flyway().info().current().getVersion().getVersion()).isEqualTo("1");
        assertThat(flyway().info().current().getState()).isEqualTo(MigrationState.SUCCESS);

        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword())) {
            c.createStatement().execute("insert into containers_probe.events (block_number, payload)"
                    + " values (7, '{\"event\":\"Staked\",\"amount\":\"1000000000000000000\"}')");
        }

        RowSet<Row> rows = pool.preparedQuery("select block_number, payload ->> 'event' as event,"
                + " (payload ->> 'amount')::numeric as amount from containers_probe.events where block_number = $1")
                .execute(Tuple.of(7L)).await().indefinitely();
        assertThat(rows.rowCount()).isEqualTo(1);
        Row row = rows.iterator().next();
        assertThat(row.getLong("block_number")).isEqualTo(7L);
        assertThat(row.getString("event")).isEqualTo("Staked");
        assertThat(row.getBigDecimal("amount").toBigIntegerExact()).isEqualTo(java.math.BigInteger.TEN.pow(18));

        RowSet<Row> inserted = pool.preparedQuery("insert into containers_probe.events (block_number, payload)"
                + " values ($1, $2::jsonb) returning id")
                .execute(Tuple.of(8L, "{\"event\":\"Claimed\"}")).await().indefinitely();
        assertThat(inserted.iterator().next().getLong("id")).isPositive();
        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
                ResultSet rs = c.createStatement().executeQuery("select count(*) from containers_probe.events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
        }
    }

    @Test
    void advisoryLock_isHeldByOneSessionAtATime() throws Exception {
        long key = 0x6f63746fL; // any bigint: each writer role locks its own key
        try (Connection first = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword());
                Connection second = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword())) {
            assertThat(tryLock(first, key)).isTrue();
            assertThat(tryLock(second, key)).as("a second writer waits").isFalse();
            try (ResultSet rs = first.createStatement().executeQuery("select pg_advisory_unlock(" + key + ")")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
            assertThat(tryLock(second, key)).as("and takes over once the first lets go").isTrue();
        }
    }

    private static boolean tryLock(Connection c, long key) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("select pg_try_advisory_lock(" + key + ")")) {
            assertThat(rs.next()).isTrue();
            return rs.getBoolean(1);
        }
    }
}
