package io.cipherocto.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every refusal leaves the API as {@code {"error": code, "message": text}} with its status: the service's own
 * {@link ApiException}s, malformed or mistyped JSON (400, naming the field), HTTP-level refusals, an unreachable chain
 * (503 with Retry-After), and anything unforeseen (500 {@code internal_error}, logged), so that no failure leaves as a
 * bare status or an empty body.
 */
public class ApiExceptionMapper {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.toBody());
        e.retryAfterSeconds().ifPresent(s -> r.header("Retry-After", s));
        return r.build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.core.exc.InputCoercionException ic) {
                return outOfRange(ic);
            }
        }
        return json(400, new ApiError("malformed_json", "request body is not valid JSON for this endpoint: "
                + e.getOriginalMessage()));
    }

    /**
     * A JSON value of the wrong type or out of range for its field (a string epoch, an object fee, 12.5 or 2^64 for an
     * integer): 400 {@code invalid_field} naming the field. More specific than the built-in mapper of
     * quarkus-rest-jackson, which answers these with an empty 400.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mistyped(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return json(400, new ApiError("invalid_field", "field '" + path(e) + "' has the wrong type or is out of range: "
                + e.getOriginalMessage()));
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response outOfRange(com.fasterxml.jackson.core.exc.InputCoercionException e) {
        return json(400, new ApiError("invalid_field", "a number is out of range for its field: " + e.getOriginalMessage()));
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "(body)" : b.toString();
    }

    /** The JSON-RPC endpoint (or another upstream) cannot be reached: 503, retry later. */
    @ServerExceptionMapper
    public Response unavailable(java.io.UncheckedIOException e) {
        return Response.status(503).type(MediaType.APPLICATION_JSON).header("Retry-After", UpstreamFailure.RETRY_AFTER_SECONDS)
                .entity(new ApiError("chain_unavailable", "an upstream (the JSON-RPC endpoint) cannot be reached: "
                        + e.getMessage())).build();
    }

    /** Anything no other mapper knows: never a bare 500. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (e instanceof java.io.IOException && "Request too large".equals(e.getMessage())) {
            // A body without Content-Length grew past quarkus.http.limits.max-body-size while it was read: the HTTP
            // layer has already answered 413 and closed the connection; this answer is only for the record.
            LOG.debug("request body above the HTTP server's limit", e);
            return json(413, new ApiError("body_too_large", "the request body is above the server's limit"));
        }
        java.util.Optional<ApiException> upstream = UpstreamFailure.classify(e);
        if (upstream.isPresent()) {
            LOG.warnf("answered 503 %s: %s", upstream.get().code(), upstream.get().getMessage());
            return api(upstream.get());
        }
        LOG.error("unexpected failure answering a request", e);
        return json(500, new ApiError("internal_error", "the request failed unexpectedly (" + e.getClass().getSimpleName()
                + "); see the node log"));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, new ApiError("not_found", "no such resource"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // The JSON reader's failures arrive wrapped in a 400 (BadRequestException): answer them as their own kind.
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
                return mistyped(m);
            }
            if (c instanceof com.fasterxml.jackson.core.exc.InputCoercionException ic) {
                return outOfRange(ic);
            }
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException j) {
                return malformedJson(j);
            }
        }
        String code = switch (status) {
            case 400 -> "bad_request";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        return json(status, new ApiError(code, String.valueOf(e.getMessage())));
    }

    private static Response json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
