package io.cipherocto.settlement.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Production batch limits (10,000 receipts, 32,768 in envelopes, 16 MiB bodies) for the benchmark. */
public class BenchProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("octo.settlement.max-batch", "10000", "octo.settlement.max-envelope-receipts", "32768",
                "octo.settlement.max-body-bytes", "16777216",
                "quarkus.http.limits.max-body-size", "16M",
                "quarkus.log.category.\"io.cipherocto.settlement.receipt\".level", "DEBUG",
                "quarkus.log.category.\"io.cipherocto.settlement.store.ReceiptStore\".level", "DEBUG");
    }
}
