package io.cipherocto.indexer.runtime;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.indexer.rpc.ChainRpc;
import io.cipherocto.indexer.store.IndexerStore;
import io.cipherocto.indexer.store.WriterConnections;
import io.cipherocto.indexer.sync.ContractSet;
import io.cipherocto.indexer.sync.Indexer;
import io.cipherocto.indexer.sync.IndexerConfig;
import io.cipherocto.indexer.sync.IndexerMetrics;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.RoleLifecycle;
import io.cipherocto.platform.chain.ChainAccess;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link Indexer} on its own thread when this node has the indexer role (settings {@code octo.indexer.*},
 * docs/operations.md), through the shared {@link RoleLifecycle}. Without a chain or a manifest it stays off and
 * readiness says why.
 */
@ApplicationScoped
public class IndexerService {
    private static final Logger LOG = Logger.getLogger(IndexerService.class);

    @Inject
    NodeRoles roles;

    @Inject
    ChainAccess chain;

    @Inject
    Pool pool;

    @Inject
    MeterRegistry registry;

    /** The writer session opens its own JDBC connection (COPY), to the same database as the pool. */
    @Inject
    io.cipherocto.platform.db.JdbcTarget database;

    @ConfigProperty(name = "octo.indexer.finality-depth", defaultValue = "64")
    int finalityDepth;

    @ConfigProperty(name = "octo.indexer.poll-interval", defaultValue = "1s")
    Duration pollInterval;

    @ConfigProperty(name = "octo.indexer.target-logs-per-request", defaultValue = "10000")
    int targetLogs;

    @ConfigProperty(name = "octo.indexer.max-range-blocks", defaultValue = "5000")
    int maxRange;

    @ConfigProperty(name = "octo.indexer.rpc-timeout", defaultValue = "30s")
    Duration rpcTimeout;

    @ConfigProperty(name = "octo.indexer.start-block")
    Optional<Long> startBlock;

    private final RoleLifecycle lifecycle = new RoleLifecycle(NodeRole.INDEXER, "indexer", "octo-indexer", LOG);
    private volatile Optional<Indexer> indexer = Optional.empty();
    private volatile IndexerStore store;
    private ChainRpc rpc;

    void onStart(@Observes StartupEvent event) {
        if (!lifecycle.runsOn(roles)) {
            return;
        }
        if (chain.rpcUrl().isEmpty()) {
            lifecycle.off("octo.rpc-url is not set");
            return;
        }
        DeploymentManifest manifest;
        try {
            manifest = chain.manifest();
        } catch (RuntimeException e) {
            lifecycle.notStarted(e.getMessage());
            return;
        }
        IndexerConfig config = IndexerConfig.defaults().withFinalityDepth(finalityDepth).withPollInterval(pollInterval)
                .withRpcTimeout(rpcTimeout).withTargetLogs(targetLogs, maxRange);
        if (startBlock.isPresent()) {
            config = config.withStartBlock(startBlock.get());
        }
        EventCatalog catalog = EventCatalog.suite();
        rpc = new ChainRpc(chain.rpcUrl().get(), config.rpcTimeout(), config.headerConcurrency());
        Optional<String> writerUrl = database.url();
        if (writerUrl.isEmpty()) {
            lifecycle.off("neither quarkus.datasource.jdbc.url nor quarkus.datasource.reactive.url is set");
            return;
        }
        store = new IndexerStore(pool, WriterConnections.of(writerUrl.get(), database.user().orElse(null), database.password().orElse(null)),
                manifest.chainId(), catalog);
        Indexer i = new Indexer(rpc, store, catalog, ContractSet.of(manifest), config, new IndexerMetrics(registry),
                manifest.deployBlock());
        indexer = Optional.of(i);
        lifecycle.start(i, i::stop);
        LOG.infof("indexer started: chain %d, finality depth %d, from block %d", manifest.chainId(), finalityDepth,
                config.startBlock().orElse(manifest.deployBlock()));
    }

    void onStop(@Observes ShutdownEvent event) {
        lifecycle.stop();
        if (rpc != null) {
            rpc.close();
        }
    }

    public Optional<Indexer> indexer() {
        return indexer;
    }

    /** Why the indexer is not running, when it is not. */
    public Optional<String> offReason() {
        return lifecycle.offReason();
    }

    public Optional<IndexerStore> store() {
        return Optional.ofNullable(store);
    }
}
