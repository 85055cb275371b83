package io.cipherocto.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.governance.relay.RelayerWorker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** GET /proposals/{id} and /voting-power/{address} answer from the governor's and staking manager's views. */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class GovernanceQueriesTest {
    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    @Test
    void proposal_showsStateSnapshotTalliesAndQuorum_asTheGovernorDoes() throws Exception {
        DevChain chain = DevChain.fromConfig();
        Credentials voter = chain.newAccount();
        chain.registerMember(voter, DevChain.octo(90_000));
        BigInteger pid = chain.propose(chain.newAccount(), "query " + UUID.randomUUID());
        long snapshot = chain.governor().proposalSnapshot(pid).send().longValueExact();

        given().get("/api/v1/governance/proposals/" + pid).then().statusCode(200)
                .body("state", equalTo("Pending")).body("snapshot", equalTo((int) snapshot))
                .body("quorum", nullValue()).body("votes.for", equalTo("0"));

        chain.increaseTime(GovernanceTestEnvironment.VOTING_DELAY + 1);
        GovernanceTestSupport.accept(chain.signedBallot(voter, pid, Ballot.FOR));
        GovernanceTestSupport.drain(runtime, GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10)));

        String quorum = chain.governor().quorum(BigInteger.valueOf(snapshot)).send().toString();
        given().get("/api/v1/governance/proposals/" + pid).then().statusCode(200)
                .body("state", equalTo("Active")).body("votes.for", equalTo("300000000000"))
                .body("votes.against", equalTo("0")).body("quorum", equalTo(quorum))
                .body("deadline", equalTo((int) (snapshot + GovernanceTestEnvironment.VOTING_PERIOD)));
    }

    @Test
    void votingPower_isFloorSqrtOfMemberStake_atSnapshotAndLatest() throws Exception {
        DevChain chain = DevChain.fromConfig();
        Credentials member = chain.newAccount();
        BigInteger stake = DevChain.octo(12_345);
        chain.registerMember(member, stake);
        BigInteger pid = chain.activeProposal(chain.newAccount(), "power " + UUID.randomUUID());
        String expected = stake.sqrt().toString();
        long snapshot = chain.governor().proposalSnapshot(pid).send().longValueExact();
        String onChain = chain.governor().getVotes(member.getAddress(), BigInteger.valueOf(snapshot)).send().toString();

        given().get("/api/v1/governance/voting-power/" + member.getAddress() + "?proposalId=" + pid).then().statusCode(200)
                .body("member", equalTo(true)).body("stake", equalTo(stake.toString()))
                .body("votingPower", equalTo(expected)).body("votingPower", equalTo(onChain))
                .body("atSnapshot", equalTo(true));
        given().get("/api/v1/governance/voting-power/" + member.getAddress()).then().statusCode(200)
                .body("votingPower", equalTo(expected)).body("atSnapshot", equalTo(false));
        given().get("/api/v1/governance/voting-power/" + chain.newAccount().getAddress()).then().statusCode(200)
                .body("member", equalTo(false)).body("votingPower", equalTo("0"));
    }

    @Test
    void unknownProposal_andBadIds_areRefusedWithCodes() {
        given().get("/api/v1/governance/proposals/424242").then().statusCode(404).body("error", equalTo("unknown_proposal"));
        given().get("/api/v1/governance/proposals/0xabc").then().statusCode(400).body("error", equalTo("invalid_field"));
        given().get("/api/v1/governance/voting-power/0x123").then().statusCode(400).body("error", equalTo("invalid_field"));
        given().get("/api/v1/governance/votes/not-a-uuid").then().statusCode(400).body("error", equalTo("invalid_field"));
        given().get("/api/v1/governance/votes/" + UUID.randomUUID()).then().statusCode(404)
                .body("error", equalTo("unknown_ballot"));
    }

    @Test
    void openApi_documentsTheGovernanceEndpoints() {
        given().get("/q/openapi").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/governance/votes"))
                .body(org.hamcrest.Matchers.containsString("/api/v1/governance/voting-power/{address}"))
                .body(org.hamcrest.Matchers.containsString("/api/v1/governance/proposals/{proposalId}"));
    }

    @Test
    void readiness_reportsTheRelayer_downWhenItsBalanceIsBelowTheThreshold() throws Exception {
        DevChain chain = DevChain.fromConfig();
        String relayer = io.cipherocto.contracts.devnet.DevAccounts.get(GovernanceTestEnvironment.RELAYER_ACCOUNT).getAddress();
        BigInteger balance = chain.web3j().ethGetBalance(relayer, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                .send().getBalance();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'relayer' }.status", equalTo("UP"));
        chain.setBalance(relayer, BigInteger.valueOf(1000));
        try {
            Thread.sleep(5_100); // the balance is cached for 5 s
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'relayer' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'relayer' }.data.balanceWei", equalTo("1000"));
        } finally {
            chain.setBalance(relayer, balance);
        }
    }
}
