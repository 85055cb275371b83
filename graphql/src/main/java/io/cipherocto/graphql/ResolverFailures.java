package io.cipherocto.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import io.cipherocto.governance.api.ChainFailures;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.api.UpstreamFailure;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * A resolver's failure as the REST API would answer it: its {@link ApiException} as is; an unreachable database or
 * chain as 503 ({@link UpstreamFailure}, {@link ChainFailures}); anything else as 500 {@code internal_error}, logged.
 * The GraphQL error carries {@code extensions: {code, status}}; the exception is also recorded in the request's
 * context so that {@link GraphqlResource} answers with its status.
 */
final class ResolverFailures implements DataFetcherExceptionHandler {
    private static final Logger LOG = Logger.getLogger(ResolverFailures.class);

    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(DataFetcherExceptionHandlerParameters p) {
        ApiException e = classify(p.getException());
        Queue<ApiException> failures = p.getDataFetchingEnvironment().getGraphQlContext().get(GraphqlEngine.FAILURES);
        if (failures != null) {
            failures.add(e);
        }
        GraphQLError error = GraphqlErrorBuilder.newError().message(e.getMessage()).path(p.getPath())
                .location(p.getSourceLocation()).extensions(Map.of("code", e.code(), "status", e.status())).build();
        return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }

    static ApiException classify(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof ApiException a) {
            return a;
        }
        if (ChainFailures.isChainFailure(c)) {
            return ChainFailures.unavailable(c);
        }
        var upstream = UpstreamFailure.classify(c);
        if (upstream.isPresent()) {
            LOG.warnf("graphql answered 503 %s: %s", upstream.get().code(), upstream.get().getMessage());
            return upstream.get();
        }
        LOG.error("unexpected failure resolving a GraphQL field", c);
        return new ApiException(500, "internal_error", "the request failed unexpectedly (" + c.getClass().getSimpleName()
                + "); see the node log");
    }
}
