package io.cipherocto.node;

import io.cipherocto.devkit.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Embedded PostgreSQL with every module's migrations, as the node's own database ({@code octo.db.url}). */
public class NodeTestDatabase implements QuarkusTestResourceLifecycleManager {
    static volatile TestDatabase db;

    @Override
    public Map<String, String> start() {
        db = TestDatabase.start("indexer", "settlement", "governance", "verifier", "webhooks");
        return Map.of("octo.db.url", db.reactiveUrl());
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
