package io.cipherocto.governance.api;

import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.api.UpstreamFailure;
import java.io.UncheckedIOException;

/**
 * Which failures of governance's chain calls are the chain's: a JSON-RPC node that does not answer
 * ({@link UncheckedIOException}) or answers an error ({@link GovernorGateway.ChainCallException}). The answer itself,
 * a 503 {@code chain_unavailable} with Retry-After rather than a 500, is {@link UpstreamFailure#chainCallFailed}.
 */
public final class ChainFailures {
    private ChainFailures() {
    }

    public static boolean isChainFailure(Throwable t) {
        return t instanceof UncheckedIOException || t instanceof GovernorGateway.ChainCallException;
    }

    /** {@link UpstreamFailure#chainCallFailed}: 503 chain_unavailable, {@code "the chain node did not answer: " + message}. */
    public static ApiException unavailable(Throwable t) {
        return UpstreamFailure.chainCallFailed(t);
    }
}
