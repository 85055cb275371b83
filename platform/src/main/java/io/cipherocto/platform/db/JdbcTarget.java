package io.cipherocto.platform.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The node's database as a JDBC target, for the writers that need {@code COPY}, which the reactive client does not
 * offer (the indexer's writer session, settlement's receipt writer): the same database and credentials as the pool.
 */
@ApplicationScoped
public class JdbcTarget {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    Optional<String> reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> user;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> password;

    /**
     * {@code quarkus.datasource.jdbc.url} when set, else the reactive URL ({@code postgresql://...}, optionally with
     * {@code vertx-reactive:} in front) with {@code jdbc:} in front; empty when neither is set.
     */
    public Optional<String> url() {
        return jdbcUrl.or(() -> reactiveUrl.map(u -> "jdbc:" + u.replaceFirst("^vertx-reactive:", "")));
    }

    public Optional<String> user() {
        return user;
    }

    public Optional<String> password() {
        return password;
    }
}
