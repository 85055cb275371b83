package io.cipherocto.governance.api;

import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.platform.api.ApiException;
import java.io.UncheckedIOException;

/** A JSON-RPC node that does not answer (or answers an error) is a 503 chain_unavailable, not a 500. */
public final class ChainFailures {
    private ChainFailures() {
    }

    public static boolean isChainFailure(Throwable t) {
        return t instanceof UncheckedIOException || t instanceof GovernorGateway.ChainCallException;
    }

    public static ApiException unavailable(Throwable t) {
        return ApiException.unavailable("chain_unavailable", "the chain node did not answer: " + t.getMessage());
    }
}
