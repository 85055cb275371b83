package io.cipherocto.governance;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.devkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Embedded PostgreSQL (governance migrations applied) and a fresh anvil with the suite deployed by dev account #0,
 * exactly as in {@link #deploy(AnvilNode, Path)} (deterministic addresses: the test vector's verifyingContract
 * depends on it). Relayer: dev account #8.
 */
public class GovernanceTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final int RELAYER_ACCOUNT = 8;
    public static final long VOTING_DELAY = 10;
    public static final long VOTING_PERIOD = 600;

    private TestDatabase db;
    private AnvilNode anvil;
    private Path dir;

    @Override
    public Map<String, String> start() {
        db = TestDatabase.start();
        db.migrate("governance", "indexer");
        anvil = AnvilNode.start();
        try {
            dir = Files.createTempDirectory("octo-governance-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path manifest = dir.resolve("deployment.json");
        deploy(anvil, manifest);
        return Map.of(
                "octo.rpc-url", anvil.rpcUrl(),
                "octo.manifest", manifest.toString(),
                "quarkus.datasource.reactive.url", db.reactiveUrl(),
                "octo.governance.relayer-key", DevAccounts.PRIVATE_KEYS.get(RELAYER_ACCOUNT));
    }

    /** The deployment every governance test (and the test vector) assumes. */
    public static void deploy(AnvilNode anvil, Path manifest) {
        DeploymentConfig config = DeploymentConfig.dev();
        config.timelockMinDelaySeconds = 60;
        config.votingDelaySeconds = VOTING_DELAY;
        config.votingPeriodSeconds = VOTING_PERIOD;
        new SuiteDeployer(Chain.connect(anvil.web3j(), DevAccounts.get(0)), config, manifest).deploy();
    }

    @Override
    public void stop() {
        if (anvil != null) {
            anvil.close();
        }
        if (db != null) {
            db.close();
        }
    }
}
