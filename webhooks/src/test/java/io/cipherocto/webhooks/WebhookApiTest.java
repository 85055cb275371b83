package io.cipherocto.webhooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subscription API over HTTP against real PostgreSQL: create (the secret once), list, get, delete, the delivery
 * log's keyset pages, the admin token, and every refusal as a JSON {error, message} with its code.
 */
@QuarkusTest
@QuarkusTestResource(value = WebhookApiTestDatabase.class, restrictToAnnotatedClass = true)
class WebhookApiTest {
    private static final String TOKEN = "Bearer test-admin-token";
    private static final String PROVIDER = "0x00000000000000000000000000000000000000A1";

    private static RequestSpecification admin() {
        return given().header("Authorization", TOKEN);
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = WebhookApiTestDatabase.db.jdbc(); var st = c.createStatement()) {
            st.execute("TRUNCATE webhooks.deliveries, webhooks.events, webhooks.subscriptions");
        }
    }

    private static JsonPath create(String body) {
        return admin().contentType("application/json").body(body).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath();
    }

    @Test
    void subscription_isCreatedListedReadAndDeleted_andItsSecretIsShownOnlyOnce() {
        JsonPath created = create("{\"url\":\"https://hooks.example.org/octo\",\"events\":[\"proposal.created\","
                + "\"provider.slashed\",\"proposal.created\"],\"filter\":{\"provider\":\"" + PROVIDER + "\"}}");
        String id = created.getString("id");
        assertThat(created.getString("secret")).matches("whsec_[0-9a-f]{64}");
        assertThat(created.getList("events", String.class)).containsExactly("proposal.created", "provider.slashed");
        assertThat(created.getString("filter.provider")).isEqualTo(PROVIDER.toLowerCase());

        admin().get("/api/v1/webhooks/" + id).then().statusCode(200).body("id", equalTo(id))
                .body("url", equalTo("https://hooks.example.org/octo")).body("secret", nullValue())
                .body("createdAt", notNullValue());
        admin().get("/api/v1/webhooks").then().statusCode(200).body("subscriptions", hasSize(1))
                .body("subscriptions[0].id", equalTo(id)).body("subscriptions[0].secret", nullValue()).body("next", nullValue());

        admin().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        admin().get("/api/v1/webhooks/" + id).then().statusCode(404).body("error", equalTo("subscription_not_found"));
        admin().delete("/api/v1/webhooks/" + id).then().statusCode(404).body("error", equalTo("subscription_not_found"));
    }

    @Test
    void subscriptionList_pagesByCursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(create("{\"url\":\"http://127.0.0.1:9/h" + i + "\",\"events\":[\"root.posted\"]}").getString("id"));
        }
        JsonPath first = admin().queryParam("limit", 2).get("/api/v1/webhooks").then().statusCode(200)
                .body("subscriptions", hasSize(2)).body("next", notNullValue()).extract().jsonPath();
        JsonPath second = admin().queryParam("limit", 2).queryParam("after", first.getString("next")).get("/api/v1/webhooks")
                .then().statusCode(200).body("subscriptions", hasSize(1)).body("next", nullValue()).extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("subscriptions.id", String.class));
        seen.addAll(second.getList("subscriptions.id", String.class));
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    @Test
    void deliveryLog_pagesByCursor_withAttemptsStatusAndTimes() throws Exception {
        String id = create("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"root.posted\"]}").getString("id");
        try (Connection c = WebhookApiTestDatabase.db.jdbc()) {
            for (int i = 0; i < 3; i++) {
                try (PreparedStatement e = c.prepareStatement("INSERT INTO webhooks.events (id, type, payload) "
                        + "VALUES (?, 'root.posted', '{}')")) {
                    e.setString(1, "root.posted:" + i + "-3");
                    e.executeUpdate();
                }
                try (PreparedStatement d = c.prepareStatement("INSERT INTO webhooks.deliveries (subscription_id, event_id, "
                        + "event_type, status, attempts, last_status_code, last_error, next_attempt_at) "
                        + "VALUES (?, ?, 'root.posted', 'pending', 1, 500, 'HTTP 500', now())")) {
                    d.setObject(1, UUID.fromString(id));
                    d.setString(2, "root.posted:" + i + "-3");
                    d.executeUpdate();
                }
            }
        }
        JsonPath first = admin().queryParam("limit", 2).get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(2)).body("deliveries[0].eventId", equalTo("root.posted:0-3"))
                .body("deliveries[0].event", equalTo("root.posted")).body("deliveries[0].attempts", equalTo(1))
                .body("deliveries[0].lastStatusCode", equalTo(500)).body("deliveries[0].lastError", equalTo("HTTP 500"))
                .body("deliveries[0].status", equalTo("pending")).body("deliveries[0].nextAttemptAt", notNullValue())
                .body("deliveries[0].deliveredAt", nullValue()).body("next", notNullValue()).extract().jsonPath();
        admin().queryParam("after", first.getString("next")).get("/api/v1/webhooks/" + id + "/deliveries").then()
                .statusCode(200).body("deliveries", hasSize(1)).body("deliveries[0].eventId", equalTo("root.posted:2-3"))
                .body("next", nullValue());
    }

    @Test
    void management_withoutTheAdminToken_isRefused401() {
        given().get("/api/v1/webhooks").then().statusCode(401).body("error", equalTo("unauthorized"));
        given().header("Authorization", "Bearer wrong").contentType("application/json")
                .body("{\"url\":\"https://x.example\",\"events\":[\"root.posted\"]}").post("/api/v1/webhooks").then()
                .statusCode(401).body("error", equalTo("unauthorized")).body("message", startsWith("webhook management"));
    }

    private static void refused(String body, int status, String code) {
        admin().contentType("application/json").body(body).post("/api/v1/webhooks").then().statusCode(status)
                .body("error", equalTo(code)).body("message", notNullValue());
    }

    @Test
    void invalidSubscriptions_areRefusedWithMachineReadableCodes() {
        refused("{\"url\":\"ftp://x.example/h\",\"events\":[\"root.posted\"]}", 400, "invalid_url");
        refused("{\"url\":\"file:///etc/passwd\",\"events\":[\"root.posted\"]}", 400, "invalid_url");
        refused("{\"url\":\"https://user:pw@x.example/h\",\"events\":[\"root.posted\"]}", 400, "invalid_url");
        refused("{\"url\":\"not a url\",\"events\":[\"root.posted\"]}", 400, "invalid_url");
        refused("{\"url\":\"https://x.example/" + "a".repeat(3000) + "\",\"events\":[\"root.posted\"]}", 400, "invalid_url");
        refused("{\"events\":[\"root.posted\"]}", 400, "invalid_url");
        refused("{\"url\":\"https://x.example/h\",\"events\":[]}", 400, "invalid_events");
        refused("{\"url\":\"https://x.example/h\"}", 400, "invalid_events");
        refused("{\"url\":\"https://x.example/h\",\"events\":[\"proposal.vetoed\"]}", 400, "unknown_event");
        refused("{\"url\":\"https://x.example/h\",\"events\":[\"root.posted\"],\"filter\":{\"provider\":\"0x12\"}}", 400,
                "invalid_filter");
        refused("{\"url\":\"https://x.example/h\",\"events\":\"root.posted\"}", 400, "invalid_field");
        refused("{", 400, "malformed_json");
        refused("null", 400, "invalid_body");

        admin().get("/api/v1/webhooks/not-a-uuid").then().statusCode(400).body("error", equalTo("invalid_id"));
        admin().get("/api/v1/webhooks/" + UUID.randomUUID()).then().statusCode(404).body("error", equalTo("subscription_not_found"));
        admin().queryParam("limit", 0).get("/api/v1/webhooks").then().statusCode(400).body("error", equalTo("invalid_limit"));
        admin().queryParam("limit", 501).get("/api/v1/webhooks").then().statusCode(400).body("error", equalTo("invalid_limit"));
        admin().queryParam("after", "-1").get("/api/v1/webhooks").then().statusCode(400).body("error", equalTo("invalid_cursor"));
        admin().queryParam("after", "1180591620717411303424").get("/api/v1/webhooks/" + UUID.randomUUID() + "/deliveries")
                .then().statusCode(400).body("error", equalTo("invalid_cursor"));
        assertThat(admin().get("/api/v1/webhooks").jsonPath().getList("subscriptions")).isEmpty();
    }

    @Test
    void subscriptionsBeyondTheLimit_areRefused409() {
        for (int i = 0; i < 5; i++) {
            create("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"root.posted\"]}");
        }
        refused("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"root.posted\"]}", 409, "too_many_subscriptions");
    }
}
