package io.cipherocto.contracts.deploy;

import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.PaymentEscrow;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.contracts.generated.TimelockController;
import io.cipherocto.contracts.generated.Treasury;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;

/**
 * Deploys and wires the whole suite on any Ethereum JSON-RPC chain, then hands control to the timelock.
 *
 * <p>Safe to re-run: the manifest is written after every deployment, so a second run continues where the first
 * stopped (a crash between sending a deployment and recording it leaves at most one unreferenced contract); every
 * wiring step reads the chain first and only sends what is missing. A manifest for another chain, or one whose
 * contracts have no code (a reset dev chain), is refused with {@link StaleManifestException}.
 */
public final class SuiteDeployer {
    private static final Logger LOG = Logger.getLogger(SuiteDeployer.class);
    public static final byte[] DEFAULT_ADMIN_ROLE = new byte[32];
    public static final byte[] GOVERNANCE_ROLE = role("GOVERNANCE_ROLE");
    public static final byte[] MINTER_ROLE = role("MINTER_ROLE");
    public static final byte[] SETTLEMENT_ROLE = role("SETTLEMENT_ROLE");
    /** RewardDistributor role that may only disable a pending root (the contract has no getter for it). */
    public static final byte[] GUARDIAN_ROLE = role("GUARDIAN_ROLE");
    public static final byte[] FEE_NOTIFIER_ROLE = role("FEE_NOTIFIER_ROLE");
    public static final byte[] PROPOSER_ROLE = role("PROPOSER_ROLE");
    public static final byte[] CANCELLER_ROLE = role("CANCELLER_ROLE");
    public static final byte[] EXECUTOR_ROLE = role("EXECUTOR_ROLE");
    public static final String[] ROLE_SUFFIXES = {"A", "S", "B", "O", "W", "D", "M", "N"};
    public static final String[] ROLE_NAMES = {"Compute", "Storage", "Bandwidth", "Orchestration", "Wholesale",
        "Developers", "Marketing", "Node Operators"};

    private final Chain chain;
    private final DeploymentConfig config;
    private final Path manifestPath;
    private DeploymentManifest manifest;

    public SuiteDeployer(Chain chain, DeploymentConfig config, Path manifestPath) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.config = Objects.requireNonNull(config, "config").resolve(chain.address());
        this.manifestPath = Objects.requireNonNull(manifestPath, "manifestPath");
    }

    private static byte[] role(String name) {
        return Hash.sha3(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Deploys what is missing, wires what is not wired, and returns the complete manifest. */
    public DeploymentManifest deploy() {
        try {
            manifest = loadOrStart();
            if (manifest.complete()) {
                LOG.infof("suite already deployed on chain %d (manifest %s)", manifest.chainId(), manifestPath);
                return manifest;
            }
            deployContracts();
            wire();
            if (config.handOverToTimelock) {
                handOver();
            }
            save(manifest.completed());
            LOG.infof("suite deployed on chain %d from block %d; manifest %s", manifest.chainId(), manifest.deployBlock(), manifestPath);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DeploymentManifest loadOrStart() throws IOException {
        Optional<DeploymentManifest> existing = DeploymentManifest.readIfExists(manifestPath);
        if (existing.isPresent()) {
            DeploymentManifest m = existing.get();
            if (m.chainId() != chain.chainId()) {
                throw new StaleManifestException("manifest " + manifestPath + " is for chain " + m.chainId()
                        + ", the endpoint is chain " + chain.chainId());
            }
            for (Map.Entry<String, String> e : m.contracts().entrySet()) {
                if (!chain.hasCode(e.getValue())) {
                    throw new StaleManifestException("manifest " + manifestPath + " lists " + e.getKey() + " at "
                            + e.getValue() + " but the chain has no code there (was the chain reset?)");
                }
            }
            return m;
        }
        return new DeploymentManifest(chain.chainId(), chain.blockNumber(), chain.address(), new LinkedHashMap<>(),
                List.of(), 0, config.epochLengthBlocks, false);
    }

    private void deployContracts() throws IOException {
        String me = chain.address();
        OctoToken octo = deployed(DeploymentManifest.OCTO, OctoToken::load, () -> OctoToken.deploy(chain.web3j(),
                chain.txManager(), chain.gas(), me, config.octoCap, config.octoInitialHolder, config.octoInitialSupply));
        List<String> roleTokens = new ArrayList<>();
        for (int r = 0; r < ROLE_SUFFIXES.length; r++) {
            int role = r;
            RoleToken t = deployed("RoleToken.OCTO-" + ROLE_SUFFIXES[r], RoleToken::load, () -> RoleToken.deploy(
                    chain.web3j(), chain.txManager(), chain.gas(), "CipherOcto " + ROLE_NAMES[role],
                    "OCTO-" + ROLE_SUFFIXES[role], BigInteger.valueOf(role), config.roleTokenCap, me,
                    config.roleTokenInitialHolder, config.roleTokenInitialSupply));
            roleTokens.add(t.getContractAddress());
        }
        save(manifest.withRoleTokens(roleTokens));
        Treasury treasury = deployed(DeploymentManifest.TREASURY, Treasury::load,
                () -> Treasury.deploy(chain.web3j(), chain.txManager(), chain.gas(), octo.getContractAddress(), me));
        PaymentEscrow escrow = deployed(DeploymentManifest.ESCROW, PaymentEscrow::load,
                () -> PaymentEscrow.deploy(chain.web3j(), chain.txManager(), chain.gas(), octo.getContractAddress(), me));
        StakingManager staking = deployed(DeploymentManifest.STAKING, StakingManager::load, () -> StakingManager.deploy(
                chain.web3j(), chain.txManager(), chain.gas(), octo.getContractAddress(), roleTokens, me));
        long genesis = config.epochGenesisBlock != null ? config.epochGenesisBlock : chain.blockNumber() + 1;
        if (manifest.find(DeploymentManifest.ATTESTATIONS).isEmpty()) {
            save(manifest.withEpochs(genesis, config.epochLengthBlocks));
        }
        AttestationRegistry registry = deployed(DeploymentManifest.ATTESTATIONS, AttestationRegistry::load, () -> AttestationRegistry.deploy(
                chain.web3j(), chain.txManager(), chain.gas(), staking.getContractAddress(),
                BigInteger.valueOf(manifest.epochGenesisBlock()), BigInteger.valueOf(manifest.epochLength()), me));
        deployed(DeploymentManifest.REWARDS, RewardDistributor::load, () -> RewardDistributor.deploy(chain.web3j(),
                chain.txManager(), chain.gas(), octo.getContractAddress(), escrow.getContractAddress(),
                treasury.getContractAddress(), registry.getContractAddress(), me));
        TimelockController timelock = deployed(DeploymentManifest.TIMELOCK, TimelockController::load,
                () -> TimelockController.deploy(chain.web3j(), chain.txManager(), chain.gas(),
                        BigInteger.valueOf(config.timelockMinDelaySeconds), List.of(),
                        List.of("0x0000000000000000000000000000000000000000"), me));
        deployed(DeploymentManifest.GOVERNOR, OctoGovernor::load, () -> OctoGovernor.deploy(chain.web3j(),
                chain.txManager(), chain.gas(), staking.getContractAddress(), timelock.getContractAddress(),
                BigInteger.valueOf(config.votingDelaySeconds), BigInteger.valueOf(config.votingPeriodSeconds),
                config.proposalThreshold, config.quorumFractionWad));
    }

    /** Loads {@code name} from the manifest, or deploys it and records it at once. */
    private <C extends Contract> C deployed(String name, Loader<C> loader, Supplier<org.web3j.protocol.core.RemoteCall<C>> deploy)
            throws IOException {
        Optional<String> existing = manifest.find(name);
        if (existing.isPresent()) {
            return loader.load(existing.get(), chain.web3j(), chain.txManager(), chain.gas());
        }
        try {
            C c = deploy.get().send();
            LOG.infof("deployed %-28s %s", name, c.getContractAddress());
            save(manifest.with(name, c.getContractAddress()));
            return c;
        } catch (Exception e) {
            throw new DeploymentException("deploying " + name + " failed: " + e.getMessage(), e);
        }
    }

    private void wire() {
        DeploymentManifest m = manifest;
        String rewards = m.address(DeploymentManifest.REWARDS);
        OctoToken octo = load(OctoToken::load, m.address(DeploymentManifest.OCTO));
        Treasury treasury = load(Treasury::load, m.address(DeploymentManifest.TREASURY));
        PaymentEscrow escrow = load(PaymentEscrow::load, m.address(DeploymentManifest.ESCROW));
        StakingManager staking = load(StakingManager::load, m.address(DeploymentManifest.STAKING));
        AttestationRegistry registry = load(AttestationRegistry::load, m.address(DeploymentManifest.ATTESTATIONS));
        RewardDistributor distributor = load(RewardDistributor::load, rewards);
        TimelockController timelock = load(TimelockController::load, m.address(DeploymentManifest.TIMELOCK));
        String governor = m.address(DeploymentManifest.GOVERNOR);

        grant("OCTO minter", octo::hasRole, octo::grantRole, MINTER_ROLE, rewards);
        for (int r = 0; r < ROLE_SUFFIXES.length; r++) {
            RoleToken t = load(RoleToken::load, m.roleToken(r));
            grant("OCTO-" + ROLE_SUFFIXES[r] + " minter", t::hasRole, t::grantRole, MINTER_ROLE, rewards);
            BigInteger cap = config.roleEmissionCapPerEpoch;
            ensure("emission cap OCTO-" + ROLE_SUFFIXES[r], () -> distributor.emissionCap(t.getContractAddress()).send().equals(cap)
                    && distributor.isRewardToken(t.getContractAddress()).send(), () -> distributor.setEmissionCap(t.getContractAddress(), cap));
        }
        if (config.octoEmissionCapPerEpoch.signum() > 0) {
            ensure("emission cap OCTO", () -> distributor.emissionCap(octo.getContractAddress()).send().equals(config.octoEmissionCapPerEpoch),
                    () -> distributor.setEmissionCap(octo.getContractAddress(), config.octoEmissionCapPerEpoch));
        }
        ensure("registry committer", () -> registry.committer().send().equalsIgnoreCase(rewards),
                () -> registry.setCommitter(rewards));
        grant("treasury fee notifier", treasury::hasRole, treasury::grantRole, FEE_NOTIFIER_ROLE, rewards);
        ensure("escrow debitor", () -> escrow.debitor().send().equalsIgnoreCase(rewards), () -> escrow.setDebitor(rewards));
        ensure("staking slasher", () -> staking.slasher().send().equalsIgnoreCase(registry.getContractAddress()),
                () -> staking.setSlasher(registry.getContractAddress()));
        ensure("staking treasury", () -> staking.treasury().send().equalsIgnoreCase(treasury.getContractAddress()),
                () -> staking.setTreasury(treasury.getContractAddress()));
        for (String op : config.settlementOperators) {
            grant("settlement operator " + op, distributor::hasRole, distributor::grantRole, SETTLEMENT_ROLE, op);
        }
        for (String g : config.guardians) {
            grant("reward guardian " + g, distributor::hasRole, distributor::grantRole, GUARDIAN_ROLE, g);
            grant("slash guardian " + g, registry::hasRole, registry::grantRole, GUARDIAN_ROLE, g);
        }
        for (String v : config.verifiers) {
            ensure("verifier " + v, () -> registry.isVerifier(v).send(), () -> registry.setVerifier(v, true));
        }
        BigInteger quorum = BigInteger.valueOf(config.verifierQuorum);
        ensure("verifier quorum", () -> registry.quorum().send().equals(quorum), () -> registry.setQuorum(quorum));
        optional("activation delay", config.activationDelaySeconds, distributor::activationDelay, distributor::setActivationDelay);
        optional("protocol fee", config.protocolFeeWad, distributor::protocolFeeWad, distributor::setProtocolFee);
        optional("unbonding period", config.unbondingPeriodSeconds, staking::unbondingPeriod, staking::setUnbondingPeriod);
        optional("min member bond", config.minMemberBond, staking::minMemberBond, staking::setMinMemberBond);
        optional("withdrawal delay", config.withdrawalDelaySeconds, escrow::withdrawalDelay, escrow::setWithdrawalDelay);
        optional("withdrawal window", config.withdrawalWindowSeconds, escrow::withdrawalWindow, escrow::setWithdrawalWindow);
        optional("slash veto window", config.slashVetoWindowSeconds, registry::vetoWindow, registry::setVetoWindow);
        optional("sampling rate", config.samplingRateWad, registry::samplingRateWad, registry::setSamplingRate);
        optional("slash fraction", config.slashFractionWad, registry::slashFractionWad, registry::setSlashFraction);
        if (config.minProviderOctoStake != null || config.minProviderRoleStake != null) {
            for (int r = 0; r < ROLE_SUFFIXES.length; r++) {
                BigInteger role = BigInteger.valueOf(r);
                StakingManager.RoleMinimums cur = call(() -> staking.roleMinimums(role).send());
                BigInteger minOcto = config.minProviderOctoStake != null ? config.minProviderOctoStake : cur.minOcto;
                BigInteger minRole = config.minProviderRoleStake != null ? config.minProviderRoleStake : cur.minRoleAmount;
                ensure("role minimums " + r, () -> cur.minOcto.equals(minOcto) && cur.minRoleAmount.equals(minRole),
                        () -> staking.setRoleMinimums(role, minOcto, minRole));
            }
        }
        grant("timelock proposer", timelock::hasRole, timelock::grantRole, PROPOSER_ROLE, governor);
        grant("timelock canceller", timelock::hasRole, timelock::grantRole, CANCELLER_ROLE, governor);
    }

    /** Gives GOVERNANCE_ROLE and DEFAULT_ADMIN_ROLE of every governed contract to the timelock; the deployer renounces. */
    private void handOver() {
        DeploymentManifest m = manifest;
        String timelock = m.address(DeploymentManifest.TIMELOCK);
        String me = chain.address();
        List<AccessControlled> governed = new ArrayList<>();
        OctoToken octo = load(OctoToken::load, m.address(DeploymentManifest.OCTO));
        governed.add(new AccessControlled("OctoToken", octo::hasRole, octo::grantRole, octo::renounceRole, false));
        for (int r = 0; r < ROLE_SUFFIXES.length; r++) {
            RoleToken t = load(RoleToken::load, m.roleToken(r));
            governed.add(new AccessControlled("OCTO-" + ROLE_SUFFIXES[r], t::hasRole, t::grantRole, t::renounceRole, false));
        }
        StakingManager s = load(StakingManager::load, m.address(DeploymentManifest.STAKING));
        governed.add(new AccessControlled("StakingManager", s::hasRole, s::grantRole, s::renounceRole, true));
        AttestationRegistry a = load(AttestationRegistry::load, m.address(DeploymentManifest.ATTESTATIONS));
        governed.add(new AccessControlled("AttestationRegistry", a::hasRole, a::grantRole, a::renounceRole, true));
        PaymentEscrow e = load(PaymentEscrow::load, m.address(DeploymentManifest.ESCROW));
        governed.add(new AccessControlled("PaymentEscrow", e::hasRole, e::grantRole, e::renounceRole, true));
        Treasury t = load(Treasury::load, m.address(DeploymentManifest.TREASURY));
        governed.add(new AccessControlled("Treasury", t::hasRole, t::grantRole, t::renounceRole, true));
        RewardDistributor d = load(RewardDistributor::load, m.address(DeploymentManifest.REWARDS));
        governed.add(new AccessControlled("RewardDistributor", d::hasRole, d::grantRole, d::renounceRole, true));
        for (AccessControlled c : governed) {
            if (c.hasGovernanceRole) {
                grant(c.name + " governance", c.hasRole, c.grantRole, GOVERNANCE_ROLE, timelock);
            }
            grant(c.name + " admin", c.hasRole, c.grantRole, DEFAULT_ADMIN_ROLE, timelock);
        }
        for (AccessControlled c : governed) {
            if (c.hasGovernanceRole) {
                renounce(c.name + " governance", c, GOVERNANCE_ROLE, me);
            }
            renounce(c.name + " admin", c, DEFAULT_ADMIN_ROLE, me);
        }
        TimelockController tl = load(TimelockController::load, timelock);
        renounce("timelock admin", new AccessControlled("TimelockController", tl::hasRole, tl::grantRole, tl::renounceRole, false),
                DEFAULT_ADMIN_ROLE, me);
    }

    private void renounce(String what, AccessControlled c, byte[] role, String me) {
        ensure("renounce " + what, () -> !c.hasRole.has(role, me), () -> c.renounceRole.send(role, me));
    }

    private void grant(String what, HasRole has, GrantRole grant, byte[] role, String account) {
        ensure(what, () -> has.has(role, account), () -> grant.send(role, account));
    }

    private <T> void optional(String what, T wanted, Supplier<RemoteFunctionCall<BigInteger>> current,
            java.util.function.Function<BigInteger, RemoteFunctionCall<TransactionReceipt>> set) {
        if (wanted == null) {
            return;
        }
        BigInteger w = wanted instanceof BigInteger b ? b : BigInteger.valueOf(((Number) wanted).longValue());
        ensure(what, () -> current.get().send().equals(w), () -> set.apply(w));
    }

    private void ensure(String what, Check done, Supplier<RemoteFunctionCall<TransactionReceipt>> action) {
        try {
            if (done.ok()) {
                return;
            }
            TransactionReceipt r = action.get().send();
            if (!r.isStatusOK()) {
                throw new DeploymentException(what + ": transaction " + r.getTransactionHash() + " reverted");
            }
            LOG.debugf("wired %s", what);
        } catch (DeploymentException e) {
            throw e;
        } catch (Exception e) {
            throw new DeploymentException(what + " failed: " + e.getMessage(), e);
        }
    }

    private <C extends Contract> C load(Loader<C> loader, String address) {
        return loader.load(address, chain.web3j(), chain.txManager(), chain.gas());
    }

    private static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new DeploymentException(e.getMessage(), e);
        }
    }

    private void save(DeploymentManifest m) throws IOException {
        manifest = m;
        m.write(manifestPath);
    }

    @FunctionalInterface
    interface Loader<C> {
        C load(String address, org.web3j.protocol.Web3j web3j, org.web3j.tx.TransactionManager tm,
                org.web3j.tx.gas.ContractGasProvider gas);
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    @FunctionalInterface
    interface Callable<T> {
        T call() throws Exception;
    }

    @FunctionalInterface
    interface HasRole {
        default boolean has(byte[] role, String account) throws Exception {
            return hasRole(role, account).send();
        }

        RemoteFunctionCall<Boolean> hasRole(byte[] role, String account);
    }

    @FunctionalInterface
    interface GrantRole {
        default RemoteFunctionCall<TransactionReceipt> send(byte[] role, String account) {
            return grantRole(role, account);
        }

        RemoteFunctionCall<TransactionReceipt> grantRole(byte[] role, String account);
    }

    private record AccessControlled(String name, HasRole hasRole, GrantRole grantRole, GrantRole renounceRole,
            boolean hasGovernanceRole) {
    }

    /** A deployment or wiring transaction failed; the message names the step. */
    public static final class DeploymentException extends RuntimeException {
        public DeploymentException(String message) {
            super(message);
        }

        public DeploymentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The manifest does not describe this chain. */
    public static final class StaleManifestException extends RuntimeException {
        public StaleManifestException(String message) {
            super(message);
        }
    }
}
