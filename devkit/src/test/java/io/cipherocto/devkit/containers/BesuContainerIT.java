package io.cipherocto.devkit.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.StakingManager;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * The suite deploys on Besu, not only on anvil: a single-validator QBFT chain (the consensus of the docker/ test
 * network, same genesis settings: Cancun EVM, free gas) in a pinned Besu container, {@link SuiteDeployer} over its
 * JSON-RPC with legacy transactions, then view calls on the deployed contracts. Skipped where no Docker daemon runs.
 *
 * <p>Image: {@code -Docto.besu.image=hyperledger/besu:<version>} overrides the pinned one.
 */
@Testcontainers(disabledWithoutDocker = true)
class BesuContainerIT {
    static final String IMAGE = System.getProperty("octo.besu.image", "hyperledger/besu:25.11.0");
    static final long CHAIN_ID = 1337;
    static final int RPC_PORT = 8545;
    /** The validator's node key: a public test key from the Besu documentation. Never use it elsewhere. */
    static final String NODE_KEY = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";

    @Container
    static final GenericContainer<?> BESU = new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCopyToContainer(Transferable.of(genesis()), "/config/genesis.json")
            .withCopyToContainer(Transferable.of(NODE_KEY), "/config/key")
            .withCommand(
                    "--genesis-file=/config/genesis.json",
                    "--node-private-key-file=/config/key",
                    "--data-path=/tmp/besu",
                    "--profile=ENTERPRISE",
                    "--discovery-enabled=false",
                    "--rpc-http-enabled",
                    "--rpc-http-host=0.0.0.0",
                    "--rpc-http-port=" + RPC_PORT,
                    "--rpc-http-api=ETH,NET,QBFT,WEB3,TXPOOL",
                    "--host-allowlist=*",
                    "--rpc-http-cors-origins=all",
                    "--min-gas-price=0",
                    "--revert-reason-enabled=true")
            .withExposedPorts(RPC_PORT)
            .waitingFor(Wait.forHttp("/liveness").forPort(RPC_PORT).forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(3)));

    private static Web3j web3j;

    @TempDir
    static Path tmp;

    static String genesis() {
        String validator = Credentials.create(NODE_KEY).getAddress();
        List<String> funded = DevAccounts.PRIVATE_KEYS.stream().map(k -> Credentials.create(k).getAddress()).toList();
        return QbftGenesis.json(CHAIN_ID, 1, List.of(validator), funded);
    }

    @BeforeAll
    static void connect() {
        web3j = Web3j.build(new HttpService("http://" + BESU.getHost() + ":" + BESU.getMappedPort(RPC_PORT)));
    }

    @AfterAll
    static void disconnect() {
        if (web3j != null) {
            web3j.shutdown();
        }
    }

    private static long blockNumber() throws Exception {
        return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    }

    @Test
    void suiteDeploysOverJsonRpc_andViewCallsAnswer() throws Exception {
        // The single validator seals blocks on its own.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (blockNumber() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(blockNumber()).as("QBFT blocks; Besu log:%n%s", BESU.getLogs()).isGreaterThanOrEqualTo(2);
        assertThat(web3j.ethChainId().send().getChainId()).isEqualTo(BigInteger.valueOf(CHAIN_ID));

        Chain chain = Chain.connect(web3j, DevAccounts.get(0));
        DeploymentConfig config = DeploymentConfig.dev();
        config.epochLengthBlocks = 10;
        Path manifestPath = tmp.resolve("deployment.json");
        DeploymentManifest manifest = new SuiteDeployer(chain, config, manifestPath).deploy();

        assertThat(manifest.complete()).isTrue();
        assertThat(manifest.chainId()).isEqualTo(CHAIN_ID);
        assertThat(manifest.roleTokens()).hasSize(8).doesNotHaveDuplicates();
        for (String address : manifest.contracts().values()) {
            assertThat(chain.hasCode(address)).as("code at %s", address).isTrue();
        }

        OctoToken octo = OctoToken.load(manifest.address(DeploymentManifest.OCTO), web3j, chain.txManager(), chain.gas());
        assertThat(octo.symbol().send()).isEqualTo("OCTO");
        assertThat(octo.totalSupply().send()).isEqualTo(config.octoInitialSupply);
        StakingManager staking = StakingManager.load(manifest.address(DeploymentManifest.STAKING), web3j,
                chain.txManager(), chain.gas());
        assertThat(staking.slasher().send()).isEqualToIgnoringCase(manifest.address(DeploymentManifest.ATTESTATIONS));
        assertThat(staking.hasRole(SuiteDeployer.GOVERNANCE_ROLE, manifest.address(DeploymentManifest.TIMELOCK)).send())
                .isTrue();

        // Re-running against the same chain confirms the deployment instead of deploying again.
        assertThat(new SuiteDeployer(chain, DeploymentConfig.dev(), manifestPath).deploy()).isEqualTo(manifest);
    }
}
