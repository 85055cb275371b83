package io.cipherocto.governance;

import static io.restassured.RestAssured.given;

import io.cipherocto.governance.relay.RelaySettings;
import io.cipherocto.governance.relay.Relayer;
import io.cipherocto.governance.store.BallotStatus;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** HTTP and relayer helpers shared by the @QuarkusTest classes. */
public final class GovernanceTestSupport {
    public static final String VOTES = "/api/v1/governance/votes";

    private GovernanceTestSupport() {
    }

    public static ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post(VOTES).then();
    }

    /** Posts and expects a refusal with {@code status} and {@code code}, and that nothing was stored. */
    public static void assertRefused(GovernanceRuntime runtime, String body, int status, String code) {
        long before = runtime.store().count();
        post(body).statusCode(status).body("error", org.hamcrest.Matchers.equalTo(code));
        org.assertj.core.api.Assertions.assertThat(runtime.store().count()).as("ballots stored").isEqualTo(before);
    }

    public static UUID accept(String body) {
        return UUID.fromString(post(body).statusCode(202).extract().path("ballotId"));
    }

    /** A relayer on the test key with its own settings (a fresh instance = a restarted relayer). */
    public static Relayer relayer(io.cipherocto.governance.relay.RelayerWorker worker, Duration stuckAfter) {
        Relayer base = worker.create();
        return base.withSettings(new RelaySettings(400_000, stuckAfter, 25, Optional.empty(), 16, 1));
    }

    /** Runs relay rounds until no ballot is queued or submitted (automine on), for at most about 10 s. */
    public static void drain(GovernanceRuntime runtime, Relayer relayer) {
        for (int i = 0; i < 200; i++) {
            relayer.relayOnce();
            if (runtime.store().queued(1).isEmpty() && runtime.store().submitted().isEmpty()) {
                return;
            }
            try {
                Thread.sleep(50); // automine mines right after eth_sendRawTransaction returns; the receipt may lag
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("relayer did not drain");
    }

    public static BallotStatus status(GovernanceRuntime runtime, UUID id) {
        return runtime.store().find(id).orElseThrow().status();
    }
}
