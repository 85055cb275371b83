package io.cipherocto.platform.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refusal leaves the API as {@code {"error": code, "message": text}} with its status. */
public class ApiExceptionMapper {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(e.toBody());
        e.retryAfterSeconds().ifPresent(s -> r.header("Retry-After", s));
        return r.build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return json(400, new ApiError("malformed_json", "request body is not valid JSON for this endpoint: "
                + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, new ApiError("not_found", "no such resource"));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 400 -> "bad_request";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 413 -> "body_too_large";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
        return json(status, new ApiError(code, String.valueOf(e.getMessage())));
    }

    private static Response json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }
}
