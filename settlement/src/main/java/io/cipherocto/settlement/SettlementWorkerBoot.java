package io.cipherocto.settlement;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.RoleLifecycle;
import io.cipherocto.settlement.epoch.EpochComputer;
import io.cipherocto.settlement.epoch.EpochSettler;
import io.cipherocto.settlement.epoch.SettlementWorker;
import io.cipherocto.settlement.epoch.SettlerSettings;
import io.cipherocto.settlement.publish.PublicationStore;
import io.cipherocto.settlement.publish.PublishHooks;
import io.cipherocto.settlement.publish.Publisher;
import io.cipherocto.platform.OwnUrl;
import io.cipherocto.settlement.bundle.BundleBuilder;
import io.cipherocto.settlement.bundle.BundleFiles;
import io.cipherocto.settlement.verdict.ChainVerdicts;
import io.cipherocto.settlement.verdict.VerifierApiPasses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;

/**
 * Starts the {@link SettlementWorker} on its own thread (the shared {@link RoleLifecycle}) where the settlement role
 * runs, the worker is enabled and an operator key is set (octo.settlement.operator-key); otherwise records why not
 * ({@link #offReason()}) and logs a missing key. The key is never logged.
 */
@ApplicationScoped
public class SettlementWorkerBoot {
    private static final Logger LOG = Logger.getLogger(SettlementWorkerBoot.class);

    @Inject
    SettlementRuntime runtime;

    @Inject
    NodeRoles roles;

    private final RoleLifecycle lifecycle = new RoleLifecycle(NodeRole.SETTLEMENT, "settlement worker",
            "settlement-worker", LOG);
    private volatile SettlementWorker worker;

    void start(@Observes StartupEvent e) {
        SettlementConfig config = runtime.config();
        if (!lifecycle.runsOn(roles)) {
            return;
        }
        StandardMerkleTree.warmUp(); // vector hashing compiled before the first large epoch tree (no-op without it)
        if (!config.workerEnabled()) {
            lifecycle.off("octo.settlement.worker-enabled is false");
            return;
        }
        if (config.operatorKey().isEmpty()) {
            lifecycle.notStarted("octo.settlement.operator-key (env OCTO_SETTLEMENT_OPERATOR_KEY) is not set; receipts "
                    + "are accepted but no epoch is settled");
            return;
        }
        lifecycle.start(() -> run(config), this::stopWorker);
        LOG.info("settlement worker started");
    }

    /** Builds the epoch settler and runs the worker (on the lifecycle's thread). */
    private void run(SettlementConfig config) {
        var chain = runtime.chain();
        Credentials operator = Credentials.create(config.operatorKey().get());
        var epochs = runtime.epochStore();
        var settler = new EpochSettler(chain, epochs, new EpochComputer(runtime.receiptStore(), epochs),
                new Publisher(chain, new PublicationStore(runtime.pool()), operator, PublishHooks.NONE,
                        config.receiptTimeout()),
                new io.cipherocto.settlement.chain.ChainWriter(chain, operator),
                new io.cipherocto.settlement.voucher.VoucherStore(runtime.pool()), new SettlerSettings(config.attestationDeadline(),
                        config.emissionPerEpoch(), config.finalityBlocks()),
                new ChainVerdicts(chain, new VerifierApiPasses(this::verifierUrls, Duration.ofSeconds(30))),
                new BundleBuilder(chain, runtime.receiptStore(), epochs),
                new BundleFiles(config.bundleDir().map(Path::of), config.bundleDbMaxBytes()));
        worker = new SettlementWorker(runtime.pool(), chain.chainId(), settler, config.pollInterval());
        worker.run();
    }

    private void stopWorker() {
        SettlementWorker w = worker;
        if (w != null) {
            w.stop();
        }
    }

    /** {@code octo.settlement.verifier-urls}, else this node's own API (its verifier role). */
    private List<String> verifierUrls() {
        List<String> urls = runtime.config().verifierUrls().orElse(List.of()).stream().map(String::trim)
                .filter(u -> !u.isEmpty()).toList();
        return urls.isEmpty() ? List.of(OwnUrl.get()) : urls;
    }

    void stop(@Observes ShutdownEvent e) {
        lifecycle.stop();
    }

    /** Why the settlement worker is not running on this node, when it is not. */
    public Optional<String> offReason() {
        return lifecycle.offReason();
    }
}
