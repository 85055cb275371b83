package io.cipherocto.contracts.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.PaymentEscrow;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Deploys the whole suite to anvil through the generated wrappers (the deployer hands every role to the timelock)
 * and runs one epoch end to end: register, stake, deposit, submit and fund a root, claim with a proof, propose,
 * vote by signature, queue, execute.
 */
class SuiteEpochIT {
    private static final BigInteger E18 = BigInteger.TEN.pow(18);
    private static final List<String> LEAF = List.of("address", "address", "uint256");

    private static AnvilNode anvil;
    private static Chain operator; // deployer, settlement operator, relayer
    private static DeploymentManifest manifest;
    private static Path manifestPath;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void deploy() {
        anvil = AnvilNode.start();
        operator = Chain.connect(anvil.web3j(), DevAccounts.get(0));
        DeploymentConfig config = DeploymentConfig.dev();
        config.timelockMinDelaySeconds = 60;
        config.votingDelaySeconds = 10;
        config.votingPeriodSeconds = 300;
        config.epochLengthBlocks = 10;
        config.guardians = List.of(DevAccounts.get(9).getAddress());
        manifestPath = tmp.resolve("deployment.json");
        manifest = new SuiteDeployer(operator, config, manifestPath).deploy();
    }

    @AfterAll
    static void stop() {
        if (anvil != null) {
            anvil.close();
        }
    }

    private static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    private static OctoToken octoAs(Credentials who) {
        Chain c = operator.as(who);
        return OctoToken.load(manifest.address(DeploymentManifest.OCTO), c.web3j(), c.txManager(), c.gas());
    }

    private static void ok(TransactionReceipt r) {
        assertThat(r.isStatusOK()).as("tx %s", r.getTransactionHash()).isTrue();
    }

    @Test
    void deploy_isIdempotentAndRefusesAStaleManifest() throws Exception {
        DeploymentManifest again = new SuiteDeployer(operator, DeploymentConfig.dev(), manifestPath).deploy();
        assertThat(again).isEqualTo(manifest);
        assertThat(manifest.complete()).isTrue();
        assertThat(manifest.roleTokens()).hasSize(8).doesNotHaveDuplicates();

        Path foreign = tmp.resolve("foreign.json");
        new DeploymentManifest(999, 1, operator.address(), manifest.contracts(), manifest.roleTokens(), 1, 10, true).write(foreign);
        assertThatThrownBy(() -> new SuiteDeployer(operator, DeploymentConfig.dev(), foreign).deploy())
                .isInstanceOf(SuiteDeployer.StaleManifestException.class).hasMessageContaining("chain 999");
    }

    @Test
    void deploy_handsEveryRoleToTheTimelock() throws Exception {
        String timelock = manifest.address(DeploymentManifest.TIMELOCK);
        String me = operator.address();
        StakingManager staking = StakingManager.load(manifest.address(DeploymentManifest.STAKING), operator.web3j(),
                operator.txManager(), operator.gas());
        assertThat(staking.hasRole(SuiteDeployer.GOVERNANCE_ROLE, timelock).send()).isTrue();
        assertThat(staking.hasRole(SuiteDeployer.GOVERNANCE_ROLE, me).send()).isFalse();
        assertThat(staking.hasRole(SuiteDeployer.DEFAULT_ADMIN_ROLE, me).send()).isFalse();
        assertThat(staking.slasher().send()).isEqualToIgnoringCase(manifest.address(DeploymentManifest.ATTESTATIONS));
        OctoToken octo = octoAs(DevAccounts.get(0));
        assertThat(octo.hasRole(SuiteDeployer.MINTER_ROLE, manifest.address(DeploymentManifest.REWARDS)).send()).isTrue();
        assertThat(octo.hasRole(SuiteDeployer.MINTER_ROLE, me).send()).isFalse();
        RewardDistributor rewards = RewardDistributor.load(manifest.address(DeploymentManifest.REWARDS), operator.web3j(),
                operator.txManager(), operator.gas());
        assertThat(rewards.hasRole(SuiteDeployer.GUARDIAN_ROLE, DevAccounts.get(9).getAddress()).send()).isTrue();
        assertThat(rewards.hasRole(SuiteDeployer.SETTLEMENT_ROLE, me).send()).isTrue();
        assertThat(rewards.hasRole(SuiteDeployer.GOVERNANCE_ROLE, me).send()).isFalse();
    }

    @Test
    void oneEpoch_registerStakeDepositSettleClaimAndGovern() throws Exception {
        Credentials provider = DevAccounts.get(1);
        Credentials requester = DevAccounts.get(2);
        Credentials alice = DevAccounts.get(3);
        Credentials bob = DevAccounts.get(4);
        OctoToken octoOp = octoAs(DevAccounts.get(0));
        String octoAddr = manifest.address(DeploymentManifest.OCTO);
        String computeToken = manifest.roleToken(0);
        Chain opChain = operator;
        RoleToken computeOp = RoleToken.load(computeToken, opChain.web3j(), opChain.txManager(), opChain.gas());

        // Genesis holders fund the actors.
        ok(octoOp.transfer(provider.getAddress(), octo(10_000)).send());
        ok(octoOp.transfer(requester.getAddress(), octo(50_000)).send());
        ok(octoOp.transfer(alice.getAddress(), octo(10_000)).send());
        ok(octoOp.transfer(bob.getAddress(), octo(40_000)).send());
        ok(computeOp.transfer(provider.getAddress(), octo(1_000)).send());

        // 1. The provider registers for compute and dual-stakes OCTO + OCTO-A.
        Chain pc = operator.as(provider);
        String stakingAddr = manifest.address(DeploymentManifest.STAKING);
        StakingManager staking = StakingManager.load(stakingAddr, pc.web3j(), pc.txManager(), pc.gas());
        ok(staking.registerProvider(BigInteger.ZERO).send());
        ok(octoAs(provider).approve(stakingAddr, octo(2_000)).send());
        ok(RoleToken.load(computeToken, pc.web3j(), pc.txManager(), pc.gas()).approve(stakingAddr, octo(200)).send());
        ok(staking.stake(BigInteger.ZERO, octo(2_000), octo(200)).send());
        assertThat(staking.isActiveProvider(provider.getAddress(), BigInteger.ZERO).send()).isTrue();

        // 2. The requester deposits into the escrow.
        Chain rc = operator.as(requester);
        String escrowAddr = manifest.address(DeploymentManifest.ESCROW);
        ok(octoAs(requester).approve(escrowAddr, octo(5_000)).send());
        PaymentEscrow escrow = PaymentEscrow.load(escrowAddr, rc.web3j(), rc.txManager(), rc.gas());
        ok(escrow.deposit(octo(5_000)).send());
        assertThat(escrow.balanceOf(requester.getAddress()).send()).isEqualTo(octo(5_000));

        // 3. Settlement commits epoch 0 once it has closed: the receipts root (one receipt) and the requester's fees,
        //    authorised by the requester's voucher; the escrow reserves them. Then the seed, then the root:
        //    1,000 OCTO of fees (5% protocol fee) and 500 OCTO-A of emissions.
        BigInteger fee = octo(1_000);
        BigInteger providerFees = octo(950);
        BigInteger emission = octo(500);
        String rewardsAddr = manifest.address(DeploymentManifest.REWARDS);
        RewardDistributor rewardsOp = RewardDistributor.load(rewardsAddr, opChain.web3j(), opChain.txManager(), opChain.gas());
        AttestationRegistry registryOp = AttestationRegistry.load(manifest.address(DeploymentManifest.ATTESTATIONS),
                opChain.web3j(), opChain.txManager(), opChain.gas());
        long closing = registryOp.closingBlock(BigInteger.ZERO).send().longValueExact();
        long head = opChain.blockNumber();
        if (head <= closing) {
            anvil.mine(closing - head + 1);
        }
        byte[] jobId = Hash.sha3("job-0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] specHash = Hash.sha3("spec".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] outputHash = Hash.sha3("output".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        StandardMerkleTree receipts = StandardMerkleTree.of(List.of(List.of(Numeric.toHexString(jobId), provider.getAddress(),
                BigInteger.ZERO, requester.getAddress(), Numeric.toHexString(specHash), Numeric.toHexString(outputHash),
                BigInteger.valueOf(1_000), fee)), List.of("bytes32", "address", "uint8", "address", "bytes32", "bytes32",
                "uint256", "uint256"));
        assertThat(Numeric.toHexString(receipts.root())).isEqualTo(Numeric.toHexString(registryOp.receiptLeaf(jobId,
                provider.getAddress(), BigInteger.ZERO, requester.getAddress(), specHash, outputHash, BigInteger.valueOf(1_000),
                fee).send())); // a one-leaf tree's root is its leaf: Java and the registry build the same leaf
        var voucherDomain = io.cipherocto.contracts.eip712.Voucher.domain(operator.chainId(), escrowAddr);
        byte[] voucherSig = Signatures.sign(new io.cipherocto.contracts.eip712.Voucher(requester.getAddress(), 0, fee)
                .digest(voucherDomain), requester.getEcKeyPair());
        assertThat(escrow.voucherDigest(requester.getAddress(), BigInteger.ZERO, fee).send())
                .isEqualTo(new io.cipherocto.contracts.eip712.Voucher(requester.getAddress(), 0, fee).digest(voucherDomain));
        ok(rewardsOp.commitEpoch(BigInteger.ZERO, receipts.root(), BigInteger.ONE, new byte[32], List.of(
                new RewardDistributor.Authorization(requester.getAddress(), fee, fee, voucherSig))).send());
        assertThat(escrow.balanceOf(requester.getAddress()).send()).isEqualTo(octo(4_000));
        assertThat(escrow.reservedOf(BigInteger.ZERO, requester.getAddress()).send()).isEqualTo(fee);
        ok(registryOp.recordEpochSeed(BigInteger.ZERO).send());

        StandardMerkleTree tree = StandardMerkleTree.of(List.of(
                List.of(provider.getAddress(), octoAddr, providerFees),
                List.of(provider.getAddress(), computeToken, emission),
                List.of(DevAccounts.get(5).getAddress(), computeToken, BigInteger.ZERO)), LEAF);
        BigInteger treasuryBefore = octoOp.balanceOf(manifest.address(DeploymentManifest.TREASURY)).send();
        ok(rewardsOp.submitRoot(BigInteger.ZERO, tree.root(), new byte[32], List.of(computeToken), List.of(emission)).send());
        assertThat(rewardsOp.totalFunded(octoAddr).send()).isEqualTo(providerFees);
        assertThat(rewardsOp.totalFunded(computeToken).send()).isEqualTo(emission);
        // The treasury got the 50 OCTO protocol fee and burned its share of it.
        BigInteger treasuryGain = octoOp.balanceOf(manifest.address(DeploymentManifest.TREASURY)).send().subtract(treasuryBefore);
        assertThat(treasuryGain).isPositive().isLessThanOrEqualTo(octo(50));

        // 4. After the activation delay the provider claims with its proof.
        anvil.increaseTime(3601);
        Chain pcl = operator.as(provider);
        RewardDistributor rewardsP = RewardDistributor.load(rewardsAddr, pcl.web3j(), pcl.txManager(), pcl.gas());
        BigInteger before = octoOp.balanceOf(provider.getAddress()).send();
        ok(rewardsP.claim(provider.getAddress(), octoAddr, providerFees, tree.proof(0)).send());
        assertThat(octoOp.balanceOf(provider.getAddress()).send().subtract(before)).isEqualTo(providerFees);
        ok(rewardsP.claim(provider.getAddress(), computeToken, emission, tree.proof(1)).send());
        assertThat(rewardsP.claimed(provider.getAddress(), computeToken).send()).isEqualTo(emission);
        // A second claim of the same cumulative amount pays nothing (reverts).
        assertThatThrownBy(() -> rewardsP.claim(provider.getAddress(), octoAddr, providerFees, tree.proof(0)).send())
                .hasMessageContaining("revert");

        // 5. Governance: two members with 10,000 and 40,000 OCTO of stake.
        for (Credentials m : List.of(alice, bob)) {
            Chain mc = operator.as(m);
            BigInteger amount = octoAs(m).balanceOf(m.getAddress()).send();
            ok(octoAs(m).approve(stakingAddr, amount).send());
            ok(StakingManager.load(stakingAddr, mc.web3j(), mc.txManager(), mc.gas()).registerMember(amount).send());
        }
        anvil.increaseTime(1);

        // Proposal: raise the reward activation delay to 2 hours, through the timelock.
        String governorAddr = manifest.address(DeploymentManifest.GOVERNOR);
        Chain ac = operator.as(alice);
        OctoGovernor govAlice = OctoGovernor.load(governorAddr, ac.web3j(), ac.txManager(), ac.gas());
        String calldata = FunctionEncoder.encode(new Function("setActivationDelay", List.of(new Uint256(7200)), List.of()));
        List<String> targets = List.of(rewardsAddr);
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(calldata));
        String description = "Raise the reward activation delay to 2 hours";
        ok(govAlice.propose(targets, values, calldatas, description).send());
        byte[] descriptionHash = Hash.sha3(description.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BigInteger proposalId = govAlice.hashProposal(targets, values, calldatas, descriptionHash).send();
        anvil.increaseTime(11);
        assertThat(govAlice.state(proposalId).send()).isEqualTo(BigInteger.ONE); // Active

        // Both vote FOR by signature (eth_signTypedData_v4 digest), relayed by the operator.
        OctoGovernor govRelayer = OctoGovernor.load(governorAddr, opChain.web3j(), opChain.txManager(), opChain.gas());
        Eip712Domain domain = new Eip712Domain("OctoGovernor", "1", operator.chainId(), governorAddr);
        for (Credentials voter : List.of(alice, bob)) {
            BigInteger nonce = govRelayer.nonces(voter.getAddress()).send();
            byte[] sig = Signatures.sign(new Ballot(proposalId, Ballot.FOR, voter.getAddress(), nonce).digest(domain),
                    voter.getEcKeyPair());
            ok(govRelayer.castVoteBySig(proposalId, BigInteger.ONE, voter.getAddress(), sig).send());
        }
        // Weight = floor(sqrt(stake)): sqrt(10,000e18) = 1e11, sqrt(40,000e18) = 2e11.
        var tallies = govRelayer.proposalVotes(proposalId).send();
        assertThat(tallies.component2()).isEqualTo(BigInteger.valueOf(300_000_000_000L));
        assertThat(tallies.component1()).isZero();

        anvil.increaseTime(301);
        assertThat(govRelayer.state(proposalId).send()).isEqualTo(BigInteger.valueOf(4)); // Succeeded
        ok(govRelayer.queue(targets, values, calldatas, descriptionHash).send());
        anvil.increaseTime(61);
        ok(govRelayer.execute(targets, values, calldatas, descriptionHash, BigInteger.ZERO).send());
        assertThat(govRelayer.state(proposalId).send()).isEqualTo(BigInteger.valueOf(7)); // Executed
        assertThat(rewardsOp.activationDelay().send()).isEqualTo(BigInteger.valueOf(7200));
    }
}
