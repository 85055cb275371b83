package io.cipherocto.governance.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.cipherocto.governance.GovernanceTestEnvironment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on every governance endpoint that takes input: wrong JSON types, non-ASCII digits, overflowing
 * numbers and pages, unknown enums, path traversal, oversized bodies and query strings. Every refusal is a JSON
 * {error, message} with a 4xx status, and no ballot is stored.
 */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class HostileGovernanceInputTest {
    private static final String ARABIC_THREE = "\u0663";
    private static final String VOTER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    @Inject
    Pool pool;

    private long ballots() {
        return pool.query("SELECT count(*) FROM governance.ballots").executeAndAwait().iterator().next().getLong(0);
    }

    private static void jsonError(ValidatableResponse r, int status, String code) {
        r.log().ifValidationFails().statusCode(status).contentType(ContentType.JSON).body("error", equalTo(code))
                .body("message", notNullValue());
    }

    private static ValidatableResponse vote(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/governance/votes").then();
    }

    private static String ballot(String proposalId, String support, String voter, String nonce) {
        return "{\"proposalId\":" + proposalId + ",\"support\":" + support + ",\"voter\":" + voter + ",\"nonce\":" + nonce
                + ",\"signature\":\"0x" + "11".repeat(65) + "\"}";
    }

    @Test
    void votes_withWrongTypesNonAsciiDigitsOrOverflow_areJson400s_andNothingIsStored() {
        long before = ballots();
        jsonError(vote(ballot("{\"a\":1}", "1", "\"" + VOTER + "\"", "\"0\"")), 400, "invalid_field");
        jsonError(vote(ballot("\"1\"", "\"for\"", "\"" + VOTER + "\"", "\"0\"")), 400, "invalid_field");
        jsonError(vote(ballot("\"1\"", "1", "[1]", "\"0\"")), 400, "invalid_field");
        jsonError(vote(ballot("\"1" + ARABIC_THREE + "\"", "1", "\"" + VOTER + "\"", "\"0\"")), 400, "invalid_field");
        jsonError(vote(ballot("\"1\"", "1", "\"" + VOTER.substring(0, 41) + ARABIC_THREE + "\"", "\"0\"")), 400,
                "invalid_field");
        jsonError(vote(ballot("\"" + "9".repeat(79) + "\"", "1", "\"" + VOTER + "\"", "\"0\"")), 400, "invalid_field");
        jsonError(vote(ballot("1.5", "1", "\"" + VOTER + "\"", "\"0\"")), 400, "invalid_field");
        jsonError(vote(ballot("\"1\"", "1", "\"" + VOTER + "\"", "-1")), 400, "invalid_field");
        jsonError(vote("{\"proposalId\":"), 400, "malformed_json");
        jsonError(vote("[]"), 400, "malformed_json");
        jsonError(vote("{\"pad\":\"" + "x".repeat(20_000) + "\"}"), 413, "body_too_large");
        assertThat(ballots()).isEqualTo(before);
    }

    @Test
    void reads_refuseHostileParameters_withJson4xx() {
        jsonError(given().queryParam("page", Integer.MAX_VALUE).get("/api/v1/governance/proposals").then(), 400,
                "invalid_page");
        jsonError(given().queryParam("page", -1).get("/api/v1/governance/proposals").then(), 400, "invalid_field");
        jsonError(given().queryParam("state", "Nope").get("/api/v1/governance/proposals").then(), 400, "invalid_field");
        jsonError(given().queryParam("state", "x".repeat(8_000)).get("/api/v1/governance/proposals").then(), 400,
                "invalid_field");
        jsonError(given().queryParam("size", 0).get("/api/v1/governance/proposals").then(), 400, "invalid_field");
        jsonError(given().get("/api/v1/governance/proposals/12" + ARABIC_THREE).then(), 400, "invalid_field");
        jsonError(given().get("/api/v1/governance/proposals/" + "9".repeat(90)).then(), 400, "invalid_field");
        jsonError(given().get("/api/v1/governance/proposals/-5/votes").then(), 400, "invalid_field");
        jsonError(given().queryParam("state", "../../etc/passwd").get("/api/v1/governance/proposals").then(), 400,
                "invalid_field");
        jsonError(given().get("/api/v1/governance/voting-power/" + VOTER.substring(0, 41) + ARABIC_THREE).then(), 400,
                "invalid_field");
        jsonError(given().queryParam("proposalId", "1e9").get("/api/v1/governance/voting-power/" + VOTER).then(), 400,
                "invalid_field");
    }
}
