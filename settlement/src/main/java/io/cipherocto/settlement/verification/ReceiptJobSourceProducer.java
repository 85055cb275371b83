package io.cipherocto.settlement.verification;

import io.cipherocto.verifier.runtime.JobSource;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** With settlement in the process, the verifier verifies settlement's receipts (replaces the verifier's default). */
@ApplicationScoped
public class ReceiptJobSourceProducer {
    @Produces
    @ApplicationScoped
    JobSource receipts(Pool pool) {
        return new ReceiptJobSource(pool);
    }
}
