package io.cipherocto.devkit;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything {@code octo start-dev} runs beside the service: embedded PostgreSQL (data under {@code <dev>/postgres}),
 * anvil (state saved to {@code <dev>/anvil-state.json} on exit and reloaded), and the deployed suite (manifest
 * {@code <dev>/deployment.json}). Re-running reuses all three; {@code fresh} wipes them first.
 */
public final class DevEnvironment implements AutoCloseable {
    private final EmbeddedDatabase database;
    private final AnvilNode anvil;
    private final DeploymentManifest manifest;
    private final Path manifestPath;

    private DevEnvironment(EmbeddedDatabase database, AnvilNode anvil, DeploymentManifest manifest, Path manifestPath) {
        this.database = database;
        this.anvil = anvil;
        this.manifest = manifest;
        this.manifestPath = manifestPath;
    }

    public static DevEnvironment start(Path devDir, boolean fresh, Consumer<String> progress) {
        Objects.requireNonNull(devDir, "devDir");
        // A node killed with kill -9 leaves anvil and PostgreSQL running on this directory: stop them first (before a
        // --fresh wipe too, or they would keep running on deleted files).
        io.cipherocto.contracts.devnet.StaleProcess.reap(devDir.resolve("anvil.pid"), "anvil", progress);
        io.cipherocto.contracts.devnet.StaleProcess.reap(devDir.resolve("postgres").resolve("postmaster.pid"), "postgres",
                progress);
        if (fresh) {
            progress.accept("wiping " + devDir);
            deleteRecursively(devDir);
        }
        EmbeddedDatabase db = null;
        AnvilNode anvil = null;
        try {
            Files.createDirectories(devDir);
            progress.accept("starting PostgreSQL (data in " + devDir.resolve("postgres") + ")");
            db = EmbeddedDatabase.start(Optional.of(devDir.resolve("postgres")), 0);
            progress.accept("starting anvil");
            // a block every second even without transactions (epochs close), and every transaction mined at once
            anvil = AnvilNode.start(new AnvilNode.Options().statePath(devDir.resolve("anvil-state.json"))
                    .blockTimeSeconds(1).extraArg("--mixed-mining"));
            Path manifestPath = devDir.resolve("deployment.json");
            Chain chain = Chain.connect(anvil.web3j(), DevAccounts.get(0));
            requireCurrentProtocol(chain, manifestPath);
            DeploymentConfig config = devConfig();
            DeploymentManifest manifest;
            try {
                progress.accept("deploying the contract suite (first start only)");
                manifest = new SuiteDeployer(chain, config, manifestPath).deploy();
            } catch (SuiteDeployer.StaleManifestException stale) {
                // anvil lost its state (it died without saving it): the database describes a chain that no longer
                // exists, and an indexer on it would meet a reorg deeper than its finality depth. Both start over.
                progress.accept("chain state was lost (anvil did not save it): wiping the dev database too and redeploying");
                db.close();
                deleteRecursively(devDir.resolve("postgres"));
                db = EmbeddedDatabase.start(Optional.of(devDir.resolve("postgres")), 0);
                Files.deleteIfExists(manifestPath);
                manifest = new SuiteDeployer(chain, devConfig(), manifestPath).deploy();
            }
            return new DevEnvironment(db, anvil, manifest, manifestPath);
        } catch (IOException | RuntimeException e) {
            if (anvil != null) {
                anvil.close();
            }
            if (db != null) {
                db.close();
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Refuses a dev environment whose contracts were deployed by protocol v1 (kept in .octo-dev/ from an older
     * checkout): its RewardDistributor has no {@code registry()}. The services of this checkout cannot drive it, and
     * redeploying under the kept database would mix two protocols' epochs, so the user is told to start fresh.
     */
    static void requireCurrentProtocol(Chain chain, Path manifestPath) throws IOException {
        if (!Files.exists(manifestPath)) {
            return;
        }
        DeploymentManifest m = DeploymentManifest.read(manifestPath);
        java.util.Optional<String> rewards = m.find(DeploymentManifest.REWARDS);
        if (rewards.isEmpty() || !chain.hasCode(rewards.get())) {
            return; // nothing deployed yet, or the chain was reset: the deployer handles both
        }
        String data = org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("registry",
                java.util.List.of(), java.util.List.of()));
        var out = chain.web3j().ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
                null, rewards.get(), data), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send();
        if (out.hasError() || out.isReverted() || out.getValue() == null || out.getValue().length() < 66) {
            throw new IllegalStateException(".octo-dev/ holds contracts of protocol v1 (the RewardDistributor at "
                    + rewards.get() + " has no registry()); this checkout runs protocol v2 (docs/protocol.md): "
                    + "start again with ./octo start-dev --fresh");
        }
    }

    /** Dev account of the governance relayer. */
    public static final int RELAYER_ACCOUNT = 7;
    /** Dev account holding SETTLEMENT_ROLE (posts reward roots). */
    public static final int SETTLEMENT_ACCOUNT = 8;
    /** Dev account registered as the verifier (quorum 1). */
    public static final int VERIFIER_ACCOUNT = 9;

    /** Short timings so a newcomer sees epochs, votes and timelocks complete within minutes. */
    public static DeploymentConfig devConfig() {
        DeploymentConfig c = DeploymentConfig.dev();
        c.epochLengthBlocks = 20;
        c.timelockMinDelaySeconds = 30;
        c.votingDelaySeconds = 5;
        c.votingPeriodSeconds = 120;
        c.activationDelaySeconds = 30L;
        c.unbondingPeriodSeconds = 300L;
        c.withdrawalDelaySeconds = 120L;
        // a queued slash waits 30 s (production: 4 days) before the verifier executes it
        c.slashVetoWindowSeconds = 30L;
        // separate dev accounts per service, so that their transactions never compete for one nonce
        c.settlementOperators = java.util.List.of(DevAccounts.get(SETTLEMENT_ACCOUNT).getAddress());
        c.verifiers = java.util.List.of(DevAccounts.get(VERIFIER_ACCOUNT).getAddress());
        c.verifierQuorum = 1;
        c.guardians = java.util.List.of(DevAccounts.get(0).getAddress());
        return c;
    }

    public EmbeddedDatabase database() {
        return database;
    }

    public AnvilNode anvil() {
        return anvil;
    }

    public DeploymentManifest manifest() {
        return manifest;
    }

    public Path manifestPath() {
        return manifestPath;
    }

    @Override
    public void close() {
        anvil.close();
        database.close();
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
