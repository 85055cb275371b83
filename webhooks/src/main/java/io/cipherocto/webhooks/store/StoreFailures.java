package io.cipherocto.webhooks.store;

import io.cipherocto.platform.api.ApiException;
import java.util.function.Supplier;

/** A database without the webhooks schema (its migrations not applied) is a 503, not a 500. */
final class StoreFailures {
    static final String UNDEFINED_TABLE = "42P01";
    static final String UNDEFINED_SCHEMA = "3F000";

    private StoreFailures() {
    }

    static <T> T call(Supplier<T> query) {
        try {
            return query.get();
        } catch (io.vertx.pgclient.PgException e) {
            if (UNDEFINED_TABLE.equals(e.getSqlState()) || UNDEFINED_SCHEMA.equals(e.getSqlState())) {
                throw ApiException.unavailable("webhooks_unavailable",
                        "the webhooks tables are not in the database (db/migration/webhooks was not applied)");
            }
            throw e;
        }
    }
}
