package io.cipherocto.governance;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.governance.relay.Relayer;
import io.cipherocto.governance.relay.RelayerWorker;
import io.cipherocto.governance.store.BallotStatus;
import io.cipherocto.governance.store.RelayAttempt;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * The relayer never submits a ballot twice: a restart between sending and confirmation follows the stored
 * transaction; a transaction the node lost is re-broadcast byte for byte; a stuck one is replaced at the same nonce.
 */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class RelayerCrashTest {
    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    DevChain chain;
    String relayerAddress = DevAccounts.get(GovernanceTestEnvironment.RELAYER_ACCOUNT).getAddress();

    @BeforeEach
    void setUp() {
        chain = DevChain.fromConfig();
        GovernanceTestSupport.drain(runtime, GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10)));
    }

    @AfterEach
    void automineBack() {
        chain.automine(true);
        chain.mine();
    }

    private UUID acceptedBallot(String label) {
        Credentials voter = chain.newAccount();
        chain.registerMember(voter, DevChain.octo(2_500));
        BigInteger pid = chain.activeProposal(chain.newAccount(), label + " " + UUID.randomUUID());
        return GovernanceTestSupport.accept(chain.signedBallot(voter, pid, Ballot.FOR));
    }

    private long relayerNonce(DefaultBlockParameterName at) throws Exception {
        return chain.web3j().ethGetTransactionCount(relayerAddress, at).send().getTransactionCount().longValueExact();
    }

    @Test
    void relayerRestart_betweenSendAndConfirmation_doesNotSendTwice_andEndsConfirmed() throws Exception {
        UUID id = acceptedBallot("crash");
        long before = relayerNonce(DefaultBlockParameterName.LATEST);
        chain.automine(false);

        Relayer first = GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10));
        first.relayOnce(); // signs, stores, sends; the transaction waits in the mempool
        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.SUBMITTED);
        List<RelayAttempt> sent = runtime.store().attempts(id);
        assertThat(sent).hasSize(1);

        // "Crash": the first instance is gone; a new one starts on the same database.
        Relayer restarted = GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10));
        restarted.relayOnce();
        restarted.relayOnce();
        assertThat(runtime.store().attempts(id)).hasSize(1);
        assertThat(relayerNonce(DefaultBlockParameterName.PENDING)).isEqualTo(before + 1);

        chain.mine();
        restarted.relayOnce();
        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.CONFIRMED);
        assertThat(runtime.store().find(id).orElseThrow().txHash()).contains(sent.get(0).txHash());
        assertThat(relayerNonce(DefaultBlockParameterName.LATEST)).isEqualTo(before + 1);
    }

    @Test
    void relayerRestart_afterNodeLostTheTransaction_rebroadcastsTheStoredBytes_andEndsConfirmed() throws Exception {
        UUID id = acceptedBallot("lost");
        long before = relayerNonce(DefaultBlockParameterName.LATEST);
        chain.automine(false);
        GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10)).relayOnce();
        String hash = runtime.store().attempts(id).get(0).txHash();
        // As if the process died after storing but before the node got it: the node does not know the tx.
        chain.rpc("anvil_dropTransaction", List.of(hash));
        assertThat(chain.web3j().ethGetTransactionByHash(hash).send().getTransaction()).isEmpty();

        Relayer restarted = GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10));
        restarted.relayOnce(); // re-broadcasts the stored raw transaction: same hash, nothing new signed
        assertThat(chain.web3j().ethGetTransactionByHash(hash).send().getTransaction()).isPresent();
        chain.mine();
        restarted.relayOnce();
        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.CONFIRMED);
        assertThat(runtime.store().attempts(id)).hasSize(1);
        assertThat(relayerNonce(DefaultBlockParameterName.LATEST)).isEqualTo(before + 1);
    }

    @Test
    void stuckRelayTransaction_isReplacedAtTheSameNonceWithHigherGasPrice_andCountedOnce() throws Exception {
        UUID id = acceptedBallot("stuck");
        long before = relayerNonce(DefaultBlockParameterName.LATEST);
        chain.automine(false);
        Relayer impatient = GovernanceTestSupport.relayer(worker, Duration.ZERO);
        impatient.relayOnce(); // first send
        impatient.relayOnce(); // pending past stuckAfter: fee bump
        List<RelayAttempt> attempts = runtime.store().attempts(id);
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).relayerNonce()).isEqualTo(attempts.get(0).relayerNonce());
        assertThat(attempts.get(1).gasPrice()).isGreaterThan(attempts.get(0).gasPrice());

        chain.mine();
        impatient.relayOnce();
        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.CONFIRMED);
        assertThat(runtime.store().find(id).orElseThrow().txHash()).contains(attempts.get(1).txHash());
        assertThat(relayerNonce(DefaultBlockParameterName.LATEST)).isEqualTo(before + 1);
    }
}
