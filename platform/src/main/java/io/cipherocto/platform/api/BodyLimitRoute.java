package io.cipherocto.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The JSON 413 for a body above the HTTP server's own limit ({@code quarkus.http.limits.max-body-size}). Quarkus
 * answers such a request with a bare 413 from a route of order -2; this route runs just before it (order -3), reads
 * only the declared {@code Content-Length} and answers {@code {"error":"body_too_large","message":...}}, closing the
 * connection without reading the body. Bodies within the limit reach the API, whose own smaller limits answer the same
 * JSON; a chunked body over the limit is stopped while it is read and mapped by {@link ApiExceptionMapper}.
 */
@ApplicationScoped
public class BodyLimitRoute {
    /** Just before Quarkus's upload-limit route (order -2). */
    static final int ORDER = -3;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        String body = json(new ApiError("body_too_large", "the request body may hold at most " + limit + " bytes"));
        router.route().order(ORDER).handler(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length, limit)) {
                ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body)
                        .onComplete(done -> ctx.request().connection().close());
                return;
            }
            ctx.next();
        });
    }

    /** A declared length above the limit (digits only; anything else is the HTTP codec's business). */
    static boolean tooLarge(String contentLength, long limit) {
        String s = contentLength.trim();
        if (s.isEmpty() || s.length() > 19 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return s.length() > 19 && s.chars().allMatch(c -> c >= '0' && c <= '9');
        }
        return Long.parseLong(s) > limit;
    }

    private static String json(ApiError e) {
        try {
            return JSON.writeValueAsString(e);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
