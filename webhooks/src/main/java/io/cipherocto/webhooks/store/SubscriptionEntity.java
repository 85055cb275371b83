package io.cipherocto.webhooks.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code webhooks.subscriptions}, for Hibernate Reactive (the read model behind the API, through
 * {@link SubscriptionRepository}). Flyway owns the table (V6_1); {@code created_at} and {@code seq} are the
 * database's defaults, read back after the insert. The secret is written once and never read through this entity's
 * callers' views.
 */
@Entity
@Table(schema = "webhooks", name = "subscriptions")
public class SubscriptionEntity {
    @Id
    @Column(name = "id")
    UUID id;

    @Column(name = "url", nullable = false)
    String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "events", nullable = false, columnDefinition = "text[]")
    String[] events;

    @Column(name = "filter_provider")
    String filterProvider;

    @Column(name = "secret", nullable = false, updatable = false)
    String secret;

    @Generated
    @Column(name = "created_at", insertable = false, updatable = false)
    Instant createdAt;

    @Generated
    @Column(name = "seq", insertable = false, updatable = false)
    Long seq;

    /** For Hibernate. */
    protected SubscriptionEntity() {
    }

    /** A new subscription to insert (its creation time and sequence come from the database). */
    static SubscriptionEntity of(UUID id, String url, List<String> events, Optional<String> filterProvider, String secret) {
        SubscriptionEntity e = new SubscriptionEntity();
        e.id = Objects.requireNonNull(id, "id");
        e.url = Objects.requireNonNull(url, "url");
        e.events = events.toArray(String[]::new);
        e.filterProvider = filterProvider.orElse(null);
        e.secret = Objects.requireNonNull(secret, "secret");
        return e;
    }

    /** The stored subscription as the API shows it (times in UTC, as the reactive client reads them). */
    Subscription toSubscription() {
        return new Subscription(id, url, List.of(events), Optional.ofNullable(filterProvider),
                createdAt.atOffset(ZoneOffset.UTC), seq);
    }
}
