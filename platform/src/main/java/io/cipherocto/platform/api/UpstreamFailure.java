package io.cipherocto.platform.api;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * Tells an unreachable upstream from a bug: a failure whose cause chain holds a refused connection, a closed
 * connection or a timeout is the database's when it was raised inside the SQL client, else the chain's (JSON-RPC).
 * Either is a 503 with Retry-After (the request changed nothing and may be retried), never a 500. The one place that
 * builds these answers: {@link #chainUnavailable}, {@link #storeUnavailable}, and {@link #chainCallFailed} for a chain
 * call that a gateway reports failed (governance's {@code ChainFailures} delegates here).
 */
public final class UpstreamFailure {
    /** Seconds a client should wait before retrying after a 503. */
    public static final long RETRY_AFTER_SECONDS = 5;

    private UpstreamFailure() {
    }

    /** The 503 answer for {@code failure}, when it is an unreachable database or chain. */
    public static Optional<ApiException> classify(Throwable failure) {
        boolean connection = false;
        boolean sql = false;
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            connection |= c instanceof ConnectException || c instanceof SocketTimeoutException || c instanceof HttpTimeoutException
                    || c.getClass().getName().equals("io.vertx.sqlclient.ClosedConnectionException")
                    || String.valueOf(c.getMessage()).startsWith("Connection is not active now")
                    || c instanceof java.sql.SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08");
            sql |= raisedInSqlClient(c);
        }
        if (!connection) {
            return Optional.empty();
        }
        return Optional.of(sql
                ? storeUnavailable("the database cannot be reached: " + rootMessage(failure))
                : chainUnavailable("the chain node (JSON-RPC) cannot be reached: " + rootMessage(failure)));
    }

    /**
     * The 503 for a chain call that failed as a whole, as a gateway raises it (the node did not answer, or answered an
     * error where a value was due): {@code chain_unavailable}, {@code "the chain node did not answer: " + message}.
     */
    public static ApiException chainCallFailed(Throwable failure) {
        return chainUnavailable("the chain node did not answer: " + failure.getMessage());
    }

    /** 503 {@code chain_unavailable} with Retry-After: the chain (JSON-RPC) is not there now. */
    public static ApiException chainUnavailable(String message) {
        return ApiException.unavailable("chain_unavailable", message);
    }

    /** 503 {@code store_unavailable} with Retry-After: the database is not there now. */
    public static ApiException storeUnavailable(String message) {
        return ApiException.unavailable("store_unavailable", message);
    }

    private static boolean raisedInSqlClient(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("io.vertx.sqlclient.") || c.startsWith("io.vertx.mutiny.sqlclient.") || c.startsWith("io.vertx.pgclient.")) {
                return true;
            }
        }
        return t.getClass().getName().startsWith("io.vertx.sqlclient.") || t.getClass().getName().startsWith("io.vertx.pgclient.")
                || t instanceof java.sql.SQLException;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
