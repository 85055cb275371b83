package io.cipherocto.verifier.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentConfig;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.deploy.SuiteDeployer;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.verifier.attestation.Attestation;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.attestation.PassCommitment;
import io.cipherocto.verifier.attestation.SignedAttestation;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.reexec.Verdict;
import io.cipherocto.verifier.sampling.SampleRule;
import io.cipherocto.verifier.sim.ProviderSimulator;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The verifier core against the real AttestationRegistry on anvil: the sampling rule and the EIP-712 digest agree with
 * the contract, and a sampled cheating job, re-executed and signed by a quorum of two verifiers, slashes its provider
 * (10 % of both stakes) and pays the finder its share; pass attestations are committed as a Merkle root.
 */
class FailAttestationIT {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger ROLE = BigInteger.ZERO;

    private static AnvilNode anvil;
    private static Chain operator;
    private static DeploymentManifest manifest;
    private static final Credentials PROVIDER = DevAccounts.get(1);
    private static final Credentials V1 = DevAccounts.get(5);
    private static final Credentials V2 = DevAccounts.get(6);
    private static final Credentials FINDER = DevAccounts.get(7); // a verifier that submits without signing

    @TempDir
    static Path tmp;

    @BeforeAll
    static void deploy() {
        anvil = AnvilNode.start();
        operator = Chain.connect(anvil.web3j(), DevAccounts.get(0));
        DeploymentConfig config = DeploymentConfig.defaults();
        config.epochLengthBlocks = 5;
        config.verifiers = List.of(V1.getAddress(), V2.getAddress(), FINDER.getAddress());
        config.verifierQuorum = 2;
        manifest = new SuiteDeployer(operator, config, tmp.resolve("deployment.json")).deploy();
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    private static AttestationRegistry registryAs(Credentials who) {
        Chain c = operator.as(who);
        return AttestationRegistry.load(manifest.address(DeploymentManifest.ATTESTATIONS), c.web3j(), c.txManager(), c.gas());
    }

    private static Eip712Domain domain() {
        return Attestation.domain(operator.chainId(), manifest.address(DeploymentManifest.ATTESTATIONS));
    }

    private static void ok(TransactionReceipt r) {
        assertThat(r.isStatusOK()).as("tx %s", r.getTransactionHash()).isTrue();
    }

    private static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    @Test
    void sampleRule_agreesWithTheContractsIsSampled() throws Exception {
        AttestationRegistry registry = registryAs(operator.credentials());
        BigInteger rate = registry.samplingRateWad().send();
        int sampled = 0;
        for (int i = 0; i < 60; i++) {
            byte[] seed = Hash.sha3(("seed" + i).getBytes());
            byte[] jobId = Hash.sha3(("job" + i).getBytes());
            boolean local = SampleRule.sampled(seed, jobId, rate);
            assertThat(registry.isSampled(seed, jobId).send()).as("pair %d", i).isEqualTo(local);
            sampled += local ? 1 : 0;
        }
        // With the full rate every pair is sampled on both sides (checks the comparison direction too).
        byte[] seed = Hash.sha3("x".getBytes());
        for (int i = 0; i < 5; i++) {
            byte[] jobId = Hash.sha3(("y" + i).getBytes());
            assertThat(SampleRule.sampled(seed, jobId, SampleRule.WAD)).isTrue();
        }
        assertThat(sampled).isLessThan(60);
    }

    @Test
    void attestationDigest_equalsTheContractsDigest() throws Exception {
        AttestationRegistry registry = registryAs(operator.credentials());
        for (boolean passed : new boolean[] {true, false}) {
            Attestation a = new Attestation(123_456_789_012L, Hash.sha3(new byte[] {1}), PROVIDER.getAddress(), 7,
                    Hash.sha3(new byte[] {2}), Hash.sha3(new byte[] {3}), Hash.sha3(new byte[] {4}), passed,
                    Hash.sha3(new byte[] {5}));
            assertThat(registry.attestationDigest(RegistryStructs.toStruct(a)).send()).isEqualTo(a.digest(domain()));
        }
        assertThat(registry.ATTESTATION_TYPEHASH().send()).isEqualTo(Attestation.TYPEHASH);
    }

    @Test
    void sampledCheatingJob_failAttestationWithQuorum_slashesTheProviderAndPaysTheFinder() throws Exception {
        String stakingAddr = manifest.address(DeploymentManifest.STAKING);
        String octoAddr = manifest.address(DeploymentManifest.OCTO);
        String roleTokenAddr = manifest.roleToken(0);
        Chain op = operator;
        ok(OctoToken.load(octoAddr, op.web3j(), op.txManager(), op.gas()).transfer(PROVIDER.getAddress(), octo(5_000)).send());
        ok(RoleToken.load(roleTokenAddr, op.web3j(), op.txManager(), op.gas()).transfer(PROVIDER.getAddress(), octo(500)).send());

        // The provider registers for role 0 and stakes 2,000 OCTO + 200 role token.
        Chain pc = operator.as(PROVIDER);
        StakingManager staking = StakingManager.load(stakingAddr, pc.web3j(), pc.txManager(), pc.gas());
        ok(staking.registerProvider(ROLE).send());
        ok(OctoToken.load(octoAddr, pc.web3j(), pc.txManager(), pc.gas()).approve(stakingAddr, octo(2_000)).send());
        ok(RoleToken.load(roleTokenAddr, pc.web3j(), pc.txManager(), pc.gas()).approve(stakingAddr, octo(200)).send());
        ok(staking.stake(ROLE, octo(2_000), octo(200)).send());

        // Epoch 0 closes; anyone records its seed.
        AttestationRegistry asFinder = registryAs(FINDER);
        BigInteger closing = asFinder.closingBlock(BigInteger.ZERO).send();
        while (anvil.blockNumber().compareTo(closing) <= 0) {
            anvil.mine();
        }
        ok(asFinder.recordEpochSeed(BigInteger.ZERO).send());
        byte[] seed = asFinder.epochSeed(BigInteger.ZERO).send();
        BigInteger rate = asFinder.epochSamplingRateWad(BigInteger.ZERO).send();

        // The provider cheats on every job; the verifier finds one of its jobs in the epoch's sample set.
        ProviderSimulator sim = new ProviderSimulator(Hash.sha3("it".getBytes()),
                List.of(new ProviderSimulator.Provider(PROVIDER.getAddress(), 0, 1000)), new JobExecutor(new CpuBackend()));
        ProviderSimulator.SimulatedJob job = null;
        for (int i = 0; i < 2_000 && job == null; i++) {
            ProviderSimulator.SimulatedJob j = sim.job(0, i);
            if (SampleRule.sampled(seed, j.job().jobId(), rate)) {
                job = j;
            }
        }
        assertThat(job).as("a sampled job among 2,000 at rate %s", rate).isNotNull();
        assertThat(asFinder.isSampledInEpoch(BigInteger.ZERO, job.job().jobId()).send()).isTrue();

        Verdict verdict = new ReExecutor(new JobExecutor(new CpuBackend())).verify(job.job());
        assertThat(verdict.passed()).isFalse();
        Attestation attestation = verdict.attestation();

        List<SignedAttestation> signed = List.of(new AttestationSigner(V2, domain()).sign(attestation),
                new AttestationSigner(V1, domain()).sign(attestation));
        List<byte[]> quorum = AttestationSigner.quorumSignatures(signed);
        AttestationRegistry.Attestation struct = RegistryStructs.toStruct(attestation);

        // One signature is below the quorum of two; the registry refuses.
        assertThatThrownBy(() -> asFinder.submitFailAttestation(struct, List.of(quorum.get(0))).send())
                .hasMessageContaining("revert");

        OctoToken octo = OctoToken.load(octoAddr, op.web3j(), op.txManager(), op.gas());
        RoleToken role = RoleToken.load(roleTokenAddr, op.web3j(), op.txManager(), op.gas());
        BigInteger finderOctoBefore = octo.balanceOf(FINDER.getAddress()).send();
        BigInteger finderRoleBefore = role.balanceOf(FINDER.getAddress()).send();

        ok(asFinder.submitFailAttestation(struct, quorum).send());

        // 10 % slashed from both stakes; the finder gets 20 % of what was slashed.
        StakingManager.ProviderStake after = staking.providerStake(PROVIDER.getAddress(), ROLE).send();
        assertThat(after.octo).isEqualTo(octo(1_800));
        assertThat(after.roleAmount).isEqualTo(octo(180));
        assertThat(octo.balanceOf(FINDER.getAddress()).send().subtract(finderOctoBefore)).isEqualTo(octo(40));
        assertThat(role.balanceOf(FINDER.getAddress()).send().subtract(finderRoleBefore)).isEqualTo(octo(4));
        assertThat(asFinder.slashed(BigInteger.ZERO, job.job().jobId()).send()).isTrue();
        assertThat(asFinder.failedInEpoch(BigInteger.ZERO, PROVIDER.getAddress()).send()).isTrue();

        // The same job cannot be slashed twice.
        assertThatThrownBy(() -> asFinder.submitFailAttestation(struct, quorum).send()).hasMessageContaining("revert");

        // Honest jobs of the epoch: pass verdicts, committed by verifier V1 as a Merkle root over their digests.
        ProviderSimulator honest = new ProviderSimulator(Hash.sha3("honest".getBytes()),
                List.of(new ProviderSimulator.Provider(DevAccounts.get(2).getAddress(), 0, 0)),
                new JobExecutor(new CpuBackend()));
        ReExecutor re = new ReExecutor(new JobExecutor(new CpuBackend()));
        List<Attestation> passes = honest.jobs(0, 6).stream().map(j -> re.verify(j.job()))
                .peek(v -> assertThat(v.passed()).isTrue()).map(Verdict::attestation).toList();
        PassCommitment commitment = PassCommitment.of(0, passes, domain());
        ok(registryAs(V1).commitPassAttestations(BigInteger.ZERO, commitment.root(),
                BigInteger.valueOf(commitment.count())).send());
        AttestationRegistry.PassCommitment onChain = asFinder.passCommitment(BigInteger.ZERO, V1.getAddress()).send();
        assertThat(onChain.attestationsRoot).isEqualTo(commitment.root());
        assertThat(onChain.count).isEqualTo(BigInteger.valueOf(6));
        byte[] digest = asFinder.attestationDigest(RegistryStructs.toStruct(passes.get(4))).send();
        assertThat(PassCommitment.verify(onChain.attestationsRoot, digest, commitment.proof(digest))).isTrue();
    }
}
