package io.cipherocto.webhooks.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code webhooks.deliveries} as the delivery log reads it, for Hibernate Reactive ({@link DeliveryRepository}).
 * Read-only: the dispatcher writes deliveries with set-based SQL in the outbox's transactions ({@link Outbox}).
 */
@Entity
@Immutable
@Table(schema = "webhooks", name = "deliveries")
public class DeliveryEntity {
    @Id
    @Column(name = "id")
    Long id;

    @Column(name = "subscription_id")
    UUID subscriptionId;

    @Column(name = "event_id")
    String eventId;

    @Column(name = "event_type")
    String eventType;

    @Column(name = "status")
    String status;

    @Column(name = "attempts")
    int attempts;

    @Column(name = "last_status_code")
    Integer lastStatusCode;

    @Column(name = "last_error")
    String lastError;

    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;

    @Column(name = "delivered_at")
    Instant deliveredAt;

    @Column(name = "created_at")
    Instant createdAt;

    /** For Hibernate. */
    protected DeliveryEntity() {
    }

    /** The log entry as the API shows it (times in UTC, as the reactive client reads them). */
    Delivery toDelivery() {
        return new Delivery(id, eventId, eventType, status, attempts, Optional.ofNullable(lastStatusCode),
                Optional.ofNullable(lastError), Optional.ofNullable(nextAttemptAt).map(DeliveryEntity::utc),
                Optional.ofNullable(deliveredAt).map(DeliveryEntity::utc), utc(createdAt));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
