package io.cipherocto.node;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The service boots and serves liveness, the OpenAPI document and metrics; without a chain it is not ready. */
@QuarkusTest
class NodeHealthTest {
    @Test
    void live_isUp() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void ready_isDownWithTheReason_whenNoChainIsConfigured() {
        given().when().get("/q/health/ready").then().statusCode(503).body(containsString("octo.rpc-url is not set"));
    }

    @Test
    void openapi_andMetrics_areServed() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("CipherOcto"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
