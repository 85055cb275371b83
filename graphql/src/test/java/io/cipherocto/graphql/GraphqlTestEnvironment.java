package io.cipherocto.graphql;

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
 * Embedded PostgreSQL (settlement, indexer, verifier and governance migrations) and a fresh anvil with the suite deployed
 * by dev account #0, with settlement's test settings (epochs of {@value #EPOCH_LENGTH} blocks, roots active at once) and
 * governance's (voting delay {@value #VOTING_DELAY} s, period {@value #VOTING_PERIOD} s).
 */
public class GraphqlTestEnvironment implements QuarkusTestResourceLifecycleManager {
    public static final long EPOCH_LENGTH = 60;
    public static final long VOTING_DELAY = 10;
    public static final long VOTING_PERIOD = 600;

    public static volatile AnvilNode anvil;
    public static volatile TestDatabase db;
    public static volatile DeploymentManifest manifest;

    @Override
    public Map<String, String> start() {
        db = TestDatabase.start("settlement", "indexer", "verifier", "governance");
        anvil = AnvilNode.start();
        Path dir;
        try {
            dir = Files.createTempDirectory("octo-graphql-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path manifestPath = dir.resolve("deployment.json");
        DeploymentConfig config = DeploymentConfig.dev();
        config.epochLengthBlocks = EPOCH_LENGTH;
        config.samplingRateWad = BigInteger.TEN.pow(18);
        config.activationDelaySeconds = 0L;
        config.timelockMinDelaySeconds = 60;
        config.votingDelaySeconds = VOTING_DELAY;
        config.votingPeriodSeconds = VOTING_PERIOD;
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
                db.server().close();
            }
        }
    }
}
