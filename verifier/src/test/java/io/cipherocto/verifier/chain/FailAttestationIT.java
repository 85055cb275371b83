package io.cipherocto.verifier.chain;

import org.web3j.utils.Numeric;

import io.cipherocto.verifier.cosign.FailAttestationSubmitter;

import io.cipherocto.contracts.merkle.StandardMerkleTree;

import io.cipherocto.contracts.generated.RewardDistributor;

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
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.contracts.protocol.PassCommitment;
import io.cipherocto.verifier.attestation.SignedAttestation;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.reexec.Verdict;
import io.cipherocto.contracts.protocol.SampleRule;
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
 * the contract, and a sampled cheating job whose receipt was committed, re-executed and signed by a quorum of two
 * verifiers, queues a slash of its provider that executes after the veto window (10 % of both stakes) and pays the
 * finder named in the attestation its share; pass attestations are committed as a Merkle root.
 */
class FailAttestationIT {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final BigInteger ROLE = BigInteger.ZERO;
    private static final List<String> RECEIPT_LEAF =
            List.of("bytes32", "address", "uint8", "address", "bytes32", "bytes32", "uint256", "uint256");

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
        DeploymentConfig config = DeploymentConfig.dev();
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

        // The provider cheats on every job. Epoch 0 closes; settlement commits its 300 receipts (fee 0, so no
        // voucher is needed); only then can anyone record the seed (protocol v2).
        ProviderSimulator sim = new ProviderSimulator(Hash.sha3("it".getBytes()),
                List.of(new ProviderSimulator.Provider(PROVIDER.getAddress(), 0, 1000)), new JobExecutor(new CpuBackend()));
        List<ProviderSimulator.SimulatedJob> jobs = new java.util.ArrayList<>();
        List<List<Object>> leaves = new java.util.ArrayList<>();
        String requester = DevAccounts.get(3).getAddress();
        for (int i = 0; i < 300; i++) {
            ProviderSimulator.SimulatedJob j = sim.job(0, i);
            jobs.add(j);
            leaves.add(List.of(Numeric.toHexString(j.job().jobId()), PROVIDER.getAddress(), ROLE, requester,
                    Numeric.toHexString(j.job().spec().specHash()), Numeric.toHexString(j.job().claimedOutputHash()),
                    BigInteger.TEN, BigInteger.ZERO));
        }
        StandardMerkleTree receipts = StandardMerkleTree.of(leaves, RECEIPT_LEAF);
        AttestationRegistry asFinder = registryAs(FINDER);
        BigInteger closing = asFinder.closingBlock(BigInteger.ZERO).send();
        while (anvil.blockNumber().compareTo(closing) <= 0) {
            anvil.mine();
        }
        assertThatThrownBy(() -> asFinder.recordEpochSeed(BigInteger.ZERO).send()).hasMessageContaining("revert");
        RewardDistributor settlement = RewardDistributor.load(manifest.address(DeploymentManifest.REWARDS), op.web3j(),
                op.txManager(), op.gas());
        ok(settlement.commitEpoch(BigInteger.ZERO, receipts.root(), BigInteger.valueOf(300), new byte[32], List.of()).send());
        anvil.mine();
        ok(asFinder.recordEpochSeed(BigInteger.ZERO).send());
        byte[] seed = asFinder.epochSeed(BigInteger.ZERO).send();
        BigInteger rate = asFinder.epochSamplingRateWad(BigInteger.ZERO).send();

        // The verifier finds the sampled committed jobs (at 5 %, 300 jobs miss the sample with probability 2e-7).
        List<Integer> sampledIdx = new java.util.ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            if (SampleRule.sampled(seed, jobs.get(i).job().jobId(), rate)) {
                sampledIdx.add(i);
            }
        }
        assertThat(sampledIdx).as("sampled jobs among 300 at rate %s", rate).isNotEmpty();
        int at = sampledIdx.get(0);
        ProviderSimulator.SimulatedJob job = jobs.get(at);
        assertThat(asFinder.isSampledInEpoch(BigInteger.ZERO, job.job().jobId()).send()).isTrue();

        Verdict verdict = new ReExecutor(new JobExecutor(new CpuBackend())).verify(job.job());
        assertThat(verdict.passed()).isFalse();
        Attestation attestation = verdict.attestation().withFinder(FINDER.getAddress());

        List<SignedAttestation> signed = List.of(new AttestationSigner(V2, domain()).sign(attestation),
                new AttestationSigner(V1, domain()).sign(attestation));
        List<byte[]> quorum = AttestationSigner.quorumSignatures(signed);
        AttestationRegistry.Attestation struct = RegistryStructs.toStruct(attestation);
        AttestationRegistry.ReceiptProof proof = new AttestationRegistry.ReceiptProof(requester, BigInteger.TEN,
                BigInteger.ZERO, receipts.proof(at));

        // One signature is below the quorum of two; the registry refuses.
        assertThatThrownBy(() -> asFinder.submitFailAttestation(struct, proof, List.of(quorum.get(0))).send())
                .hasMessageContaining("revert");
        // A proof of another receipt does not prove this job.
        AttestationRegistry.ReceiptProof wrong = new AttestationRegistry.ReceiptProof(requester, BigInteger.TEN,
                BigInteger.ZERO, receipts.proof(at == 0 ? 1 : 0));
        assertThatThrownBy(() -> asFinder.submitFailAttestation(struct, wrong, quorum).send()).hasMessageContaining("revert");

        OctoToken octo = OctoToken.load(octoAddr, op.web3j(), op.txManager(), op.gas());
        RoleToken role = RoleToken.load(roleTokenAddr, op.web3j(), op.txManager(), op.gas());
        BigInteger finderOctoBefore = octo.balanceOf(FINDER.getAddress()).send();
        BigInteger finderRoleBefore = role.balanceOf(FINDER.getAddress()).send();

        // Submitted by someone else (V2): the finder share still goes to the finder named in the signed struct.
        ok(registryAs(V2).submitFailAttestation(struct, proof, quorum).send());
        assertThat(asFinder.slashed(BigInteger.ZERO, job.job().jobId()).send()).isTrue();
        assertThat(asFinder.failedInEpoch(BigInteger.ZERO, PROVIDER.getAddress()).send()).isTrue();
        // Queued, not executed: the stake is frozen until the veto window has passed.
        assertThat(staking.providerStake(PROVIDER.getAddress(), ROLE).send().octo).isEqualTo(octo(2_000));
        assertThat(staking.frozen(PROVIDER.getAddress(), ROLE).send()).isTrue();
        assertThatThrownBy(() -> staking.requestUnbond(ROLE, octo(1), BigInteger.ZERO).send()).hasMessageContaining("revert");
        byte[] slashId = FailAttestationSubmitter.slashId(0, PROVIDER.getAddress(), 0);
        assertThatThrownBy(() -> asFinder.executeSlash(slashId).send()).hasMessageContaining("revert");
        anvil.increaseTime(asFinder.vetoWindow().send().longValueExact() + 1);
        ok(asFinder.executeSlash(slashId).send());

        // 10 % slashed from both stakes; the finder gets 20 % of what was slashed.
        StakingManager.ProviderStake after = staking.providerStake(PROVIDER.getAddress(), ROLE).send();
        assertThat(after.octo).isEqualTo(octo(1_800));
        assertThat(after.roleAmount).isEqualTo(octo(180));
        assertThat(staking.frozen(PROVIDER.getAddress(), ROLE).send()).isFalse();
        assertThat(octo.balanceOf(FINDER.getAddress()).send().subtract(finderOctoBefore)).isEqualTo(octo(40));
        assertThat(role.balanceOf(FINDER.getAddress()).send().subtract(finderRoleBefore)).isEqualTo(octo(4));

        // The same job cannot be slashed twice, nor can another sampled job of the provider in the same epoch.
        assertThatThrownBy(() -> asFinder.submitFailAttestation(struct, proof, quorum).send()).hasMessageContaining("revert");
        if (sampledIdx.size() > 1) {
            int other = sampledIdx.get(1);
            Attestation second = new ReExecutor(new JobExecutor(new CpuBackend())).verify(jobs.get(other).job()).attestation()
                    .withFinder(FINDER.getAddress());
            List<byte[]> q2 = AttestationSigner.quorumSignatures(List.of(new AttestationSigner(V2, domain()).sign(second),
                    new AttestationSigner(V1, domain()).sign(second)));
            assertThatThrownBy(() -> asFinder.submitFailAttestation(RegistryStructs.toStruct(second),
                    new AttestationRegistry.ReceiptProof(requester, BigInteger.TEN, BigInteger.ZERO, receipts.proof(other)), q2)
                    .send()).hasMessageContaining("revert");
        }

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
