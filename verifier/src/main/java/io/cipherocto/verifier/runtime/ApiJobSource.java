package io.cipherocto.verifier.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.protocol.EpochJob;
import io.cipherocto.contracts.protocol.JobPage;
import io.cipherocto.contracts.protocol.ReceiptProof;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.spec.SpecStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The verifier's {@link JobSource} as a client of settlement's public API: the epoch's jobs from
 * {@code GET /api/v1/epochs/{n}/jobs} (every page), each checked against the receipts root committed on chain (a job
 * whose proof does not hold, or a page whose root is not the committed one, is refused), and each job's spec by its
 * hash: from this operator's own spec store, else fetched from {@code GET /api/v1/specs/{hash}} of the same node and
 * stored once its keccak256 matches. A job whose spec is nowhere to be found cannot be re-executed and is left out
 * ({@link #unverifiable}). No table of another module is read: this works for an operator with its own database.
 */
public final class ApiJobSource implements JobSource {
    private static final Logger LOG = Logger.getLogger(ApiJobSource.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final int PAGE = 1000;

    private final Supplier<String> baseUrl;
    private final SpecStore specs;
    private final LongFunction<Optional<String>> committedRoot;
    private final HttpClient http;
    private final Duration timeout;
    /** The last two epochs fetched: co-sign requests and receipt proofs follow the epoch being processed. */
    private final Map<Long, Fetched> cache = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Fetched> eldest) {
            return size() > 2;
        }
    };

    private record Fetched(Map<String, EpochJob> jobs, List<Job> verifiable, List<String> unverifiable) {
    }

    /**
     * @param baseUrl the settlement node's base URL (read at each fetch: the node's own port is known only once it runs)
     * @param committedRoot the receipts root committed on chain for an epoch (0x-hex), empty when not committed
     */
    public ApiJobSource(Supplier<String> baseUrl, SpecStore specs, LongFunction<Optional<String>> committedRoot, Duration timeout) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.specs = Objects.requireNonNull(specs, "specs");
        this.committedRoot = Objects.requireNonNull(committedRoot, "committedRoot");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public List<Job> jobsOf(long epoch) {
        return fetched(epoch).verifiable();
    }

    @Override
    public Optional<Job> job(long epoch, byte[] jobId) {
        String id = Hex.encode(jobId);
        return fetched(epoch).verifiable().stream().filter(j -> Objects.equals(Hex.encode(j.jobId()), id)).findFirst();
    }

    @Override
    public Optional<ReceiptProof> receiptProof(long epoch, byte[] jobId) {
        EpochJob j = fetched(epoch).jobs().get(Hex.encode(jobId));
        if (j == null) {
            return Optional.empty();
        }
        return Optional.of(new ReceiptProof(j.requester(), new BigInteger(j.workUnits()), new BigInteger(j.fee()),
                j.proof().stream().map(ApiJobSource::bytes).toList()));
    }

    @Override
    public List<String> unverifiable(long epoch) {
        return fetched(epoch).unverifiable();
    }

    private Fetched fetched(long epoch) {
        synchronized (cache) {
            Fetched f = cache.get(epoch);
            if (f == null) {
                f = fetch(epoch);
                cache.put(epoch, f);
            }
            return f;
        }
    }

    private Fetched fetch(long epoch) {
        String root = committedRoot.apply(epoch).orElseThrow(() -> new IllegalStateException("epoch " + epoch
                + " is not committed on chain yet"));
        Map<String, EpochJob> all = new LinkedHashMap<>();
        String after = null;
        do {
            JobPage page = page(epoch, after);
            if (!page.receiptsRoot().equalsIgnoreCase(root)) {
                throw new IllegalStateException("epoch " + epoch + ": the jobs API serves receipts root " + page.receiptsRoot()
                        + " but the chain holds " + root);
            }
            for (EpochJob j : page.jobs()) {
                if (!JobPage.verify(j, root)) {
                    throw new IllegalStateException("epoch " + epoch + ": job " + j.jobId() + " is not under the committed root");
                }
                all.put(j.jobId(), j);
            }
            after = page.next();
        } while (after != null);
        List<Job> verifiable = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        Map<String, Optional<JobSpec>> specCache = new java.util.HashMap<>();
        for (EpochJob j : all.values()) {
            Optional<JobSpec> spec = specCache.computeIfAbsent(j.specHash(), this::spec);
            if (spec.isEmpty()) {
                unverifiable.add(j.jobId());
                continue;
            }
            try {
                verifiable.add(new Job(bytes(j.jobId()), epoch, j.provider(), j.role(), spec.get(), bytes(j.outputHash())));
            } catch (IllegalArgumentException e) {
                LOG.warnf("epoch %d: job %s not usable: %s", epoch, j.jobId(), e.getMessage());
                unverifiable.add(j.jobId());
            }
        }
        return new Fetched(all, List.copyOf(verifiable), List.copyOf(unverifiable));
    }

    private JobPage page(long epoch, String after) {
        String url = baseUrl.get() + "/api/v1/epochs/" + epoch + "/jobs?limit=" + PAGE
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.US_ASCII));
        HttpResponse<String> r = get(url);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        try {
            return JSON.readValue(r.body(), JobPage.class);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + ": unreadable page", e);
        }
    }

    /** The spec stored under {@code specHash}: this operator's own copy, else the settlement node's (checked, then kept). */
    private Optional<JobSpec> spec(String specHash) {
        byte[] hash = bytes(specHash);
        Optional<JobSpec> local = specs.get(hash);
        if (local.isPresent()) {
            return local;
        }
        String url = baseUrl.get() + "/api/v1/specs/" + specHash;
        HttpResponse<String> r = get(url);
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": " + r.statusCode() + " " + r.body());
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            byte[] canonical = bytes(body.path("spec").asText());
            specs.put(hash, canonical); // checks the bytes are a canonical spec hashing to specHash
            return specs.get(hash);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("spec %s from %s refused: %s", specHash, url, e.getMessage());
            return Optional.empty();
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: GET " + url, e);
        }
    }

    private static byte[] bytes(String hex) {
        return Hex.decode(hex);
    }
}
