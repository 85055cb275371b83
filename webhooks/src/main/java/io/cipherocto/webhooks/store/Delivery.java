package io.cipherocto.webhooks.store;

import java.time.OffsetDateTime;
import java.util.Optional;

/** One entry of a subscription's delivery log: one event, all its attempts so far. */
public record Delivery(long id, String eventId, String event, String status, int attempts, Optional<Integer> lastStatusCode,
        Optional<String> lastError, Optional<OffsetDateTime> nextAttemptAt, Optional<OffsetDateTime> deliveredAt,
        OffsetDateTime createdAt) {
}
