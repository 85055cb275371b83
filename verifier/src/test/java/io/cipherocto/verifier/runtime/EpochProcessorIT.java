package io.cipherocto.verifier.runtime;

import io.cipherocto.verifier.testing.CommittedJobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.sim.ProviderSimulator;
import io.cipherocto.verifier.work.VerifierWorker;
import io.cipherocto.verifier.work.WorkQueue;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/**
 * The verifier role on one epoch, against anvil and PostgreSQL: it records the seed, samples every job (rate 100 %),
 * re-executes them, slashes the cheater through a fail attestation, commits the honest provider's passes, and does
 * none of it twice when run again (also after losing its own record of the epoch).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class EpochProcessorIT {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final Credentials VERIFIER = DevAccounts.get(0);
    private static final Credentials HONEST = DevAccounts.get(1);
    private static final Credentials CHEATER = DevAccounts.get(2);

    private static AnvilNode anvil;
    private static TestDatabase db;
    private static Chain operator;
    private static DeploymentManifest manifest;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
        anvil = AnvilNode.start();
        db = TestDatabase.start("verifier");
        operator = Chain.connect(anvil.web3j(), VERIFIER);
        DeploymentConfig config = DeploymentConfig.dev();
        config.epochLengthBlocks = 200;
        config.samplingRateWad = E18; // every job sampled
        manifest = new SuiteDeployer(operator, config, tmp.resolve("deployment.json")).deploy();
        for (Credentials p : List.of(HONEST, CHEATER)) {
            stake(p);
        }
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
        if (anvil != null) {
            anvil.close();
        }
    }

    private static void stake(Credentials provider) throws Exception {
        String staking = manifest.address(DeploymentManifest.STAKING);
        String octo = manifest.address(DeploymentManifest.OCTO);
        String role = manifest.roleToken(0);
        BigInteger amount = BigInteger.valueOf(1_000).multiply(E18);
        OctoToken.load(octo, operator.web3j(), operator.txManager(), operator.gas()).transfer(provider.getAddress(), amount).send();
        RoleToken.load(role, operator.web3j(), operator.txManager(), operator.gas()).transfer(provider.getAddress(), amount).send();
        Chain c = operator.as(provider);
        StakingManager.load(staking, c.web3j(), c.txManager(), c.gas()).registerProvider(BigInteger.ZERO).send();
        OctoToken.load(octo, c.web3j(), c.txManager(), c.gas()).approve(staking, amount).send();
        RoleToken.load(role, c.web3j(), c.txManager(), c.gas()).approve(staking, amount).send();
        StakingManager.load(staking, c.web3j(), c.txManager(), c.gas()).stake(BigInteger.ZERO, amount, amount).send();
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void closedEpoch_isSampledReExecutedAndAttested_cheaterSlashed_andNothingIsDoneTwice() throws Exception {
        AttestationRegistry registry = AttestationRegistry.load(manifest.address(DeploymentManifest.ATTESTATIONS),
                operator.web3j(), operator.txManager(), operator.gas());
        StakingManager staking = StakingManager.load(manifest.address(DeploymentManifest.STAKING), operator.web3j(),
                operator.txManager(), operator.gas());
        JobExecutor executor = new JobExecutor(new CpuBackend());
        ProviderSimulator sim = new ProviderSimulator(Hash.sha3("epoch-it".getBytes()), List.of(
                new ProviderSimulator.Provider(HONEST.getAddress(), 0, 0),
                new ProviderSimulator.Provider(CHEATER.getAddress(), 0, 1000)), executor);
        List<Job> jobs = new ArrayList<>();
        sim.jobs(0, 6).forEach(j -> jobs.add(j.job()));
        long honestJobs = jobs.stream().filter(j -> j.provider().equalsIgnoreCase(HONEST.getAddress())).count();
        long cheats = jobs.size() - honestJobs;
        assertThat(honestJobs).isPositive();
        assertThat(cheats).isPositive();

        var domain = Attestation.domain(manifest.chainId(), manifest.address(DeploymentManifest.ATTESTATIONS));
        WorkQueue queue = new WorkQueue(db.pool());
        CommittedJobs committed = new CommittedJobs().add(jobs);
        EpochProcessor processor = new EpochProcessor(registry, db.pool(), queue,
                new VerifierWorker("it", queue, new ReExecutor(executor), 4, Duration.ofSeconds(30)),
                committed, new AttestationSigner(VERIFIER, domain), domain);

        long closing = registry.closingBlock(BigInteger.ZERO).send().longValueExact();
        assertThat(processor.process(0, anvil.blockNumber().longValueExact())).isEqualTo(EpochProcessor.Outcome.NOT_CLOSED);
        anvil.mine(closing - anvil.blockNumber().longValueExact() + 1);
        BigInteger cheaterBefore = staking.providerStake(CHEATER.getAddress(), BigInteger.ZERO).send().octo;
        // Closed but not committed by settlement: no seed can exist yet, the epoch waits (never skipped).
        assertThat(processor.process(0, anvil.blockNumber().longValueExact())).isEqualTo(EpochProcessor.Outcome.WORKING);
        assertThat(registry.epochSeed(BigInteger.ZERO).send()).isEqualTo(new byte[32]);
        committed.commit(operator, manifest, 0);

        assertThat(processor.process(0, anvil.blockNumber().longValueExact())).isEqualTo(EpochProcessor.Outcome.DONE);

        assertThat(registry.epochSeed(BigInteger.ZERO).send()).isNotEqualTo(new byte[32]);
        assertThat(registry.failedInEpoch(BigInteger.ZERO, CHEATER.getAddress()).send()).isTrue();
        assertThat(registry.failedInEpoch(BigInteger.ZERO, HONEST.getAddress()).send()).isFalse();
        // One slash per (provider, role, epoch), queued: the stake is frozen, then slashed after the veto window.
        assertThat(staking.providerStake(CHEATER.getAddress(), BigInteger.ZERO).send().octo).isEqualTo(cheaterBefore);
        assertThat(staking.frozen(CHEATER.getAddress(), BigInteger.ZERO).send()).isTrue();
        anvil.increaseTime(registry.vetoWindow().send().longValueExact() + 1);
        assertThat(registry.executeSlash(io.cipherocto.verifier.cosign.FailAttestationSubmitter.slashId(0,
                CHEATER.getAddress(), 0)).send().isStatusOK()).isTrue();
        BigInteger cheaterAfter = staking.providerStake(CHEATER.getAddress(), BigInteger.ZERO).send().octo;
        assertThat(cheaterAfter).as("slashed once in the epoch").isEqualTo(cheaterBefore.subtract(cheaterBefore.divide(BigInteger.TEN)));
        assertThat(staking.providerStake(HONEST.getAddress(), BigInteger.ZERO).send().octo)
                .isEqualTo(BigInteger.valueOf(1_000).multiply(E18));
        assertThat(registry.passCommitment(BigInteger.ZERO, VERIFIER.getAddress()).send().count)
                .isEqualTo(BigInteger.valueOf(honestJobs));

        // Again: nothing new. Then again after losing the epoch record (a crash after the transactions): still nothing.
        BigInteger block = anvil.blockNumber();
        assertThat(processor.process(0, block.longValueExact())).isEqualTo(EpochProcessor.Outcome.DONE);
        try (var c = db.jdbc()) {
            c.createStatement().execute("UPDATE verifier.epochs SET status = 'sampling' WHERE epoch = 0");
        }
        assertThat(processor.process(0, anvil.blockNumber().longValueExact())).isEqualTo(EpochProcessor.Outcome.DONE);
        assertThat(anvil.blockNumber()).as("no transaction sent the second and third time").isEqualTo(block);
        assertThat(staking.providerStake(CHEATER.getAddress(), BigInteger.ZERO).send().octo).isEqualTo(cheaterAfter);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void honestProvider_acrossManyEpochs_isNeverSlashed_andEveryEpochsPassesAreCommitted() throws Exception {
        AttestationRegistry registry = AttestationRegistry.load(manifest.address(DeploymentManifest.ATTESTATIONS),
                operator.web3j(), operator.txManager(), operator.gas());
        StakingManager staking = StakingManager.load(manifest.address(DeploymentManifest.STAKING), operator.web3j(),
                operator.txManager(), operator.gas());
        JobExecutor executor = new JobExecutor(new CpuBackend());
        ProviderSimulator honest = new ProviderSimulator(Hash.sha3("many-epochs".getBytes()),
                List.of(new ProviderSimulator.Provider(HONEST.getAddress(), 0, 0)), executor);
        var domain = Attestation.domain(manifest.chainId(), manifest.address(DeploymentManifest.ATTESTATIONS));
        WorkQueue queue = new WorkQueue(db.pool());
        CommittedJobs committed = new CommittedJobs();
        for (long epoch = 1; epoch <= 5; epoch++) {
            committed.add(honest.jobs(epoch, 4).stream().map(ProviderSimulator.SimulatedJob::job).toList());
        }
        EpochProcessor processor = new EpochProcessor(registry, db.pool(), queue,
                new VerifierWorker("it-many", queue, new ReExecutor(executor), 4, Duration.ofSeconds(30)),
                committed, new AttestationSigner(VERIFIER, domain), domain);
        BigInteger stakeBefore = staking.providerStake(HONEST.getAddress(), BigInteger.ZERO).send().octo;
        for (long epoch = 1; epoch <= 5; epoch++) {
            long closing = registry.closingBlock(BigInteger.valueOf(epoch)).send().longValueExact();
            long head = anvil.blockNumber().longValueExact();
            if (head <= closing) {
                anvil.mine(closing - head + 1);
            }
            committed.commit(operator, manifest, epoch);
            assertThat(processor.process(epoch, anvil.blockNumber().longValueExact())).isEqualTo(EpochProcessor.Outcome.DONE);
            assertThat(registry.failedInEpoch(BigInteger.valueOf(epoch), HONEST.getAddress()).send()).as("epoch %d", epoch).isFalse();
            assertThat(registry.passCommitment(BigInteger.valueOf(epoch), VERIFIER.getAddress()).send().count)
                    .as("passes of epoch %d", epoch).isEqualTo(BigInteger.valueOf(4));
        }
        assertThat(staking.providerStake(HONEST.getAddress(), BigInteger.ZERO).send().octo).isEqualTo(stakeBefore);
    }
}
