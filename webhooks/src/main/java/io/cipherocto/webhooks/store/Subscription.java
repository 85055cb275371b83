package io.cipherocto.webhooks.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A stored subscription (the secret is only ever returned by the create call). */
public record Subscription(UUID id, String url, List<String> events, Optional<String> filterProvider,
        OffsetDateTime createdAt, long seq) {
}
