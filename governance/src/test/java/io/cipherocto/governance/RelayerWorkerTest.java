package io.cipherocto.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.governance.relay.RelayerWorker;
import io.cipherocto.platform.db.LockScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** With the background worker on (as in production), an accepted ballot ends confirmed and counted, unattended. */
@QuarkusTest
@TestProfile(RelayerWorkerTest.WorkerOn.class)
@WithTestResource(GovernanceTestEnvironment.class)
class RelayerWorkerTest {
    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    /** The relay worker runs every 200 ms. */
    public static class WorkerOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("octo.governance.relayer.enabled", "true", "octo.governance.relayer.poll-interval", "PT0.2S");
        }
    }

    @Test
    void backgroundRelayer_confirmsAcceptedBallot_andTheVoteIsCounted() throws Exception {
        DevChain chain = DevChain.fromConfig();
        Credentials voter = chain.newAccount();
        chain.registerMember(voter, DevChain.octo(250));
        BigInteger pid = chain.activeProposal(chain.newAccount(), "worker " + UUID.randomUUID());
        UUID id = GovernanceTestSupport.accept(chain.signedBallot(voter, pid, Ballot.ABSTAIN));

        String status = "queued";
        for (int i = 0; i < 150 && !status.equals("confirmed") && !status.equals("failed"); i++) {
            Thread.sleep(100);
            status = given().get(GovernanceTestSupport.VOTES + "/" + id).then().statusCode(200).extract().path("status");
        }
        assertThat(status).isEqualTo("confirmed");
        // floor(sqrt(250e18)) = 15811388300
        assertThat(chain.governor().proposalVotes(pid).send().component3()).isEqualTo(DevChain.octo(250).sqrt());
    }

    @Test
    void backgroundRelayer_holdsTheAdvisoryLockOfItsKey_fromLockScope() throws Exception {
        assertThat(worker.offReason()).isEmpty();
        long key = LockScope.GOVERNANCE_RELAYER.key(worker.address().orElseThrow().toLowerCase(Locale.ROOT));
        boolean held = false;
        for (int i = 0; i < 100 && !held; i++) {
            held = runtime.pool().preparedQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                    + "AND classid::bigint = $1 AND objid::bigint = $2 AND objsubid = 1")
                    .executeAndAwait(Tuple.of(key >>> 32, key & 0xffffffffL)).iterator().next().getLong(0) == 1;
            if (!held) {
                Thread.sleep(100);
            }
        }
        assertThat(held).as("the relayer's session holds the GOVERNANCE_RELAYER lock of its address").isTrue();
    }
}
