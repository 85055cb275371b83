package io.cipherocto.webhooks.store;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The delivery logs for the API over Hibernate Reactive with Panache ({@link DeliveryEntity}): keyset pages by
 * delivery id over the index {@code deliveries_of_subscription (subscription_id, id)}.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<DeliveryEntity, Long> {

    /** The deliveries of a subscription with id > {@code after}, oldest first, at most {@code limit}. */
    @WithSession
    public Uni<List<Delivery>> page(UUID subscription, long after, int limit) {
        return StoreFailures.on(find("subscriptionId = ?1 and id > ?2", Sort.by("id"), subscription, after)
                .range(0, limit - 1).list().map(page -> page.stream().map(DeliveryEntity::toDelivery).toList()));
    }
}
