package io.cipherocto.webhooks.store;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.api.UpstreamFailure;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A database without the webhooks schema (its migrations not applied) is a 503 {@code webhooks_unavailable}, an
 * unreachable one a 503 {@code store_unavailable}, never a 500.
 */
final class StoreFailures {
    static final String UNDEFINED_TABLE = "42P01";
    static final String UNDEFINED_SCHEMA = "3F000";

    private StoreFailures() {
    }

    /** A blocking query of the plain reactive client, its missing-schema failure as 503. */
    static <T> T call(Supplier<T> query) {
        try {
            return query.get();
        } catch (io.vertx.pgclient.PgException e) {
            if (missingSchema(e)) {
                throw unavailable();
            }
            throw e;
        }
    }

    /**
     * A Hibernate Reactive query, its failures (wrapped as Hibernate wraps them) as 503 when the schema is missing or
     * the database cannot be reached. These queries reach only the database, so every connection failure is its.
     */
    static <T> Uni<T> on(Uni<T> query) {
        return query.onFailure().transform(StoreFailures::translate);
    }

    /** The API's answer for a failure of the read model: 503 for a missing schema or database, else the failure. */
    static Throwable translate(Throwable failure) {
        if (missingSchema(failure)) {
            return unavailable();
        }
        if (failure instanceof ApiException) {
            return failure;
        }
        return UpstreamFailure.classify(failure).<Throwable>map(e -> ApiException.unavailable("store_unavailable",
                "the database cannot be reached: " + rootMessage(failure))).orElse(failure);
    }

    /** Whether the failure, or one of its causes, is PostgreSQL's undefined table or schema. */
    static boolean missingSchema(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String state = c instanceof io.vertx.pgclient.PgException pg ? pg.getSqlState()
                    : c instanceof java.sql.SQLException sql ? sql.getSQLState() : null;
            if (UNDEFINED_TABLE.equals(state) || UNDEFINED_SCHEMA.equals(state)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static ApiException unavailable() {
        return ApiException.unavailable("webhooks_unavailable",
                "the webhooks tables are not in the database (db/migration/webhooks was not applied)");
    }
}
