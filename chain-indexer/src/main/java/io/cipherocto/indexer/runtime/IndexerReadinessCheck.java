package io.cipherocto.indexer.runtime;

import io.cipherocto.indexer.sync.Indexer;
import io.cipherocto.indexer.sync.IndexerStatus;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the indexer runs (backfilling or following) and is at most {@code octo.indexer.ready-max-lag} blocks
 * behind the head, or stands by while another node's indexer holds the writer lock (a second node on the same database
 * serves the API and takes over when the first stops; its readiness must not take it out of a load balancer); down with
 * the reason while paused (RPC or database) or failed.
 */
@Readiness
@ApplicationScoped
public class IndexerReadinessCheck implements HealthCheck {
    @Inject
    IndexerService service;

    @Inject
    NodeRoles roles;

    @ConfigProperty(name = "octo.indexer.ready-max-lag", defaultValue = "256")
    long maxLag;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("indexer");
        if (!roles.runs(NodeRole.INDEXER)) {
            return r.up().withData("role", "off").build();
        }
        if (service.indexer().isEmpty()) {
            return r.down().withData("reason", service.offReason().orElse("not started")).build();
        }
        Indexer i = service.indexer().get();
        IndexerStatus s = i.status();
        if (s.state() == IndexerStatus.State.WAITING_FOR_LOCK) {
            return r.up().withData("state", "STANDBY").withData("reason", s.detail()).build();
        }
        long head = i.metrics().head();
        long indexed = i.metrics().indexed();
        long lag = Math.max(0, head - indexed);
        r.withData("state", s.state().name()).withData("head", head).withData("indexedBlock", indexed).withData("lag", lag);
        if (!s.healthy()) {
            return r.down().withData("reason", s.detail()).build();
        }
        if (lag > maxLag) {
            return r.down().withData("reason", "lag " + lag + " blocks > octo.indexer.ready-max-lag " + maxLag).build();
        }
        return r.up().build();
    }
}
