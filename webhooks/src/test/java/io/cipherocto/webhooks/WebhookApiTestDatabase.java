package io.cipherocto.webhooks;

import io.cipherocto.devkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Embedded PostgreSQL with the indexer's and the webhooks' migrations, for the @QuarkusTest of the API. */
public class WebhookApiTestDatabase implements QuarkusTestResourceLifecycleManager {
    static volatile TestDatabase db;

    @Override
    public Map<String, String> start() {
        db = TestDatabase.start("indexer", "webhooks");
        return Map.of("quarkus.datasource.reactive.url", db.reactiveUrl());
    }

    @Override
    public void stop() {
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                db.server().close(); // after Quarkus has shut down, closing the Mutiny Vertx fails: stop the server
            }
        }
    }
}
