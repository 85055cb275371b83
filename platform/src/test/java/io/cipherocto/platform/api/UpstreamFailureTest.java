package io.cipherocto.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class UpstreamFailureTest {
    private static <T extends Throwable> T raisedBy(T t, String className) {
        t.setStackTrace(new StackTraceElement[] {new StackTraceElement(className, "executeAndAwait", "X.java", 1)});
        return t;
    }

    @Test
    void refusedConnection_insideTheSqlClient_isStoreUnavailable_withRetryAfter() {
        var failure = raisedBy(new CompletionException(new ConnectException("Connection refused: localhost/127.0.0.1:43405")),
                "io.vertx.mutiny.sqlclient.PreparedQuery");
        ApiException e = UpstreamFailure.classify(failure).orElseThrow();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("store_unavailable");
        assertThat(e.retryAfterSeconds()).contains(UpstreamFailure.RETRY_AFTER_SECONDS);
    }

    @Test
    void closedPoolConnection_isStoreUnavailable() {
        var failure = raisedBy(new CompletionException(new RuntimeException("Connection is not active now, current status: CLOSED")),
                "io.vertx.mutiny.sqlclient.Query");
        assertThat(UpstreamFailure.classify(failure).orElseThrow().code()).isEqualTo("store_unavailable");
    }

    @Test
    void aJdbcConnectionFailure_isStoreUnavailable_butAJdbcConstraintErrorIsNot() {
        var refused = new RuntimeException("storing receipts failed", new java.sql.SQLException(
                "Connection to localhost:5432 refused", "08001", new ConnectException("Connection refused")));
        assertThat(UpstreamFailure.classify(refused).orElseThrow().code()).isEqualTo("store_unavailable");
        var duplicate = new RuntimeException("storing receipts failed", new java.sql.SQLException("duplicate key", "23505"));
        assertThat(UpstreamFailure.classify(duplicate)).isEmpty();
    }

    @Test
    void timeoutOutsideTheSqlClient_isChainUnavailable() {
        var failure = raisedBy(new RuntimeException(new SocketTimeoutException("timeout")), "org.web3j.protocol.http.HttpService");
        assertThat(UpstreamFailure.classify(failure).orElseThrow().code()).isEqualTo("chain_unavailable");
    }

    @Test
    void aBug_isNotAnUpstreamFailure() {
        var failure = raisedBy(new CompletionException(new IllegalStateException("syntax error at or near")),
                "io.vertx.mutiny.sqlclient.PreparedQuery");
        assertThat(UpstreamFailure.classify(failure)).isEmpty();
        assertThat(UpstreamFailure.classify(new NullPointerException())).isEmpty();
    }

    @Test
    void unavailable_alwaysSaysWhenToRetry() {
        assertThat(ApiException.unavailable("indexer_unavailable", "x").retryAfterSeconds()).contains(5L);
    }

    @Test
    void aFailedChainCall_isChainUnavailable_withRetryAfter_andTheCallsMessage() {
        ApiException e = UpstreamFailure.chainCallFailed(new java.io.UncheckedIOException("JSON-RPC quorum failed",
                new java.io.IOException("Connection refused")));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.code()).isEqualTo("chain_unavailable");
        assertThat(e.getMessage()).isEqualTo("the chain node did not answer: JSON-RPC quorum failed");
        assertThat(e.retryAfterSeconds()).contains(UpstreamFailure.RETRY_AFTER_SECONDS);
    }
}
