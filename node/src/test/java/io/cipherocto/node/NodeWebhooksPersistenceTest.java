package io.cipherocto.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The assembled node (every role, every module's migrations, the JDBC datasource for Flyway next to the reactive one)
 * serves the webhooks read model through Hibernate Reactive: a subscription created, listed, read with its delivery
 * log, deleted.
 */
@QuarkusTest
@QuarkusTestResource(value = NodeTestDatabase.class, restrictToAnnotatedClass = true)
class NodeWebhooksPersistenceTest {

    @Test
    void webhookSubscriptionsAndTheirDeliveryLog_areServedByTheNode() throws Exception {
        // the node refuses private and local targets unless octo.webhooks.allow-private-targets (start-dev sets it)
        given().contentType("application/json").body("{\"url\":\"http://127.0.0.1:9/h\",\"events\":[\"root.posted\"]}")
                .post("/api/v1/webhooks").then().statusCode(400).body("error", equalTo("forbidden_target"));
        given().contentType("application/json").body("{\"url\":\"http://169.254.169.254/latest\",\"events\":[\"root.posted\"]}")
                .post("/api/v1/webhooks").then().statusCode(400).body("error", equalTo("forbidden_target"));
        String id = given().contentType("application/json") // a public address literal: no name to resolve here
                .body("{\"url\":\"https://203.0.113.10/octo\",\"events\":[\"root.posted\"]}")
                .post("/api/v1/webhooks").then().statusCode(201).body("filter", equalTo(java.util.Map.of()))
                .extract().path("id");
        try (Connection c = NodeTestDatabase.db.jdbc();
                PreparedStatement event = c.prepareStatement("INSERT INTO webhooks.events (id, type, payload) "
                        + "VALUES ('e-1', 'root.posted', '{}'::jsonb)");
                PreparedStatement delivery = c.prepareStatement("INSERT INTO webhooks.deliveries (subscription_id, "
                        + "event_id, event_type, status, attempts, last_status_code, delivered_at) "
                        + "VALUES (?, 'e-1', 'root.posted', 'delivered', 1, 200, now())")) {
            event.executeUpdate();
            delivery.setObject(1, UUID.fromString(id));
            delivery.executeUpdate();
        }

        given().get("/api/v1/webhooks").then().statusCode(200).body("subscriptions", hasSize(1))
                .body("subscriptions[0].id", equalTo(id)).body("next", nullValue());
        given().get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200)
                .body("deliveries", hasSize(1)).body("deliveries[0].eventId", equalTo("e-1"))
                .body("deliveries[0].status", equalTo("delivered")).body("deliveries[0].lastStatusCode", equalTo(200))
                .body("deliveries[0].nextAttemptAt", nullValue());
        given().delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().get("/api/v1/webhooks/" + id).then().statusCode(404).body("error", equalTo("subscription_not_found"));
    }
}
