package io.cipherocto.settlement.support;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.devkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Embedded PostgreSQL (settlement, indexer and verifier migrations) and a fresh anvil with the suite deployed by dev
 * account #0 (also the settlement operator and the only verifier, quorum 1). Epochs are {@value #EPOCH_LENGTH} blocks,
 * every receipt is sampled (samplingRateWad = 1e18) and roots activate at once (activation delay 0), so one test can
 * settle, attest, slash and claim.
 */
public class SettlementTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final long EPOCH_LENGTH = 60;

    public static volatile AnvilNode anvil;
    public static volatile TestDatabase db;
    public static volatile DeploymentManifest manifest;

    @Override
    public Map<String, String> start() {
        db = TestDatabase.start("settlement", "indexer", "verifier");
        anvil = AnvilNode.start();
        Path dir;
        try {
            dir = Files.createTempDirectory("octo-settlement-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path manifestPath = dir.resolve("deployment.json");
        DeploymentConfig config = DeploymentConfig.dev();
        config.epochLengthBlocks = EPOCH_LENGTH;
        config.samplingRateWad = BigInteger.TEN.pow(18);
        config.activationDelaySeconds = 0L;
        manifest = new SuiteDeployer(Chain.connect(anvil.web3j(), DevAccounts.get(0)), config, manifestPath).deploy();
        return Map.of(
                "octo.rpc-url", anvil.rpcUrl(),
                "octo.manifest", manifestPath.toString(),
                "quarkus.datasource.reactive.url", db.reactiveUrl());
    }

    @Override
    public void stop() {
        if (anvil != null) {
            anvil.close();
        }
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                // After Quarkus has shut down, closing TestDatabase's Mutiny Vertx fails (no context manager left)
                // before it stops the server: stop the server directly.
                db.server().close();
            }
        }
    }
}
