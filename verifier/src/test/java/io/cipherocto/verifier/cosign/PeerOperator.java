package io.cipherocto.verifier.cosign;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.devkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * Two verifier operators on one anvil chain: the suite deployed with verifiers {@link #FINDER} and {@link #PEER},
 * quorum 2, every job sampled; two providers staked (1,000 OCTO + 1,000 role token each). The peer is the Quarkus
 * application under test (its own PostgreSQL, its key), the finder runs in the test with its own PostgreSQL.
 */
public class PeerOperator implements QuarkusTestResourceLifecycleManager {
    static final Credentials DEPLOYER = DevAccounts.get(0);
    static final Credentials HONEST = DevAccounts.get(1);
    static final Credentials CHEATER = DevAccounts.get(2);
    static final Credentials FINDER = DevAccounts.get(5);
    static final Credentials PEER = DevAccounts.get(6);
    static final BigInteger STAKE = BigInteger.valueOf(1_000).multiply(BigInteger.TEN.pow(18));

    static volatile AnvilNode anvil;
    static volatile TestDatabase peerDb;
    static volatile TestDatabase finderDb;
    static volatile DeploymentManifest manifest;
    static volatile Chain operator;

    @Override
    public Map<String, String> start() {
        anvil = AnvilNode.start();
        peerDb = TestDatabase.start("verifier");
        finderDb = TestDatabase.start("verifier");
        Path dir;
        try {
            dir = Files.createTempDirectory("octo-cosign-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path manifestPath = dir.resolve("deployment.json");
        operator = Chain.connect(anvil.web3j(), DEPLOYER);
        DeploymentConfig config = DeploymentConfig.dev();
        config.epochLengthBlocks = 200;
        config.samplingRateWad = BigInteger.TEN.pow(18); // every job sampled
        config.verifiers = List.of(FINDER.getAddress(), PEER.getAddress());
        config.verifierQuorum = 2;
        manifest = new SuiteDeployer(operator, config, manifestPath).deploy();
        try {
            for (Credentials p : List.of(HONEST, CHEATER)) {
                stake(p);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "octo.rpc-url", anvil.rpcUrl(),
                "octo.manifest", manifestPath.toString(),
                "octo.verifier.key", org.web3j.utils.Numeric.toHexStringWithPrefixZeroPadded(PEER.getEcKeyPair().getPrivateKey(), 64),
                "quarkus.datasource.reactive.url", peerDb.reactiveUrl());
    }

    private static void stake(Credentials provider) throws Exception {
        String staking = manifest.address(DeploymentManifest.STAKING);
        String octo = manifest.address(DeploymentManifest.OCTO);
        String role = manifest.roleToken(0);
        OctoToken.load(octo, operator.web3j(), operator.txManager(), operator.gas()).transfer(provider.getAddress(), STAKE).send();
        RoleToken.load(role, operator.web3j(), operator.txManager(), operator.gas()).transfer(provider.getAddress(), STAKE).send();
        Chain c = operator.as(provider);
        StakingManager.load(staking, c.web3j(), c.txManager(), c.gas()).registerProvider(BigInteger.ZERO).send();
        OctoToken.load(octo, c.web3j(), c.txManager(), c.gas()).approve(staking, STAKE).send();
        RoleToken.load(role, c.web3j(), c.txManager(), c.gas()).approve(staking, STAKE).send();
        StakingManager.load(staking, c.web3j(), c.txManager(), c.gas()).stake(BigInteger.ZERO, STAKE, STAKE).send();
    }

    @Override
    public void stop() {
        if (anvil != null) {
            anvil.close();
        }
        for (TestDatabase db : new TestDatabase[] {peerDb, finderDb}) {
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException e) {
                    // after Quarkus has shut down, closing the Mutiny Vertx fails: stop the server directly
                    db.server().close();
                }
            }
        }
    }
}
