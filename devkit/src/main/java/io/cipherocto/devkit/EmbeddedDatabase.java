package io.cipherocto.devkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * An embedded PostgreSQL 17 (zonky binaries) for {@code octo start-dev} and the integration tests. With a data
 * directory the database survives restarts; without one it lives in a temporary folder that is removed on close.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** A throw-away database on a free port. */
    public static EmbeddedDatabase startTemporary() {
        return start(Optional.empty(), 0);
    }

    /**
     * Starts PostgreSQL. {@code dataDirectory} present: data kept there and reused, with fsync; {@code port} 0: a free
     * port. A throw-away database runs without fsync (tests), unless the system property {@code octo.db.fsync} is
     * {@code true}: benchmarks whose figures promise "durable before the answer" set it.
     */
    public static EmbeddedDatabase start(Optional<Path> dataDirectory, int port) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        try {
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", dataDirectory.isPresent() || Boolean.getBoolean("octo.db.fsync") ? "on" : "off");
            if (dataDirectory.isPresent()) {
                Files.createDirectories(dataDirectory.get());
                b.setDataDirectory(dataDirectory.get()).setCleanDataDirectory(false);
            }
            if (port > 0) {
                b.setPort(port);
            }
            EmbeddedPostgres pg = b.start();
            LOG.infof("PostgreSQL on port %d%s", pg.getPort(), dataDirectory.map(d -> " (data in " + d + ")").orElse(""));
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** The URL the Quarkus reactive PostgreSQL client takes. */
    public String reactiveUrl() {
        return "postgresql://localhost:" + port() + "/" + DATABASE;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("stopping embedded PostgreSQL failed", e);
        }
    }
}
