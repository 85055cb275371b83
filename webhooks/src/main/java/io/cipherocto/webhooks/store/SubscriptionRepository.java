package io.cipherocto.webhooks.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscription CRUD for the API over Hibernate Reactive with Panache ({@link SubscriptionEntity}), non-blocking: the
 * API's resource methods return these {@link Uni}s and run on the event loop. Pages are keyset pages by the
 * subscription's sequence. A database without the webhooks tables fails with 503 {@code webhooks_unavailable}.
 */
@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<SubscriptionEntity, UUID> {

    /** How many subscriptions there are. */
    @WithSession
    public Uni<Long> total() {
        return StoreFailures.on(count());
    }

    /** Stores a new subscription with its secret; its creation time and sequence are the database's. */
    @WithTransaction
    public Uni<Subscription> create(String url, List<String> events, Optional<String> filterProvider, String secret) {
        SubscriptionEntity e = SubscriptionEntity.of(UUID.randomUUID(), url, events, filterProvider, secret);
        return StoreFailures.on(persistAndFlush(e).map(SubscriptionEntity::toSubscription));
    }

    /** One subscription, if it exists. */
    @WithSession
    public Uni<Optional<Subscription>> get(UUID id) {
        return StoreFailures.on(findById(id).map(e -> Optional.ofNullable(e).map(SubscriptionEntity::toSubscription)));
    }

    /** Subscriptions after sequence {@code after}, oldest first, at most {@code limit}. */
    @WithSession
    public Uni<List<Subscription>> page(long after, int limit) {
        return StoreFailures.on(find("seq > ?1", Sort.by("seq"), after).range(0, limit - 1).list()
                .map(page -> page.stream().map(SubscriptionEntity::toSubscription).toList()));
    }

    /** Deletes a subscription (its delivery log goes with it: ON DELETE CASCADE); whether it existed. */
    @WithTransaction
    public Uni<Boolean> remove(UUID id) {
        return StoreFailures.on(delete("id = ?1", id).map(n -> n == 1));
    }
}
