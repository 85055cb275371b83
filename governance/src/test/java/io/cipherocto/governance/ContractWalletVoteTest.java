package io.cipherocto.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.governance.relay.RelayerWorker;
import io.cipherocto.governance.store.BallotStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Contract wallets (ERC-1271): the API accepts what the wallet's isValidSignature accepts, as the governor does.
 * The wallets are tiny hand-assembled contracts put in place with anvil_setCode and driven by impersonation.
 */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class ContractWalletVoteTest {
    /** Runtime code answering every call with bytes32(0x1626ba7e): "valid" for isValidSignature. */
    private static final String ALWAYS_VALID = "0x631626ba7e60e01b60005260206000f3";
    /** Runtime code answering every call with bytes32(0xffffffff): "invalid". */
    private static final String ALWAYS_INVALID = "0x63ffffffff60e01b60005260206000f3";

    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    private String walletMember(DevChain chain, String code, BigInteger stake) throws Exception {
        String wallet = "0x" + Keys.getAddress(Keys.createEcKeyPair());
        chain.rpc("anvil_setCode", List.of(wallet, code));
        chain.setBalance(wallet, DevChain.E18);
        String octo = chain.manifest().address(DeploymentManifest.OCTO);
        String staking = chain.manifest().address(DeploymentManifest.STAKING);
        // OCTO from the genesis holder (dev account #0, unlocked in anvil), then approve + register as the wallet.
        send(chain, chain.manifest().deployer(), octo, FunctionEncoder.encode(new Function("transfer",
                List.of(new Address(wallet), new Uint256(stake)), List.of())));
        chain.rpc("anvil_impersonateAccount", List.of(wallet));
        send(chain, wallet, octo, FunctionEncoder.encode(new Function("approve",
                List.of(new Address(staking), new Uint256(stake)), List.of())));
        send(chain, wallet, staking, FunctionEncoder.encode(new Function("registerMember",
                List.of(new Uint256(stake)), List.of())));
        chain.rpc("anvil_stopImpersonatingAccount", List.of(wallet));
        return wallet;
    }

    private static void send(DevChain chain, String from, String to, String data) throws Exception {
        String hash = String.valueOf(chain.rpc("eth_sendTransaction",
                List.of(Map.of("from", from, "to", to, "data", data, "gas", "0x7a120"))).getResult());
        var receipt = chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        for (int i = 0; i < 100 && receipt.isEmpty(); i++) { // automine: mined at once, the receipt may lag a little
            Thread.sleep(50);
            receipt = chain.web3j().ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        }
        assertThat(receipt).as("receipt of %s", hash).isPresent();
        assertThat(receipt.get().isStatusOK()).as("status of %s", hash).isTrue();
    }

    private static byte[] opaqueSignature() {
        byte[] sig = new byte[65]; // not an ECDSA signature of anyone in particular: only the wallet can judge it
        sig[31] = 1;
        sig[63] = 1;
        sig[64] = 27;
        return sig;
    }

    @Test
    void contractWallet_whoseIsValidSignatureAccepts_votes_andIsCountedOnChain() throws Exception {
        DevChain chain = DevChain.fromConfig();
        String wallet = walletMember(chain, ALWAYS_VALID, DevChain.octo(3_600));
        BigInteger pid = chain.activeProposal(chain.newAccount(), "wallet " + UUID.randomUUID());

        UUID id = GovernanceTestSupport.accept(DevChain.ballotJson(pid, Ballot.FOR, wallet, BigInteger.ZERO, opaqueSignature()));
        GovernanceTestSupport.drain(runtime, GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10)));

        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.CONFIRMED);
        assertThat(chain.governor().proposalVotes(pid).send().component2()).isEqualTo(DevChain.octo(3_600).sqrt());
        assertThat(Numeric.toHexString(opaqueSignature())).hasSize(132);
    }

    @Test
    void contractWallet_whoseIsValidSignatureRefuses_isRefusedWithBadSignature() throws Exception {
        DevChain chain = DevChain.fromConfig();
        String wallet = walletMember(chain, ALWAYS_INVALID, DevChain.octo(3_600));
        BigInteger pid = chain.activeProposal(chain.newAccount(), "bad wallet " + UUID.randomUUID());
        GovernanceTestSupport.assertRefused(runtime,
                DevChain.ballotJson(pid, Ballot.FOR, wallet, BigInteger.ZERO, opaqueSignature()), 422, "bad_signature");
    }
}
