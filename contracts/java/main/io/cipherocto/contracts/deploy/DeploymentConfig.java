package io.cipherocto.contracts.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What to deploy and how to wire it: token supplies, epoch timing, operators, governance timing and the economic
 * parameters the deployer sets before handing control to the timelock. Amounts are integers in wei (JSON strings
 * or numbers, never decimals). Every field has a default (see docs/economics.md); a JSON file overrides any subset.
 */
public final class DeploymentConfig {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);

    /** OCTO hard cap (default 1,000,000,000 OCTO). */
    public BigInteger octoCap = BigInteger.valueOf(1_000_000_000L).multiply(E18);
    /** Genesis OCTO minted to {@link #octoInitialHolder} (default 100,000,000 OCTO). */
    public BigInteger octoInitialSupply = BigInteger.valueOf(100_000_000L).multiply(E18);
    /** Receives the genesis supplies; default: the deployer. */
    public String octoInitialHolder;
    /** Cap of each role token (default 1,000,000,000; must fit in 96 bits). */
    public BigInteger roleTokenCap = BigInteger.valueOf(1_000_000_000L).multiply(E18);
    /** Genesis supply of each role token, for bootstrapping provider stakes (default 10,000,000). */
    public BigInteger roleTokenInitialSupply = BigInteger.valueOf(10_000_000L).multiply(E18);
    public String roleTokenInitialHolder;

    /** Blocks per epoch (default 100). */
    public long epochLengthBlocks = 100;
    /** First block of epoch 0; default: the block the registry is deployed in. */
    public Long epochGenesisBlock;

    /** Accounts allowed to submit roots (SETTLEMENT_ROLE); default: the deployer. */
    public List<String> settlementOperators = new ArrayList<>();
    /**
     * Accounts that may disable a pending reward root (RewardDistributor GUARDIAN_ROLE, nothing else: a governance
     * proposal is too slow to stop a root within its activation delay); default: none. Production should set a
     * security council multisig.
     */
    public List<String> guardians = new ArrayList<>();
    /** Verifier set; default: the deployer. */
    public List<String> verifiers = new ArrayList<>();
    public int verifierQuorum = 1;

    /** Per-epoch emission cap of each role token (default 100,000). */
    public BigInteger roleEmissionCapPerEpoch = BigInteger.valueOf(100_000L).multiply(E18);
    /** Per-epoch OCTO emission cap (default 0: OCTO rewards come from fees only). */
    public BigInteger octoEmissionCapPerEpoch = BigInteger.ZERO;

    public long timelockMinDelaySeconds = 3600;
    public long votingDelaySeconds = 3600;
    public long votingPeriodSeconds = 3 * 86400;
    /** Voting power (sqrt units) needed to propose. */
    public BigInteger proposalThreshold = BigInteger.ZERO;
    /** Quorum as a fraction of total square-root voting power (default 4%). */
    public BigInteger quorumFractionWad = new BigInteger("40000000000000000");

    /** Optional overrides of contract defaults; null keeps the contract's default. */
    public Long activationDelaySeconds;
    public Long unbondingPeriodSeconds;
    public Long withdrawalDelaySeconds;
    /** How long a matured escrow withdrawal request stays executable before it lapses (contract default 7 days). */
    public Long withdrawalWindowSeconds;
    /** How long a queued slash waits before anyone may execute it, while a guardian may cancel it (default 4 days). */
    public Long slashVetoWindowSeconds;
    public BigInteger samplingRateWad;
    public BigInteger slashFractionWad;
    public BigInteger protocolFeeWad;
    public BigInteger minMemberBond;
    public BigInteger minProviderOctoStake;
    public BigInteger minProviderRoleStake;

    /** Hand every admin and governance role to the timelock and renounce the deployer's (default true). */
    public boolean handOverToTimelock = true;

    /**
     * Development profile: allows the settings the production profile refuses (the deployer as settlement operator
     * or verifier, a verifier quorum below 2, no guardian). Default false; `octo deploy --dev` or {@code "dev": true}.
     */
    public boolean dev;

    /** The production profile's defaults: operators, verifiers (quorum >= 2) and guardians must be configured. */
    public static DeploymentConfig defaults() {
        return new DeploymentConfig();
    }

    /** The defaults with the development profile: every operational role may be the deployer, quorum 1. */
    public static DeploymentConfig dev() {
        DeploymentConfig c = new DeploymentConfig();
        c.dev = true;
        return c;
    }

    public static DeploymentConfig read(Path json) throws IOException {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .readValue(json.toFile(), DeploymentConfig.class);
    }

    /** Fills the deployer-dependent defaults and checks the values; returns this. */
    public DeploymentConfig resolve(String deployer) {
        if (octoInitialHolder == null) {
            octoInitialHolder = deployer;
        }
        if (roleTokenInitialHolder == null) {
            roleTokenInitialHolder = deployer;
        }
        if (settlementOperators.isEmpty()) {
            settlementOperators = List.of(deployer);
        }
        if (verifiers.isEmpty()) {
            verifiers = List.of(deployer);
        }
        require(octoCap.signum() > 0 && octoInitialSupply.compareTo(octoCap) <= 0, "octoInitialSupply must be <= octoCap");
        require(roleTokenCap.signum() > 0 && roleTokenCap.bitLength() <= 96, "roleTokenCap must be > 0 and fit in 96 bits");
        require(roleTokenInitialSupply.compareTo(roleTokenCap) <= 0, "roleTokenInitialSupply must be <= roleTokenCap");
        require(epochLengthBlocks > 0, "epochLengthBlocks must be > 0");
        require(verifierQuorum >= 1 && verifierQuorum <= verifiers.size(), "verifierQuorum must be in 1..verifiers");
        require(quorumFractionWad.signum() >= 0 && quorumFractionWad.compareTo(BigInteger.TEN.pow(18)) <= 0,
                "quorumFractionWad must be in [0, 1e18]");
        require(votingPeriodSeconds > 0, "votingPeriodSeconds must be > 0");
        if (!dev) {
            List<String> unsafe = unsafeSettings(deployer);
            require(unsafe.isEmpty(), "the production profile refuses " + String.join("; ", unsafe)
                    + " (configure them, or deploy with the development profile: --dev / \"dev\": true)");
        }
        return this;
    }

    /** What the production profile refuses for this configuration (empty when it is safe to deploy). */
    public List<String> unsafeSettings(String deployer) {
        List<String> unsafe = new ArrayList<>();
        if (settlementOperators.stream().anyMatch(deployer::equalsIgnoreCase)) {
            unsafe.add("the deployer as settlement operator (settlementOperators)");
        }
        if (verifiers.stream().anyMatch(deployer::equalsIgnoreCase)) {
            unsafe.add("the deployer as verifier (verifiers)");
        }
        if (verifierQuorum < 2) {
            unsafe.add("a verifier quorum below 2 (verifierQuorum " + verifierQuorum + ")");
        }
        if (guardians.isEmpty()) {
            unsafe.add("no guardian (guardians)");
        }
        return unsafe;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("deployment config: " + message);
        }
    }
}
