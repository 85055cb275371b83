package io.cipherocto.webhooks.dispatch;

import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.RoleLifecycle;
import io.cipherocto.platform.chain.ChainAccess;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;

/**
 * Starts the {@link Dispatcher} on its own thread (the shared {@link RoleLifecycle}) where the {@code webhooks} role
 * runs and the chain can be read (octo.rpc-url, for the head block's number and timestamp); otherwise records why
 * not ({@link #offReason()}).
 */
@ApplicationScoped
public class WebhookDispatcherBoot {
    private static final Logger LOG = Logger.getLogger(WebhookDispatcherBoot.class);

    @Inject
    NodeRoles roles;

    @Inject
    ChainAccess chain;

    @Inject
    Pool pool;

    @Inject
    IndexedEvents indexed;

    @ConfigProperty(name = "octo.webhooks.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "octo.webhooks.poll-interval", defaultValue = "2s")
    Duration pollInterval;

    @ConfigProperty(name = "octo.webhooks.ending-soon", defaultValue = "3600")
    long endingSoonSeconds;

    @ConfigProperty(name = "octo.webhooks.retry-base", defaultValue = "10s")
    Duration retryBase;

    @ConfigProperty(name = "octo.webhooks.retry-max", defaultValue = "1h")
    Duration retryMax;

    @ConfigProperty(name = "octo.webhooks.max-attempts", defaultValue = "12")
    int maxAttempts;

    @ConfigProperty(name = "octo.webhooks.timeout", defaultValue = "10s")
    Duration timeout;

    @ConfigProperty(name = "octo.webhooks.batch", defaultValue = "50")
    int batch;

    @ConfigProperty(name = "octo.webhooks.from-block")
    Optional<Long> fromBlock;

    @ConfigProperty(name = "octo.webhooks.delivery-retention", defaultValue = "30d")
    Duration deliveryRetention;

    @ConfigProperty(name = "octo.webhooks.retention-batch", defaultValue = "1000")
    int retentionBatch;

    @ConfigProperty(name = "octo.webhooks.confirmations", defaultValue = "12")
    long confirmations;

    @ConfigProperty(name = "octo.webhooks.allow-private-targets", defaultValue = "false")
    boolean allowPrivateTargets;

    private final RoleLifecycle lifecycle = new RoleLifecycle(NodeRole.WEBHOOKS, "webhook dispatcher",
            "octo-webhooks", LOG);

    void start(@Observes StartupEvent e) {
        if (!lifecycle.runsOn(roles)) {
            return;
        }
        if (!enabled) {
            lifecycle.off("octo.webhooks.enabled is false");
            return;
        }
        if (chain.rpcUrl().isEmpty()) {
            lifecycle.off("octo.rpc-url is not set (the dispatcher reads the head block)");
            return;
        }
        DispatcherSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException bad) {
            lifecycle.notStarted(bad.getMessage());
            return;
        }
        Dispatcher d = new Dispatcher(pool, indexed, this::head, settings);
        lifecycle.start(d, d::stop);
        LOG.info("webhook dispatcher started");
    }

    DispatcherSettings settings() {
        return new DispatcherSettings(pollInterval, endingSoonSeconds, retryBase, retryMax, maxAttempts, timeout, batch,
                fromBlock, deliveryRetention, retentionBatch, confirmations, new TargetGuard(allowPrivateTargets));
    }

    private ChainHead.Head head() {
        try {
            EthBlock.Block b = chain.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
            if (b == null) {
                throw new IllegalStateException("the chain node returned no latest block");
            }
            return new ChainHead.Head(b.getNumber().longValueExact(), b.getTimestamp().longValueExact());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the head block: " + e.getMessage(), e);
        }
    }

    void stop(@Observes ShutdownEvent e) {
        lifecycle.stop();
    }

    /** Why the dispatcher is not running on this node, when it is not. */
    public Optional<String> offReason() {
        return lifecycle.offReason();
    }
}
