package io.cipherocto.verifier.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.protocol.Attestation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/** Asks another verifier operator to co-sign a fail attestation ({@code POST <peer>/api/v1/verifier/cosign}). */
public final class PeerClient {
    public static final String PATH = "/api/v1/verifier/cosign";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a peer answered. */
    public sealed interface Answer {
        /** A signature (not checked yet: the caller recovers it). */
        record Signed(Cosignature cosignature) implements Answer {
        }

        /** A refusal with the peer's machine-readable code (HTTP 4xx/5xx with {"error","message"}). */
        record Refused(int status, String code, String message) implements Answer {
        }

        /** No usable answer: unreachable, timed out, not JSON. */
        record Failed(String reason) implements Answer {
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public PeerClient(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
                : Duration.ofSeconds(10)).build();
    }

    /**
     * Asks {@code peer} (a base URL, e.g. http://verifier-b:8080) to co-sign, authenticated by this operator's own
     * signature over the attestation ({@code finderSignature}); never throws for what the peer does.
     */
    public Answer ask(String peer, Attestation attestation, byte[] finderSignature) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(finderSignature, "finderSignature");
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base(peer) + PATH))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                            AttestationJson.request(attestation, finderSignature))))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (Exception e) {
                return new Answer.Failed("HTTP " + response.statusCode() + ", not JSON");
            }
            if (response.statusCode() == 200 && body.hasNonNull("signer") && body.hasNonNull("signature")) {
                return new Answer.Signed(new Cosignature(body.get("signer").asText(), body.get("signature").asText()));
            }
            if (response.statusCode() >= 400 && body.hasNonNull("error")) {
                return new Answer.Refused(response.statusCode(), body.get("error").asText(),
                        body.hasNonNull("message") ? body.get("message").asText() : "");
            }
            return new Answer.Failed("HTTP " + response.statusCode() + ", unexpected body");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Failed("interrupted");
        } catch (Exception e) {
            return new Answer.Failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The peer URL without trailing slashes. */
    public static String base(String peer) {
        String p = peer.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
