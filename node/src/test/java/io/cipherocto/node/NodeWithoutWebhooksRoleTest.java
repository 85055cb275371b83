package io.cipherocto.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A node whose roles leave out webhooks boots with the Hibernate Reactive persistence unit present (it opens no
 * connection at boot) and refuses the webhooks API before any resource runs.
 */
@QuarkusTest
@TestProfile(NodeWithoutWebhooksRoleTest.SettlementOnly.class)
class NodeWithoutWebhooksRoleTest {

    /** octo.roles without webhooks. */
    public static class SettlementOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("octo.roles", "settlement");
        }
    }

    @Test
    void theWebhooksApi_isNotServed_andTheNodeIsLive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/v1/webhooks").then().statusCode(404).body("error", equalTo("role_not_served"));
    }
}
