package io.cipherocto.platform.api;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;

/**
 * Tells an unreachable upstream from a bug: a failure whose cause chain holds a refused connection, a closed
 * connection or a timeout is the database's when it was raised inside the SQL client, else the chain's (JSON-RPC).
 * Either is a 503 with Retry-After (the request changed nothing and may be retried), never a 500.
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
                    || String.valueOf(c.getMessage()).startsWith("Connection is not active now");
            sql |= raisedInSqlClient(c);
        }
        if (!connection) {
            return Optional.empty();
        }
        return Optional.of(sql
                ? ApiException.unavailable("store_unavailable", "the database cannot be reached: " + rootMessage(failure))
                : ApiException.unavailable("chain_unavailable", "the chain node (JSON-RPC) cannot be reached: " + rootMessage(failure)));
    }

    private static boolean raisedInSqlClient(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            String c = e.getClassName();
            if (c.startsWith("io.vertx.sqlclient.") || c.startsWith("io.vertx.mutiny.sqlclient.") || c.startsWith("io.vertx.pgclient.")) {
                return true;
            }
        }
        return t.getClass().getName().startsWith("io.vertx.sqlclient.") || t.getClass().getName().startsWith("io.vertx.pgclient.");
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
