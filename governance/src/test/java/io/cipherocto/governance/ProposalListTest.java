package io.cipherocto.governance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.governance.relay.RelayerWorker;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * GET /proposals (list, state filter) and /proposals/{id}/votes, read from the chain-indexer's tables (the indexer
 * runs in the test application), with the action's calldata decoded.
 */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class ProposalListTest {
    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    @Test
    void list_andVotes_comeFromTheIndexedEvents_withDecodedActionsAndTxHashes() throws Exception {
        DevChain chain = DevChain.fromConfig();
        Credentials voter = chain.newAccount();
        chain.registerMember(voter, DevChain.octo(10_000));
        String description = "list " + UUID.randomUUID();
        BigInteger pid = chain.activeProposal(chain.newAccount(), description);
        GovernanceTestSupport.accept(chain.signedBallot(voter, pid, Ballot.AGAINST));
        GovernanceTestSupport.drain(runtime, GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10)));
        chain.mine();

        JsonPath votes = awaitVotes(pid);
        assertThat(votes.getList("votes")).hasSize(1);
        assertThat(votes.getString("votes[0].voter")).isEqualTo(chain.lower(voter.getAddress()));
        assertThat(votes.getInt("votes[0].support")).isEqualTo(Ballot.AGAINST);
        assertThat(votes.getString("votes[0].weight")).isEqualTo(DevChain.octo(10_000).sqrt().toString());
        assertThat(votes.getString("votes[0].txHash")).startsWith("0x").hasSize(66);

        given().get("/api/v1/governance/proposals/" + pid).then().statusCode(200)
                .body("description", equalTo(description))
                .body("actions[0].decoded.signature", equalTo("setActivationDelay(uint256)"))
                .body("actions[0].decoded.arguments.values().flatten()", hasItem("7200"))
                .body("votes.against", equalTo(DevChain.octo(10_000).sqrt().toString()));

        JsonPath active = given().queryParam("state", "Active").queryParam("size", "100").get("/api/v1/governance/proposals")
                .then().statusCode(200).extract().jsonPath();
        assertThat(active.getList("proposals.proposalId")).contains(pid.toString());
        assertThat(active.getList("proposals.state")).containsOnly("Active");
        JsonPath executed = given().queryParam("state", "Executed").get("/api/v1/governance/proposals").then().statusCode(200)
                .extract().jsonPath();
        assertThat(executed.getList("proposals.proposalId")).doesNotContain(pid.toString());

        // The list derives state and tallies from the indexed events and the head block: the same as the governor's
        // own views for this proposal, at one governor call per list (the head) once the snapshots' quorums are known.
        JsonPath detail = given().get("/api/v1/governance/proposals/" + pid).then().statusCode(200).extract().jsonPath();
        JsonPath all = given().queryParam("size", "100").get("/api/v1/governance/proposals").then().statusCode(200)
                .extract().jsonPath();
        int i = all.getList("proposals.proposalId").indexOf(pid.toString());
        assertThat(i).isNotNegative();
        for (String field : List.of("state", "snapshot", "deadline", "proposer", "votes.for", "votes.against", "votes.abstain",
                "quorum", "eta")) {
            assertThat(String.valueOf(all.getString("proposals[" + i + "]." + field))).as(field)
                    .isEqualTo(String.valueOf(detail.getString(field)));
        }
        // Quorums of many snapshots come in one JSON-RPC batch, equal to the governor's answers one by one.
        long snap = detail.getLong("snapshot");
        var gateway = runtime.chain().gateway();
        assertThat(gateway.quorums(List.of(snap, snap - 1, snap - 2)))
                .containsExactly(gateway.quorum(snap), gateway.quorum(snap - 1), gateway.quorum(snap - 2));
        // A state filter (the indexer reads only proposals whose voting window allows the state) returns exactly the
        // proposals of the unfiltered list in that state, in the offset and in the keyset form.
        for (String state : List.of("Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Executed")) {
            List<String> expected = new java.util.ArrayList<>();
            for (int k = 0; k < all.getList("proposals").size(); k++) {
                if (state.equals(all.getString("proposals[" + k + "].state"))) {
                    expected.add(all.getString("proposals[" + k + "].proposalId"));
                }
            }
            assertThat(given().queryParam("state", state).queryParam("size", "100").get("/api/v1/governance/proposals").then()
                    .statusCode(200).extract().jsonPath().getList("proposals.proposalId", String.class)).as(state)
                    .isEqualTo(expected);
            assertThat(given().queryParam("state", state).queryParam("before", "").queryParam("size", "100")
                    .get("/api/v1/governance/proposals").then().statusCode(200).extract().jsonPath()
                    .getList("proposals.proposalId", String.class)).as(state + ", keyset").isEqualTo(expected);
        }
        // Keyset pages (before=, then next) walk the same proposals as the offset list, newest first.
        List<String> walked = new java.util.ArrayList<>();
        String cursor = "";
        while (cursor != null) {
            JsonPath page = given().queryParam("before", cursor).queryParam("size", "2").get("/api/v1/governance/proposals").then()
                    .statusCode(200).extract().jsonPath();
            walked.addAll(page.getList("proposals.proposalId", String.class));
            cursor = page.getString("next");
        }
        assertThat(walked).isEqualTo(all.getList("proposals.proposalId", String.class));
        JsonPath activeKeyset = given().queryParam("state", "Active").queryParam("before", "").queryParam("size", "100")
                .get("/api/v1/governance/proposals").then().statusCode(200).extract().jsonPath();
        assertThat(activeKeyset.getList("proposals.proposalId")).contains(pid.toString());
        given().queryParam("before", "x").get("/api/v1/governance/proposals").then().statusCode(400)
                .body("error", equalTo("invalid_cursor"));

        // The voter's member profile: its stake history (power = floor(sqrt(stake))) and the vote it cast.
        JsonPath member = given().get("/api/v1/governance/members/" + voter.getAddress()).then().statusCode(200).extract()
                .jsonPath();
        assertThat(member.getBoolean("now.member")).isTrue();
        assertThat(member.getString("history[0].stake")).isEqualTo(DevChain.octo(10_000).toString());
        assertThat(member.getString("history[0].votingPower")).isEqualTo(DevChain.octo(10_000).sqrt().toString());
        assertThat(member.getString("votes[0].proposalId")).isEqualTo(pid.toString());
        assertThat(member.getInt("votes[0].support")).isEqualTo(Ballot.AGAINST);
        given().get("/api/v1/governance/members/0x12").then().statusCode(400);
        long before = runtime.chain().gateway().calls();
        given().queryParam("size", "100").get("/api/v1/governance/proposals").then().statusCode(200);
        assertThat(runtime.chain().gateway().calls() - before).as("governor calls to list %d proposals",
                all.getList("proposals").size()).isEqualTo(1);
    }

    @Test
    void list_refusesAnUnknownState_andBadPaging() {
        given().queryParam("state", "Sleeping").get("/api/v1/governance/proposals").then().statusCode(400)
                .body("error", equalTo("invalid_field"));
        given().queryParam("size", "0").get("/api/v1/governance/proposals").then().statusCode(400)
                .body("error", equalTo("invalid_field"));
        given().get("/api/v1/governance/proposals/123/votes").then().statusCode(404).body("error", equalTo("unknown_proposal"));
    }

    private static JsonPath awaitVotes(BigInteger pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonPath j = given().get("/api/v1/governance/proposals/" + pid + "/votes").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> v = j.getList("votes");
            if (!v.isEmpty() || System.nanoTime() > deadline) {
                return j;
            }
            Thread.sleep(200);
        }
    }
}
