package io.cipherocto.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.api.UpstreamFailure;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /graphql} ({@code {query, variables, operationName}}, or the query itself as {@code application/graphql}),
 * {@code GET /graphql?query=}, the schema at {@code GET /graphql/schema.graphql} and a small query page at
 * {@code GET /graphql/ui}.
 *
 * <p>One error contract with the REST API: 200 {@code {data}} when the query succeeds; otherwise a JSON
 * {@code {error, message, errors[, data]}} with the status of the failure: 400 {@code invalid_query} (does not parse or
 * validate), 400 {@code query_too_large}/{@code query_too_deep}/{@code query_too_complex} (limits), 413
 * {@code body_too_large}, and a resolver's {@link ApiException} with its own status and code (503 with Retry-After for
 * an unreachable chain or database). {@code errors} is the GraphQL errors array, for GraphQL clients.
 */
@Path("/graphql")
@Tag(name = "graphql")
public class GraphqlResource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UI = "graphql/ui.html";
    /** The console's GraphiQL page (module console, META-INF/resources), when this node serves the console. */
    private static final String GRAPHIQL = "META-INF/resources/graphiql.html";

    @Inject
    GraphqlEngine engine;

    @ConfigProperty(name = "octo.graphql.max-body-bytes", defaultValue = "65536")
    int maxBodyBytes;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a GraphQL query (schema: GET /graphql/schema.graphql; docs/graphql.md). Body "
            + "{query, variables, operationName}, or the query itself with Content-Type application/graphql")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "epochs",
            value = "{\"query\":\"query($n:Int){ epochs(limit:$n){ items{ epoch root } next } }\",\"variables\":{\"n\":2}}")))
    @APIResponse(responseCode = "200", description = "{data}", content = @Content(examples = @ExampleObject(name = "data",
            value = "{\"data\":{\"epochs\":{\"items\":[{\"epoch\":4,\"root\":\"0x9f...\"}],\"next\":\"4\"}}}")))
    @APIResponse(responseCode = "400", description = "malformed_json, invalid_query (with errors), query_too_large, "
            + "query_too_deep, query_too_complex, or a resolver's 400 (invalid_address, invalid_cursor, ...)")
    @APIResponse(responseCode = "404", description = "a resolver's 404 (epoch_not_found, unknown_proposal, role_not_served)")
    @APIResponse(responseCode = "413", description = "body_too_large (octo.graphql.max-body-bytes)")
    @APIResponse(responseCode = "503", description = "chain_unavailable, store_unavailable, indexer_unavailable (Retry-After)")
    public Response post(String body, @HeaderParam("Content-Type") String contentType) {
        if (body != null && body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            return refusal(ApiException.payloadTooLarge("body_too_large", "the body may hold at most " + maxBodyBytes
                    + " bytes (octo.graphql.max-body-bytes)"), null);
        }
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/graphql")) {
            return run(body, null, null);
        }
        JsonNode request;
        try {
            request = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return refusal(ApiException.badRequest("malformed_json", "the body is not JSON: " + e.getOriginalMessage()), null);
        }
        if (request == null || !request.isObject()) {
            return refusal(invalidQuery("the body must be a JSON object {query, variables, operationName}"), null);
        }
        JsonNode op = request.path("operationName");
        if (!op.isMissingNode() && !op.isNull() && !op.isTextual()) {
            return refusal(invalidQuery("operationName must be a string"), null);
        }
        Optional<Map<String, Object>> variables = variables(request.path("variables"));
        if (variables.isEmpty()) {
            return refusal(invalidQuery("variables must be a JSON object"), null);
        }
        return run(request.path("query").isTextual() ? request.path("query").asText() : null, op.isTextual() ? op.asText() : null,
                variables.get());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a GraphQL query given in the query string (variables: a JSON object)")
    @APIResponse(responseCode = "200", description = "{data}")
    @APIResponse(responseCode = "400", description = "invalid_query (with errors), query_too_large, query_too_deep, "
            + "query_too_complex, or a resolver's 400")
    @APIResponse(responseCode = "503", description = "chain_unavailable, store_unavailable, indexer_unavailable (Retry-After)")
    public Response get(@QueryParam("query") String query, @QueryParam("variables") String variables,
            @QueryParam("operationName") String operationName) {
        Map<String, Object> vars = Map.of();
        if (variables != null && !variables.isEmpty()) {
            Optional<Map<String, Object>> v;
            try {
                v = variables(JSON.readTree(variables));
            } catch (JsonProcessingException e) {
                v = Optional.empty();
            }
            if (v.isEmpty()) {
                return refusal(invalidQuery("variables must be a JSON object"), null);
            }
            vars = v.get();
        }
        return run(query, operationName, vars);
    }

    @GET
    @Path("/schema.graphql")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The GraphQL schema in SDL")
    public String schema() {
        return engine.sdl();
    }

    @GET
    @Path("/ui")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "GraphiQL: a redirect to the console's bundled GraphiQL page (/graphiql.html) where the node serves "
            + "the console; otherwise a small offline page to type a query and see the JSON answer")
    @APIResponse(responseCode = "303", description = "to /graphiql.html (GraphiQL, bundled with the console)")
    @APIResponse(responseCode = "200", description = "the offline query page (no console in this build)")
    public Response ui() {
        if (Thread.currentThread().getContextClassLoader().getResource(GRAPHIQL) != null) {
            return Response.seeOther(java.net.URI.create("/graphiql.html")).build();
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(UI)) {
            return Response.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8), MediaType.TEXT_HTML).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response run(String query, String operationName, Map<String, Object> variables) {
        if (query == null || query.isBlank()) {
            return refusal(invalidQuery("query is missing: pass a GraphQL document as query"), null);
        }
        if (query.length() > engine.maxQueryChars()) {
            return refusal(ApiException.badRequest("query_too_large", "the query may hold at most " + engine.maxQueryChars()
                    + " characters (octo.graphql.max-query-chars)"), null);
        }
        GraphqlEngine.Outcome o = engine.execute(query, operationName, variables);
        ExecutionResult r = o.result();
        Map<String, Object> spec = r.toSpecification();
        List<GraphQLError> errors = r.getErrors();
        if (errors.isEmpty()) {
            return Response.ok(spec, MediaType.APPLICATION_JSON).build();
        }
        for (GraphQLError e : errors) {
            if (e instanceof GraphqlEngine.LimitExceeded l) {
                return refusal(ApiException.badRequest(l.code, l.getMessage()), spec);
            }
        }
        for (GraphQLError e : errors) {
            if (e.getErrorType() == ErrorType.InvalidSyntax || e.getErrorType() == ErrorType.ValidationError
                    || e.getErrorType() == ErrorType.OperationNotSupported) {
                return refusal(invalidQuery(e.getMessage()), spec);
            }
        }
        if (!o.failures().isEmpty()) {
            return refusal(o.failures().get(0), spec);
        }
        if (!r.isDataPresent()) {
            return refusal(invalidQuery(errors.get(0).getMessage()), spec);
        }
        return refusal(new ApiException(500, "internal_error", "the query failed: " + errors.get(0).getMessage()), spec);
    }

    private static ApiException invalidQuery(String message) {
        return ApiException.badRequest("invalid_query", message);
    }

    /** {@code {error, message, errors[, data]}} with the failure's status (and Retry-After on a 503 or 429). */
    private static Response refusal(ApiException e, Map<String, Object> spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code());
        body.put("message", e.getMessage());
        body.put("errors", spec == null ? List.of(Map.of("message", e.getMessage(), "extensions", Map.of("code", e.code(),
                "status", e.status()))) : spec.get("errors"));
        if (spec != null && spec.containsKey("data")) {
            body.put("data", spec.get("data"));
        }
        Response.ResponseBuilder b = Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(body);
        Optional<Long> retry = e.retryAfterSeconds().or(() -> e.status() == 503
                ? Optional.of(UpstreamFailure.RETRY_AFTER_SECONDS) : Optional.empty());
        retry.ifPresent(s -> b.header("Retry-After", s));
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Map<String, Object>> variables(JsonNode v) {
        if (v == null || v.isMissingNode() || v.isNull()) {
            return Optional.of(Map.of());
        }
        if (!v.isObject()) {
            return Optional.empty();
        }
        return Optional.of(JSON.convertValue(v, Map.class));
    }
}
