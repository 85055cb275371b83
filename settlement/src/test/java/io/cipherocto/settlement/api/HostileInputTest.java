package io.cipherocto.settlement.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;

/**
 * Hostile input on every settlement endpoint that takes input: wrong JSON types, non-ASCII digits, overflowing and
 * fractional numbers, oversized bodies, overflowing pages, long paths. Every refusal is a JSON {error, message} with a
 * 4xx status, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
    private static final String ARABIC_THREE = "\u0663";
    private final Credentials provider = DevAccounts.get(1);
    private final Credentials requester = DevAccounts.get(2);
    private Actors actors;
    private long epoch;

    @BeforeAll
    void setUp() throws Exception {
        actors = new Actors(SettlementTestEnvironment.anvil, SettlementTestEnvironment.manifest);
        epoch = actors.currentEpoch();
    }

    private Map<String, Object> receipt(long job) {
        return new LinkedHashMap<>(Actors.signed(Actors.receipt(Actors.word(0x7000 + job), epoch, requester, provider, 0,
                BigInteger.valueOf(1_000), BigInteger.ONE), actors.domain(), provider, requester));
    }

    private static ValidatableResponse postRaw(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).when().post(path).then();
    }

    private static long count(String table) throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A 4xx whose exact status JAX-RS leaves to the runtime (an unparsable path or query parameter), as JSON. */
    private static void json4xx(ValidatableResponse r) {
        r.statusCode(org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.greaterThanOrEqualTo(400),
                org.hamcrest.Matchers.lessThan(500))).contentType(ContentType.JSON).body("error", notNullValue())
                .body("message", notNullValue());
    }

    private static void jsonError(ValidatableResponse r, int status, String code) {
        r.log().ifValidationFails().statusCode(status).contentType(ContentType.JSON).body("error", equalTo(code))
                .body("message", notNullValue());
    }

    @Test
    void receipts_withWrongJsonTypes_areRefusedAs400WithAJsonBody_andNothingIsStored() throws Exception {
        long before = count("settlement.receipts");
        String good = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(receipt(1));
        for (String[] bad : new String[][] {
                {"\"epoch\":" + epoch, "\"epoch\":\"twelve\""},
                {"\"epoch\":" + epoch, "\"epoch\":12.5"},
                {"\"epoch\":" + epoch, "\"epoch\":18446744073709551616"},
                {"\"role\":0", "\"role\":\"x\""},
                {"\"fee\":\"1\"", "\"fee\":{\"a\":1}"},
                {"\"workUnits\":\"1000\"", "\"workUnits\":[1000]"}}) {
            assertThat(good).contains(bad[0]);
            String body = "{\"receipts\":[" + good.replace(bad[0], bad[1]) + "]}";
            jsonError(postRaw("/api/v1/receipts", body), 400, "invalid_field");
        }
        jsonError(postRaw("/api/v1/receipts", "{\"receipts\":"), 400, "malformed_json");
        jsonError(postRaw("/api/v1/receipts", "{\"receipts\":\"all of them\"}"), 400, "invalid_field");
        assertThat(count("settlement.receipts")).isEqualTo(before);
    }

    @Test
    void receipts_withNonAsciiDigits_areRejectedAsInvalidFields_neverAsA500() throws Exception {
        long before = count("settlement.receipts");
        Map<String, Object> hexJob = receipt(2);
        hexJob.put("jobId", ((String) hexJob.get("jobId")).substring(0, 65) + ARABIC_THREE);
        Map<String, Object> hexAddress = receipt(3);
        hexAddress.put("requester", ((String) hexAddress.get("requester")).substring(0, 41) + ARABIC_THREE);
        Map<String, Object> digitFee = receipt(4);
        digitFee.put("fee", ARABIC_THREE);
        Map<String, Object> hexSig = receipt(5);
        hexSig.put("providerSignature", ((String) hexSig.get("providerSignature")).substring(0, 131) + ARABIC_THREE);
        given().contentType(ContentType.JSON).body(Map.of("receipts", List.of(hexJob, hexAddress, digitFee, hexSig)))
                .post("/api/v1/receipts").then().statusCode(200).body("accepted", equalTo(0)).body("rejected", equalTo(4))
                .body("results.code", equalTo(List.of("invalid_field", "invalid_field", "invalid_field", "invalid_field")));
        assertThat(count("settlement.receipts")).isEqualTo(before);
    }

    @Test
    void anOversizedBody_isAJson413() throws Exception {
        long before = count("settlement.receipts");
        String pad = "x".repeat(70_000); // octo.settlement.max-body-bytes is 60,000 in the tests
        jsonError(postRaw("/api/v1/receipts", "{\"receipts\":[],\"pad\":\"" + pad + "\"}"), 413, "body_too_large");
        assertThat(count("settlement.receipts")).isEqualTo(before);
    }

    @Test
    void aBodyDeclaredAboveTheHttpServersOwnLimit_isAJson413_beforeAnyOfItIsRead() throws Exception {
        long before = count("settlement.receipts");
        // 20 MB declared (the server's limit is Quarkus's default 10 MB here, 16 MB in the node); no byte of it is sent
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/receipts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 20000000\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/json")
                    .contains("\"error\":\"body_too_large\"").contains("\"message\":");
        }
        assertThat(count("settlement.receipts")).isEqualTo(before);
    }

    @Test
    void aChunkedBodyAboveTheHttpServersOwnLimit_isA413_andNothingIsStored() throws Exception {
        long before = count("settlement.receipts");
        // no Content-Length: 11 MB in 64 KB chunks (the server's limit is Quarkus's default 10 MB here)
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/receipts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            // written on its own thread while this one reads: the server answers (and closes) mid-body
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                byte[] chunk = new byte[65_536];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try {
                    for (int i = 0; i < 176; i++) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException closedEarly) {
                    // expected: the connection is closed once the limit is passed
                }
            });
            java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buf)) > 0; ) {
                    received.write(buf, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // the answer came before the reset
            }
            writer.join(30_000);
            String answer = received.toString(java.nio.charset.StandardCharsets.UTF_8);
            // The one 413 without a JSON body: RESTEasy's input stream answers it itself, mid-body, and closes the
            // connection (docs/api.md "Transport limits"); a declared length gets the JSON 413 above.
            assertThat(answer).startsWith("HTTP/1.1 413");
        }
        assertThat(count("settlement.receipts")).isEqualTo(before);
    }

    @Test
    void theApiOfARoleThisNodeDoesNotRun_isAJson404_roleNotServed() {
        // octo.roles=settlement here; the verifier module is on the test class path, its spec store is not served
        given().get("/api/v1/specs/0x" + "1".repeat(64)).then().statusCode(404).body("error", equalTo("role_not_served"))
                .body("message", org.hamcrest.Matchers.containsString("verifier role"));
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/governance/votes").then().statusCode(404)
                .body("error", equalTo("role_not_served"));
        given().get("/api/v1/epochs").then().statusCode(200);
    }

    @Test
    void vouchers_withWrongTypesOrNonAsciiDigits_areRefused_andNothingIsStored() throws Exception {
        long before = count("settlement.vouchers");
        jsonError(postRaw("/api/v1/vouchers", "{\"vouchers\":[{\"requester\":\"" + requester.getAddress()
                + "\",\"epoch\":1.5,\"maxAmount\":\"1\",\"signature\":\"0x00\"}]}"), 400, "invalid_field");
        jsonError(postRaw("/api/v1/vouchers", "{\"vouchers\":{}}"), 400, "invalid_field");
        jsonError(postRaw("/api/v1/vouchers", "{\"vouchers\":[]}"), 400, "empty_batch");
        given().contentType(ContentType.JSON).body(Map.of("vouchers", List.of(Map.of("requester", requester.getAddress(),
                "epoch", epoch, "maxAmount", "1" + ARABIC_THREE, "signature", "0x" + "11".repeat(65)), Map.of("requester",
                requester.getAddress().substring(0, 41) + ARABIC_THREE, "epoch", epoch, "maxAmount", "1", "signature",
                "0x" + "11".repeat(65))))).post("/api/v1/vouchers").then().statusCode(200)
                .body("results.code", equalTo(List.of("invalid_field", "invalid_field")));
        assertThat(count("settlement.vouchers")).isEqualTo(before);
    }

    @Test
    void listEndpoints_refuseNegativeAndOverflowingPages_andBadParameters_withJson400s() {
        jsonError(given().queryParam("page", -1).get("/api/v1/epochs").then(), 400, "invalid_page");
        jsonError(given().queryParam("page", Integer.MAX_VALUE).get("/api/v1/epochs").then(), 400, "invalid_page");
        json4xx(given().queryParam("page", "1e3").get("/api/v1/epochs").then());
        jsonError(given().queryParam("contract", "RewardDistributor").queryParam("event", "RootSubmitted")
                .queryParam("page", Integer.MAX_VALUE).get("/api/v1/audit/events").then(), 400, "invalid_page");
        jsonError(given().queryParam("contract", "../../etc/passwd").queryParam("event", "RootSubmitted")
                .get("/api/v1/audit/events").then(), 400, "unknown_contract");
        jsonError(given().get("/api/v1/rewards/0x" + "1".repeat(39) + ARABIC_THREE).then(), 400, "invalid_address");
        jsonError(given().get("/api/v1/rewards/0x" + "1".repeat(39) + ARABIC_THREE + "/epochs").then(), 400, "invalid_address");
        jsonError(given().queryParam("limit", 501).get("/api/v1/rewards/0x" + "1".repeat(40) + "/epochs").then(), 400,
                "invalid_limit");
        jsonError(given().queryParam("before", -1).get("/api/v1/rewards/0x" + "1".repeat(40) + "/epochs").then(), 400,
                "invalid_cursor");
        json4xx(given().queryParam("before", "9".repeat(30)).get("/api/v1/rewards/0x" + "1".repeat(40) + "/epochs").then());
        jsonError(given().queryParam("provider", "0x12").get("/api/v1/attestations").then(), 400, "invalid_address");
        jsonError(given().get("/api/v1/audit/epochs/987654/verify").then(), 404, "epoch_not_found");
        json4xx(given().get("/api/v1/epochs/" + "9".repeat(30)).then());
    }

    @Test
    void aVeryLongPath_isAJson4xx_notABare414() {
        json4xx(given().get("/api/v1/epochs/" + "1".repeat(20_000)).then());
    }
}
