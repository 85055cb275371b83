package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The node's REST API as the verbs use it: {@code --node URL}, else {@value #ENV}, else
 * {@code http://localhost:<octo.http.port, 8080>} (where ./octo start-dev serves it).
 */
final class NodeApi {
    static final String ENV = "OCTO_NODE_URL";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status and JSON body (an empty object when the body is not JSON). */
    record Answer(int status, JsonNode body) {
        String errorText() {
            return body.path("error").asText("HTTP " + status) + ": " + body.path("message").asText("");
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    NodeApi(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    static NodeApi of(Optional<String> option, Map<String, String> env) {
        String url = option.or(() -> Optional.ofNullable(env.get(ENV)).filter(s -> !s.isBlank()))
                .orElseGet(() -> "http://localhost:" + NodeSettings.HTTP_PORT.value().orElse("8080"));
        return new NodeApi(url);
    }

    String base() {
        return base;
    }

    Answer get(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Answer post(String path, JsonNode body) {
        try {
            return exchange(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = r.body() == null || r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
            } catch (IOException notJson) {
                body = JSON.createObjectNode().put("message", r.body());
            }
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the node API at " + base + " (pass --node URL or set " + ENV + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
