package io.cipherocto.governance;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.StakingManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.ConfigProvider;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * Test-side access to the chain the app under test uses (octo.rpc-url / octo.manifest from the configuration):
 * anvil time travel, members, proposals and signed ballots.
 */
public final class DevChain {
    public static final BigInteger E18 = BigInteger.TEN.pow(18);

    private final HttpService http;
    private final Web3j web3j;
    private final DeploymentManifest manifest;
    private final Chain operator;

    private DevChain(String rpcUrl, Path manifestPath) {
        this.http = new HttpService(rpcUrl);
        this.web3j = Web3j.build(http);
        try {
            this.manifest = DeploymentManifest.read(manifestPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.operator = Chain.connect(web3j, DevAccounts.get(0));
    }

    /** Connects to the chain of the running @QuarkusTest application. */
    public static DevChain fromConfig() {
        var c = ConfigProvider.getConfig();
        return new DevChain(c.getValue("octo.rpc-url", String.class), Path.of(c.getValue("octo.manifest", String.class)));
    }

    public static DevChain of(AnvilNode anvil, Path manifest) {
        return new DevChain(anvil.rpcUrl(), manifest);
    }

    public static BigInteger octo(long n) {
        return BigInteger.valueOf(n).multiply(E18);
    }

    public Web3j web3j() {
        return web3j;
    }

    public DeploymentManifest manifest() {
        return manifest;
    }

    public String governorAddress() {
        return manifest.address(DeploymentManifest.GOVERNOR);
    }

    public Eip712Domain domain() {
        return new Eip712Domain("OctoGovernor", "1", operator.chainId(), governorAddress());
    }

    public long chainId() {
        return operator.chainId();
    }

    public OctoGovernor governor() {
        return OctoGovernor.load(governorAddress(), web3j, operator.txManager(), operator.gas());
    }

    // ------------------------------------------------------------------ anvil

    public void increaseTime(long seconds) {
        rpc("evm_increaseTime", List.of(seconds));
        mine();
    }

    public void mine() {
        rpc("evm_mine", List.of());
    }

    public void automine(boolean on) {
        rpc("evm_setAutomine", List.of(on));
    }

    public void setBalance(String address, BigInteger wei) {
        rpc("anvil_setBalance", List.of(address, Numeric.toHexStringWithPrefix(wei)));
    }

    public Response<?> rpc(String method, List<?> params) {
        try {
            Response<?> r = new Request<>(method, params, http, AnvilNode.GenericResponse.class).send();
            if (r.hasError()) {
                throw new IllegalStateException(method + ": " + r.getError().getMessage());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ members and proposals

    /** A fresh key with gas money (not a member). */
    public Credentials newAccount() {
        try {
            Credentials c = Credentials.create(Keys.createEcKeyPair());
            setBalance(c.getAddress(), E18.multiply(BigInteger.TEN));
            return c;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives {@code who} OCTO from the genesis holder and registers it as a member with that stake. */
    public void registerMember(Credentials who, BigInteger stake) {
        try {
            setBalance(who.getAddress(), E18.multiply(BigInteger.TEN));
            String octo = manifest.address(DeploymentManifest.OCTO);
            String staking = manifest.address(DeploymentManifest.STAKING);
            Chain me = operator.as(who);
            if (stake.signum() > 0) {
                ok(OctoToken.load(octo, web3j, operator.txManager(), operator.gas()).transfer(who.getAddress(), stake).send());
                ok(OctoToken.load(octo, web3j, me.txManager(), me.gas()).approve(staking, stake).send());
            }
            ok(StakingManager.load(staking, web3j, me.txManager(), me.gas()).registerMember(stake).send());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Proposes "set the reward activation delay to {@code delay}" as {@code proposer}; returns the proposal id. */
    public BigInteger propose(Credentials proposer, String description) {
        try {
            Chain me = operator.as(proposer);
            OctoGovernor gov = OctoGovernor.load(governorAddress(), web3j, me.txManager(), me.gas());
            List<String> targets = List.of(manifest.address(DeploymentManifest.REWARDS));
            List<BigInteger> values = List.of(BigInteger.ZERO);
            List<byte[]> calldatas = List.of(Numeric.hexStringToByteArray(FunctionEncoder.encode(
                    new Function("setActivationDelay", List.of(new Uint256(7200)), List.of()))));
            ok(gov.propose(targets, values, calldatas, description).send());
            return gov.hashProposal(targets, values, calldatas,
                    Hash.sha3(description.getBytes(StandardCharsets.UTF_8))).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Proposes and moves time past the voting delay: the proposal is Active. */
    public BigInteger activeProposal(Credentials proposer, String description) {
        BigInteger id = propose(proposer, description);
        increaseTime(GovernanceTestEnvironment.VOTING_DELAY + 1);
        return id;
    }

    public BigInteger nonce(String voter) {
        try {
            return governor().nonces(voter).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** 65-byte r||s||v (v 27/28) over the Ballot digest under {@code domain}. */
    public static byte[] sign(Credentials voter, BigInteger proposalId, int support, BigInteger nonce, Eip712Domain domain) {
        return Signatures.sign(new Ballot(proposalId, support, voter.getAddress(), nonce).digest(domain),
                voter.getEcKeyPair());
    }

    /** A POST /votes body. */
    public static String ballotJson(BigInteger proposalId, int support, String voter, BigInteger nonce, byte[] signature) {
        return "{\"proposalId\":\"" + proposalId + "\",\"support\":" + support + ",\"voter\":\"" + voter
                + "\",\"nonce\":\"" + nonce + "\",\"signature\":\"" + Numeric.toHexString(signature) + "\"}";
    }

    /** A signed POST /votes body for {@code voter}'s current chain nonce. */
    public String signedBallot(Credentials voter, BigInteger proposalId, int support) {
        BigInteger nonce = nonce(voter.getAddress());
        return ballotJson(proposalId, support, voter.getAddress(), nonce, sign(voter, proposalId, support, nonce, domain()));
    }

    public String lower(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    private static void ok(TransactionReceipt r) {
        if (!r.isStatusOK()) {
            throw new IllegalStateException("transaction failed: " + r.getTransactionHash());
        }
    }
}
