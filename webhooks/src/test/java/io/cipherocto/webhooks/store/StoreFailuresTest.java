package io.cipherocto.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.platform.api.ApiException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the read model's failures, wrapped as Hibernate Reactive wraps them, reach the API: 503s, not 500s. */
class StoreFailuresTest {

    @Test
    void aMissingTable_underHibernatesWrapping_isWebhooksUnavailable() {
        Throwable wrapped = new CompletionException(new RuntimeException("could not execute query",
                new SQLException("relation \"webhooks.subscriptions\" does not exist", StoreFailures.UNDEFINED_TABLE)));

        assertThat(StoreFailures.translate(wrapped)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("webhooks_unavailable");
        });
    }

    @Test
    void anUnreachableDatabase_isStoreUnavailable() {
        Throwable wrapped = new CompletionException(new ConnectException("Connection refused: localhost/127.0.0.1:5432"));

        assertThat(StoreFailures.translate(wrapped)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.code()).isEqualTo("store_unavailable");
            assertThat(e.retryAfterSeconds()).isPresent();
        });
    }

    @Test
    void theApisOwnRefusals_andOtherFailures_passThrough() {
        ApiException notFound = ApiException.notFound("subscription_not_found", "no webhook subscription x");
        IllegalStateException bug = new IllegalStateException("a bug");

        assertThat(StoreFailures.translate(notFound)).isSameAs(notFound);
        assertThat(StoreFailures.translate(bug)).isSameAs(bug);
    }
}
