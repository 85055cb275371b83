package io.cipherocto.settlement.verdict;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.protocol.PassAttestations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Pass attestations from verifier operators' public API ({@code GET /api/v1/verifier/epochs/{n}/passes}), asked in
 * the order of {@code octo.settlement.verifier-urls}; the first answer naming the verifier is used. An operator that
 * cannot be reached only means its passes are not known yet.
 */
public final class VerifierApiPasses implements PassSource {
    private static final Logger LOG = Logger.getLogger(VerifierApiPasses.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Supplier<List<String>> baseUrls;
    private final HttpClient http;
    private final Duration timeout;

    public VerifierApiPasses(Supplier<List<String>> baseUrls, Duration timeout) {
        this.baseUrls = Objects.requireNonNull(baseUrls, "baseUrls");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Optional<PassAttestations> passes(String verifier, long epoch) {
        for (String base : baseUrls.get()) {
            String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/verifier/epochs/" + epoch + "/passes";
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    continue;
                }
                PassAttestations p = JSON.readValue(r.body(), PassAttestations.class);
                if (p.epoch() == epoch && p.verifier().equalsIgnoreCase(verifier)) {
                    return Optional.of(p);
                }
            } catch (IOException | IllegalArgumentException e) {
                LOG.debugf("passes of %s for epoch %d from %s: %s", verifier, epoch, url, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
