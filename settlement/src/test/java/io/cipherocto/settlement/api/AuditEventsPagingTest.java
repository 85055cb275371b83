package io.cipherocto.settlement.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventQuery;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /api/v1/audit/events pages through indexed events by cursor (keyset on block number and log index) against
 * real PostgreSQL, refuses bad cursors as JSON 400s, and answers 503 indexer_unavailable without the indexer's tables.
 * The Transfer rows are written directly, at blocks the test chain never reaches.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEventsPagingTest {
    private static final long FROM = 1_000_000;
    /** (block, log index) of the rows, in chain order. */
    private static final long[][] ROWS = {{FROM, 0}, {FROM, 1}, {FROM + 1, 0}, {FROM + 1, 4}, {FROM + 7, 2}};

    @Inject
    IndexedEvents indexed;

    @BeforeAll
    void writeTransfers() throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO indexer.octo_token_transfer (block_number, log_index, tx_index, block_hash, tx_hash, contract, "
                        + "\"from\", \"to\", \"value\") VALUES (?, ?, 0, '0xbb', '0xtt', '0xcc', '0xaa', '0xdd', ?::numeric)")) {
            for (long[] r : ROWS) {
                st.setLong(1, r[0]);
                st.setInt(2, (int) r[1]);
                st.setString(3, "1" + "0".repeat(30) + r[1]);
                st.executeUpdate();
            }
        }
    }

    private static RequestSpecification transfers() {
        return given().queryParam("contract", "OctoToken").queryParam("event", "Transfer").queryParam("fromBlock", FROM);
    }

    private static List<String> positions(JsonPath page) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < page.getList("events").size(); i++) {
            out.add(page.getLong("events[" + i + "].block_number") + "-" + page.getInt("events[" + i + "].log_index"));
        }
        return out;
    }

    @Test
    void eventPages_followTheNextCursor_untilTheLastPage_inChainOrder() {
        JsonPath first = transfers().queryParam("limit", 2).get("/api/v1/audit/events").then().statusCode(200)
                .body("contract", equalTo("OctoToken")).body("event", equalTo("Transfer(address,address,uint256)"))
                .body("limit", equalTo(2)).body("hasMore", equalTo(true)).body("next", equalTo(FROM + "-1"))
                .body("events[0].value", equalTo("1" + "0".repeat(30) + "0")).body("events[0].from", equalTo("0xaa"))
                .extract().jsonPath();
        assertThat(positions(first)).containsExactly(FROM + "-0", FROM + "-1");

        JsonPath second = transfers().queryParam("limit", 2).queryParam("after", first.getString("next"))
                .get("/api/v1/audit/events").then().statusCode(200).body("hasMore", equalTo(true)).extract().jsonPath();
        assertThat(positions(second)).containsExactly((FROM + 1) + "-0", (FROM + 1) + "-4");

        JsonPath last = transfers().queryParam("limit", 2).queryParam("after", second.getString("next"))
                .get("/api/v1/audit/events").then().statusCode(200).body("hasMore", equalTo(false))
                .body("next", nullValue()).extract().jsonPath();
        assertThat(positions(last)).containsExactly((FROM + 7) + "-2");
    }

    @Test
    void theDefaultPage_pageZero_andAnEmptyAfter_areTheFirstPage_ofAtMostAHundred() {
        transfers().get("/api/v1/audit/events").then().statusCode(200).body("limit", equalTo(100))
                .body("events.size()", equalTo(ROWS.length)).body("hasMore", equalTo(false)).body("next", nullValue());
        transfers().queryParam("page", 0).get("/api/v1/audit/events").then().statusCode(200)
                .body("events.size()", equalTo(ROWS.length));
        transfers().queryParam("after", "").get("/api/v1/audit/events").then().statusCode(200)
                .body("events.size()", equalTo(ROWS.length));
    }

    @Test
    void aBadCursor_isAJson400_invalidCursor() {
        for (String bad : List.of("abc", "12", "1-", "-1-2", "1-2-3", "1--2", "\u0663-1", "99999999999999999999-0",
                "1-99999999999", "1 -2")) {
            transfers().queryParam("after", bad).get("/api/v1/audit/events").then().log().ifValidationFails()
                    .statusCode(400).contentType(ContentType.JSON).body("error", equalTo("invalid_cursor"))
                    .body("message", notNullValue());
        }
    }

    @Test
    void pagesBeyondTheFirst_andLimitsOutOfRange_areJson400s() {
        transfers().queryParam("page", 1).get("/api/v1/audit/events").then().statusCode(400)
                .contentType(ContentType.JSON).body("error", equalTo("invalid_page")).body("message", notNullValue());
        for (int limit : new int[] {0, -1, IndexedEvents.MAX_PAGE_SIZE + 1}) {
            transfers().queryParam("limit", limit).get("/api/v1/audit/events").then().statusCode(400)
                    .contentType(ContentType.JSON).body("error", equalTo("invalid_limit"));
        }
    }

    @Test
    void theInjectedIndexedEvents_readsTheSameEvents_asTheEndpoint() {
        var def = EventCatalog.suite().of("OctoToken").get("Transfer");
        assertThat(indexed.events(EventQuery.first(def, FROM, Long.MAX_VALUE, 10)).events())
                .extracting(e -> e.blockNumber() + "-" + e.logIndex())
                .containsExactlyElementsOf(positions(transfers().get("/api/v1/audit/events").then().extract().jsonPath()));
    }

    @Test
    void withoutTheIndexersTables_eventsAre503IndexerUnavailable_andAttestationsLeaveThemOut() throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc(); Statement st = c.createStatement()) {
            st.execute("ALTER SCHEMA indexer RENAME TO indexer_away");
            try {
                transfers().get("/api/v1/audit/events").then().statusCode(503).contentType(ContentType.JSON)
                        .body("error", equalTo("indexer_unavailable")).body("message", notNullValue());
                given().get("/api/v1/attestations").then().statusCode(200).body("$", not(hasKey("failAttestationsOnChain")))
                        .body("$", not(hasKey("slashesExecuted"))).body("settlementVerdicts", notNullValue());
            } finally {
                st.execute("ALTER SCHEMA indexer_away RENAME TO indexer");
            }
        }
        given().get("/api/v1/attestations").then().statusCode(200).body("failAttestationsOnChain.size()", equalTo(0))
                .body("slashesExecuted.size()", equalTo(0)).body("slashesCancelled.size()", equalTo(0));
    }
}
