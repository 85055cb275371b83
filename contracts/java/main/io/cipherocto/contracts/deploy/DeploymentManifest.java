package io.cipherocto.contracts.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the suite lives on one chain: chain id, the block the deployment started in, every contract address and the
 * epoch timing. Written by {@link SuiteDeployer} after every step (atomically: write then rename), read by every
 * service. {@code complete} is true once wiring and hand-over are done.
 */
public record DeploymentManifest(
        long chainId,
        long deployBlock,
        String deployer,
        Map<String, String> contracts,
        List<String> roleTokens,
        long epochGenesisBlock,
        long epochLength,
        boolean complete) {

    public static final String OCTO = "OctoToken";
    public static final String STAKING = "StakingManager";
    public static final String ATTESTATIONS = "AttestationRegistry";
    public static final String ESCROW = "PaymentEscrow";
    public static final String TREASURY = "Treasury";
    public static final String REWARDS = "RewardDistributor";
    public static final String TIMELOCK = "TimelockController";
    public static final String GOVERNOR = "OctoGovernor";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DeploymentManifest {
        contracts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contracts)); // keeps deployment order
        roleTokens = List.copyOf(roleTokens);
    }

    public String address(String contract) {
        String a = contracts.get(contract);
        if (a == null) {
            throw new IllegalStateException("deployment manifest has no " + contract);
        }
        return a;
    }

    public Optional<String> find(String contract) {
        return Optional.ofNullable(contracts.get(contract));
    }

    /** Role token address for role id 0..7 (OCTO-A .. OCTO-N). */
    public String roleToken(int role) {
        return roleTokens.get(role);
    }

    public DeploymentManifest with(String contract, String address) {
        Map<String, String> c = new LinkedHashMap<>(contracts);
        c.put(contract, address);
        return new DeploymentManifest(chainId, deployBlock, deployer, c, roleTokens, epochGenesisBlock, epochLength, complete);
    }

    public DeploymentManifest withRoleTokens(List<String> tokens) {
        return new DeploymentManifest(chainId, deployBlock, deployer, contracts, tokens, epochGenesisBlock, epochLength, complete);
    }

    public DeploymentManifest withEpochs(long genesisBlock, long length) {
        return new DeploymentManifest(chainId, deployBlock, deployer, contracts, roleTokens, genesisBlock, length, complete);
    }

    public DeploymentManifest completed() {
        return new DeploymentManifest(chainId, deployBlock, deployer, contracts, roleTokens, epochGenesisBlock, epochLength, true);
    }

    public static DeploymentManifest read(Path path) throws IOException {
        return JSON.readValue(path.toFile(), DeploymentManifest.class);
    }

    public static Optional<DeploymentManifest> readIfExists(Path path) throws IOException {
        return Files.isRegularFile(path) ? Optional.of(read(path)) : Optional.empty();
    }

    /** Writes atomically: a crash leaves either the old or the new manifest, never half of one. */
    public void write(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".manifest", ".json");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
