package io.cipherocto.governance.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.api.UpstreamFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Governance's chain-call failures answer as the platform's 503 chain_unavailable, with Retry-After. */
class ChainFailuresTest {
    @Test
    void anUnansweredOrFailedChainCall_isAChainFailure_aBugIsNot() {
        assertThat(ChainFailures.isChainFailure(new UncheckedIOException("JSON-RPC getVotes failed", new IOException("refused"))))
                .isTrue();
        assertThat(ChainFailures.isChainFailure(new GovernorGateway.ChainCallException("execution reverted"))).isTrue();
        assertThat(ChainFailures.isChainFailure(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void unavailable_is503ChainUnavailable_withRetryAfter_namingTheFailure() {
        ApiException e = ChainFailures.unavailable(new GovernorGateway.ChainCallException("execution reverted"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("chain_unavailable");
        assertThat(e.getMessage()).isEqualTo("the chain node did not answer: execution reverted");
        assertThat(e.retryAfterSeconds()).contains(UpstreamFailure.RETRY_AFTER_SECONDS);
    }
}
