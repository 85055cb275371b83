package io.cipherocto.chain.events;

import io.cipherocto.platform.api.ApiException;

/**
 * The indexed events cannot be read because the indexer's tables are not in the database (the chain-indexer's
 * migrations were not applied). An {@link ApiException}, so an endpoint that lets it through answers
 * 503 {@code {"error": "indexer_unavailable", "message": ...}}; a caller that can do without indexed events catches it.
 */
public class IndexerUnavailableException extends ApiException {
    public static final String CODE = "indexer_unavailable";

    public IndexerUnavailableException(String message) {
        super(503, CODE, message);
    }
}
