package io.cipherocto.verifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.contracts.protocol.EpochJob;
import io.cipherocto.contracts.protocol.JobPage;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.gpuverifier.spec.InputSource;
import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.verifier.spec.SpecStore;
import io.vertx.mutiny.sqlclient.Pool;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier's jobs come from settlement's public API (served here by a real HTTP server) and are checked against
 * the receipts root committed on chain: a page under another root, or a job whose proof fails, is refused; a spec is
 * fetched by hash from the same node and kept in this operator's own database (a real PostgreSQL) once its hash matches.
 */
class ApiJobSourceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static TestDatabase db;
    private static Pool pool;
    private static HttpServer server;
    private static final Map<String, byte[]> responses = new ConcurrentHashMap<>();

    private static final JobSpec SPEC = JobSpec.of(new MatmulParams(2, 3, 4, 2), new InputSource.Seeded(new byte[32]));
    private static final String SPEC_HASH = "0x" + HEX.formatHex(SPEC.specHash());

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabase.start("verifier");
        pool = db.newPool(2);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery();
            byte[] body = responses.getOrDefault(key, responses.get(exchange.getRequestURI().getPath()));
            if (body == null) {
                body = "{\"error\":\"not_found\",\"message\":\"-\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, body.length);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (pool != null) {
            pool.closeAndAwait();
        }
        if (db != null) {
            db.close();
        }
    }

    private static String word(int v) {
        return String.format("0x%064x", v);
    }

    /** The epoch's jobs with their proofs, as settlement serves them, and the root of their tree. */
    private static JobPage page(long epoch, List<EpochJob> unproven) {
        List<List<Object>> leaves = new ArrayList<>();
        for (EpochJob j : unproven) {
            leaves.add(JobPage.leaf(j));
        }
        StandardMerkleTree tree = StandardMerkleTree.of(leaves, JobPage.LEAF_TYPES);
        List<EpochJob> jobs = new ArrayList<>();
        for (int i = 0; i < unproven.size(); i++) {
            EpochJob j = unproven.get(i);
            jobs.add(new EpochJob(j.jobId(), j.provider(), j.role(), j.requester(), j.specHash(), j.outputHash(), j.workUnits(),
                    j.fee(), tree.proofHex(i)));
        }
        return new JobPage(epoch, tree.rootHex(), jobs.size(), jobs, null);
    }

    private static EpochJob job(int id, String spec) {
        return new EpochJob(word(id), "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", 0, "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
                spec, word(0x0a), "100", "2000", List.of());
    }

    private static void serve(long epoch, JobPage page) throws Exception {
        responses.put("/api/v1/epochs/" + epoch + "/jobs", JSON.writeValueAsBytes(page));
    }

    private ApiJobSource source(AtomicReference<String> committedRoot) {
        return new ApiJobSource(() -> "http://127.0.0.1:" + server.getAddress().getPort(), new SpecStore(pool),
                epoch -> Optional.ofNullable(committedRoot.get()), Duration.ofSeconds(5));
    }

    @Test
    void jobsUnderTheCommittedRoot_areVerifiable_andTheirSpecIsFetchedByHashAndKept() throws Exception {
        JobPage page = page(1, List.of(job(1, SPEC_HASH), job(2, word(0x5bec))));
        serve(1, page);
        responses.put("/api/v1/specs/" + SPEC_HASH, JSON.writeValueAsBytes(Map.of("specHash", SPEC_HASH, "spec",
                "0x" + HEX.formatHex(SPEC.encode()))));
        ApiJobSource source = source(new AtomicReference<>(page.receiptsRoot()));

        assertThat(source.jobsOf(1)).singleElement().satisfies(j -> assertThat(HEX.formatHex(j.jobId())).isEqualTo(word(1).substring(2)));
        assertThat(source.unverifiable(1)).containsExactly(word(2)); // its spec is nowhere: cannot be re-executed
        assertThat(new SpecStore(pool).get(SPEC.specHash())).as("kept in this operator's own database").isPresent();
        assertThat(source.receiptProof(1, HEX.parseHex(word(1).substring(2)))).hasValueSatisfying(p -> {
            assertThat(p.fee()).hasToString("2000");
            assertThat(p.proof()).hasSize(1);
        });
    }

    @Test
    void aPageUnderAnotherRootThanTheCommittedOne_isRefused() throws Exception {
        JobPage page = page(2, List.of(job(3, SPEC_HASH)));
        serve(2, page);
        ApiJobSource source = source(new AtomicReference<>(word(0xbeef)));
        assertThatThrownBy(() -> source.jobsOf(2)).hasMessageContaining("but the chain holds");
    }

    @Test
    void aJobWhoseProofFails_isRefused() throws Exception {
        JobPage honest = page(3, List.of(job(4, SPEC_HASH), job(5, SPEC_HASH)));
        EpochJob j = honest.jobs().get(1);
        EpochJob inflated = new EpochJob(j.jobId(), j.provider(), j.role(), j.requester(), j.specHash(), j.outputHash(),
                j.workUnits(), "999999", j.proof());
        serve(3, new JobPage(3, honest.receiptsRoot(), 2, List.of(honest.jobs().get(0), inflated), null));
        ApiJobSource source = source(new AtomicReference<>(honest.receiptsRoot()));
        assertThatThrownBy(() -> source.jobsOf(3)).hasMessageContaining("is not under the committed root");
    }

    @Test
    void anEpochNotCommittedOnChain_isNotFetched() {
        ApiJobSource source = source(new AtomicReference<>(null));
        assertThatThrownBy(() -> source.jobsOf(4)).hasMessageContaining("not committed on chain");
    }
}
