package io.cipherocto.settlement.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.PaymentEscrow;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.SettlementDomain;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Drives the deployed suite as providers and requesters do, and signs receipts as they would. */
public final class Actors {
    public static final BigInteger E18 = BigInteger.TEN.pow(18);

    private final AnvilNode anvil;
    private final DeploymentManifest manifest;
    private final Chain operator;

    public Actors(AnvilNode anvil, DeploymentManifest manifest) {
        this.anvil = anvil;
        this.manifest = manifest;
        this.operator = Chain.connect(anvil.web3j(), DevAccounts.get(0));
    }

    public static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    public Chain operator() {
        return operator;
    }

    public Eip712Domain domain() {
        return SettlementDomain.of(manifest.chainId(), manifest.address(DeploymentManifest.REWARDS));
    }

    public OctoToken octoAs(Credentials who) {
        Chain c = operator.as(who);
        return OctoToken.load(manifest.address(DeploymentManifest.OCTO), c.web3j(), c.txManager(), c.gas());
    }

    public static void ok(TransactionReceipt r) {
        assertThat(r.isStatusOK()).as("tx %s", r.getTransactionHash()).isTrue();
    }

    /** Funds, registers and dual-stakes {@code provider} for {@code role}. */
    public void stakeProvider(Credentials provider, int role) throws Exception {
        String stakingAddr = manifest.address(DeploymentManifest.STAKING);
        Chain op = operator;
        ok(octoAs(DevAccounts.get(0)).transfer(provider.getAddress(), octo(5_000)).send());
        RoleToken roleOp = RoleToken.load(manifest.roleToken(role), op.web3j(), op.txManager(), op.gas());
        ok(roleOp.transfer(provider.getAddress(), octo(1_000)).send());
        Chain pc = operator.as(provider);
        StakingManager staking = StakingManager.load(stakingAddr, pc.web3j(), pc.txManager(), pc.gas());
        ok(staking.registerProvider(BigInteger.valueOf(role)).send());
        ok(octoAs(provider).approve(stakingAddr, octo(2_000)).send());
        ok(RoleToken.load(manifest.roleToken(role), pc.web3j(), pc.txManager(), pc.gas()).approve(stakingAddr, octo(200)).send());
        ok(staking.stake(BigInteger.valueOf(role), octo(2_000), octo(200)).send());
    }

    /** Funds {@code requester} and deposits {@code amount} into the escrow. */
    public void deposit(Credentials requester, BigInteger amount) throws Exception {
        String escrowAddr = manifest.address(DeploymentManifest.ESCROW);
        ok(octoAs(DevAccounts.get(0)).transfer(requester.getAddress(), amount).send());
        ok(octoAs(requester).approve(escrowAddr, amount).send());
        Chain rc = operator.as(requester);
        ok(PaymentEscrow.load(escrowAddr, rc.web3j(), rc.txManager(), rc.gas()).deposit(amount).send());
    }

    public BigInteger escrowBalance(String requester) throws Exception {
        return PaymentEscrow.load(manifest.address(DeploymentManifest.ESCROW), operator.web3j(), operator.txManager(),
                operator.gas()).balanceOf(requester).send();
    }

    public long head() {
        return anvil.blockNumber().longValueExact();
    }

    public long currentEpoch() {
        return (head() - manifest.epochGenesisBlock()) / manifest.epochLength();
    }

    public long closingBlock(long epoch) {
        return manifest.epochGenesisBlock() + (epoch + 1) * manifest.epochLength() - 1;
    }

    /** Mines until the head is at least {@code block}. */
    public void mineTo(long block) {
        long h = head();
        if (h < block) {
            anvil.mine(block - h);
        }
    }

    /**
     * An open epoch with at least {@code room} blocks left before it closes, mining into the next epoch when the current
     * one has less; {@code pastEpochZero}: never epoch 0, for tests that need an earlier, closed epoch.
     */
    public long openEpoch(long room, boolean pastEpochZero) {
        long e = currentEpoch();
        if ((pastEpochZero && e == 0) || closingBlock(e) - head() < room) {
            mineTo(closingBlock(e) + 1);
            e = currentEpoch();
        }
        return e;
    }

    public static String word(long v) {
        return String.format("0x%064x", v);
    }

    public static JobReceipt receipt(String jobId, long epoch, Credentials requester, Credentials provider, int role,
            BigInteger workUnits, BigInteger fee) {
        return new JobReceipt(jobId, epoch, requester.getAddress(), provider.getAddress(), role, word(0x11), word(0x22),
                word(0x33), workUnits, fee);
    }

    /** The JSON body of one receipt, signed by both parties under {@code domain}. */
    public static Map<String, Object> signed(JobReceipt r, Eip712Domain domain, Credentials provider, Credentials requester) {
        byte[] digest = r.digest(domain);
        return json(r, Hex.encode(Signatures.sign(digest, provider.getEcKeyPair())),
                Hex.encode(Signatures.sign(digest, requester.getEcKeyPair())));
    }

    public static Map<String, Object> json(JobReceipt r, String providerSig, String requesterSig) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jobId", r.jobId());
        m.put("epoch", r.epoch());
        m.put("requester", r.requester());
        m.put("provider", r.provider());
        m.put("role", r.role());
        m.put("kernel", r.kernel());
        m.put("specHash", r.specHash());
        m.put("outputHash", r.outputHash());
        m.put("workUnits", r.workUnits().toString());
        m.put("fee", r.fee().toString());
        m.put("providerSignature", providerSig);
        m.put("requesterSignature", requesterSig);
        return m;
    }

    /**
     * The JSON of a batch-signed envelope of {@code receipts} (all of one epoch, requester and provider), signed by
     * {@code providerSigner} and {@code requesterSigner} over the envelope whose root is {@code root} (the receipts'
     * own root when empty).
     */
    public static Map<String, Object> envelope(java.util.List<JobReceipt> receipts, Eip712Domain domain, Credentials providerSigner,
            Credentials requesterSigner, java.util.Optional<String> root) {
        JobReceipt first = receipts.get(0);
        java.util.List<String> hashes = receipts.stream().map(r -> Hex.encode(r.structHash())).toList();
        io.cipherocto.settlement.receipt.ReceiptEnvelope env = new io.cipherocto.settlement.receipt.ReceiptEnvelope(first.epoch(),
                first.requester(), first.provider(),
                root.orElseGet(() -> io.cipherocto.settlement.receipt.ReceiptEnvelope.tree(hashes).rootHex()), receipts.size());
        byte[] digest = env.digest(domain);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", env.epoch());
        m.put("requester", env.requester());
        m.put("provider", env.provider());
        m.put("receiptsRoot", env.receiptsRoot());
        m.put("count", env.count());
        m.put("providerSignature", Hex.encode(Signatures.sign(digest, providerSigner.getEcKeyPair())));
        m.put("requesterSignature", Hex.encode(Signatures.sign(digest, requesterSigner.getEcKeyPair())));
        java.util.List<Map<String, Object>> rs = new java.util.ArrayList<>();
        for (JobReceipt r : receipts) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("jobId", r.jobId());
            x.put("role", r.role());
            x.put("kernel", r.kernel());
            x.put("specHash", r.specHash());
            x.put("outputHash", r.outputHash());
            x.put("workUnits", r.workUnits().toString());
            x.put("fee", r.fee().toString());
            rs.add(x);
        }
        m.put("receipts", rs);
        return m;
    }
}
