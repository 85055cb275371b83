package io.cipherocto.platform.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A request the API refuses: an HTTP status, a machine-readable code and a message. Thrown by services, turned into
 * an {@link ApiError} body by {@link ApiExceptionMapper}. Nothing was changed when one is thrown.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Optional<Long> retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, Optional.empty());
    }

    private ApiException(int status, String code, String message, Optional<Long> retryAfterSeconds) {
        super(Objects.requireNonNull(message, "message"));
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    /** 401: the request is not authenticated as the party it claims (e.g. a signature that does not recover to it). */
    public static ApiException unauthorized(String code, String message) {
        return new ApiException(401, code, message);
    }

    /** 403: authenticated, but not allowed. */
    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public static ApiException payloadTooLarge(String code, String message) {
        return new ApiException(413, code, message);
    }

    public static ApiException unprocessable(String code, String message) {
        return new ApiException(422, code, message);
    }

    public static ApiException tooManyRequests(String code, String message, long retryAfterSeconds) {
        return new ApiException(429, code, message, Optional.of(Math.max(1, retryAfterSeconds)));
    }

    /** 503 with Retry-After: an upstream (chain, database, indexer) is not there now; the request may be retried. */
    public static ApiException unavailable(String code, String message) {
        return new ApiException(503, code, message, Optional.of(UpstreamFailure.RETRY_AFTER_SECONDS));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ApiError toBody() {
        return new ApiError(code, getMessage());
    }
}
