package io.cipherocto.governance.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The API as configured in production for the throughput bench: per-client limit out of the way (one load generator), per-voter burst 1000 (each voter votes on every proposal at once), default caching. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "octo.governance.rate-limit.client-per-second", "10000000",
                "octo.governance.rate-limit.client-burst", "10000000",
                "octo.governance.rate-limit.voter-burst", "1000",
                "octo.governance.cache.head-ttl", "PT0.25S",
                "quarkus.log.category.\"io.cipherocto\".level", "WARN",
                "quarkus.log.category.\"io.quarkus\".level", "WARN");
    }
}
