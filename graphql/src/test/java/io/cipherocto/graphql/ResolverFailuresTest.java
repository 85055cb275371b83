package io.cipherocto.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.platform.api.ApiException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How a resolver's failure becomes the status and code of the answer. */
class ResolverFailuresTest {
    @Test
    void anApiException_keepsItsStatusAndCode_evenWrapped() {
        ApiException e = ApiException.notFound("epoch_not_found", "epoch 9 is not settled yet");
        assertThat(ResolverFailures.classify(e)).isSameAs(e);
        assertThat(ResolverFailures.classify(new CompletionException(e))).isSameAs(e);
    }

    @Test
    void anUnreachableChain_is503_withRetryAfter() {
        ApiException e = ResolverFailures.classify(new UncheckedIOException(new ConnectException("Connection refused")));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("chain_unavailable");
        assertThat(e.retryAfterSeconds()).isPresent();
    }

    @Test
    void anythingElse_is500_internalError_neverABareOne() {
        ApiException e = ResolverFailures.classify(new IllegalStateException("bug"));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.code()).isEqualTo("internal_error");
        assertThat(e.getMessage()).contains("IllegalStateException");
    }
}
