package io.cipherocto.verifier.cosign;

import static io.cipherocto.verifier.cosign.PeerOperator.CHEATER;
import static io.cipherocto.verifier.cosign.PeerOperator.FINDER;
import static io.cipherocto.verifier.cosign.PeerOperator.HONEST;
import static io.cipherocto.verifier.cosign.PeerOperator.PEER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.OctoToken;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.runtime.EpochProcessor;
import io.cipherocto.verifier.sim.ProviderSimulator;
import io.cipherocto.verifier.work.VerifierWorker;
import io.cipherocto.verifier.work.WorkQueue;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.crypto.Hash;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * Two verifier operators, quorum 2: the finder (in the test, its own PostgreSQL) finds a cheating provider's sampled
 * job and asks the peer (the Quarkus application, its own PostgreSQL and key, reached over HTTP) to co-sign; the peer
 * re-executes independently and signs only what it recomputed. Slashing needs both signatures; a peer that does not
 * know the job, or whose re-execution matches the provider's claim, refuses with its code and nothing is submitted;
 * co-signatures survive a restart, which submits exactly once without asking again.
 */
@QuarkusTest
@QuarkusTestResource(value = PeerOperator.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CosignQuorumIT {
    private static final long RETRY_EPOCHS = 2;
    private static final JobExecutor CPU = new JobExecutor(new CpuBackend());

    @TestHTTPResource("/")
    URL peerUrl;

    private final ProviderSimulator cheater = new ProviderSimulator(Hash.sha3("cosign-it-cheater".getBytes()),
            List.of(new ProviderSimulator.Provider(CHEATER.getAddress(), 0, 1000)), CPU);
    private final ProviderSimulator honest = new ProviderSimulator(Hash.sha3("cosign-it-honest".getBytes()),
            List.of(new ProviderSimulator.Provider(HONEST.getAddress(), 0, 0)), CPU);

    /** The receipts settlement commits, per epoch (the finder's job source, with inclusion proofs). */
    private static final io.cipherocto.verifier.testing.CommittedJobs COMMITTED = new io.cipherocto.verifier.testing.CommittedJobs();

    /** Closes the epoch, then commits its receipts as settlement does (the seed can be recorded only after that). */
    private static long closeAndCommit(long epoch, Job... jobs) throws Exception {
        COMMITTED.add(List.of(jobs));
        long head = closeEpoch(epoch);
        COMMITTED.commit(PeerOperator.operator, PeerOperator.manifest, epoch);
        return Math.max(head, PeerOperator.anvil.blockNumber().longValueExact());
    }

    /** Waits out the veto window and executes the queued slash of the cheater in {@code epoch}. */
    private static void executeSlash(long epoch) throws Exception {
        AttestationRegistry r = registry();
        PeerOperator.anvil.increaseTime(r.vetoWindow().send().longValueExact() + 1);
        assertThat(r.executeSlash(FailAttestationSubmitter.slashId(epoch, CHEATER.getAddress(), 0)).send().isStatusOK()).isTrue();
    }

    private static Eip712Domain domain() {
        return Attestation.domain(PeerOperator.manifest.chainId(), PeerOperator.manifest.address(DeploymentManifest.ATTESTATIONS));
    }

    private static AttestationRegistry registry() {
        Chain c = PeerOperator.operator.as(FINDER);
        return AttestationRegistry.load(PeerOperator.manifest.address(DeploymentManifest.ATTESTATIONS), c.web3j(),
                c.txManager(), c.gas());
    }

    private static FailAttestationStore store() {
        return new FailAttestationStore(PeerOperator.finderDb.pool());
    }

    /** A finder operator process: its own objects over the finder's database, as after a (re)start. */
    private EpochProcessor finder(AttestationRegistry registry, List<Job> jobs, ReExecutor reExecutor) {
        var pool = PeerOperator.finderDb.pool();
        WorkQueue queue = new WorkQueue(pool);
        AttestationSigner signer = new AttestationSigner(FINDER, domain());
        FailAttestationSubmitter fails = new FailAttestationSubmitter(registry, new FailAttestationStore(pool), signer,
                domain(), List.of(peerUrl.toString()), new PeerClient(Duration.ofSeconds(30)), RETRY_EPOCHS, Duration.ZERO,
                COMMITTED, null);
        return new EpochProcessor(registry, pool, queue, new VerifierWorker("finder", queue, reExecutor, 4, Duration.ofSeconds(30)),
                new io.cipherocto.verifier.runtime.JobSource() {
                    @Override
                    public List<Job> jobsOf(long epoch) {
                        return jobs.stream().filter(j -> j.epoch() == epoch).toList();
                    }

                    @Override
                    public java.util.Optional<io.cipherocto.contracts.protocol.ReceiptProof> receiptProof(long epoch, byte[] jobId) {
                        return COMMITTED.receiptProof(epoch, jobId);
                    }
                }, signer, domain(), fails);
    }

    private static long closeEpoch(long epoch) throws Exception {
        long closing = registry().closingBlock(BigInteger.valueOf(epoch)).send().longValueExact();
        long head = PeerOperator.anvil.blockNumber().longValueExact();
        if (head <= closing) {
            PeerOperator.anvil.mine(closing - head + 1);
        }
        return PeerOperator.anvil.blockNumber().longValueExact();
    }

    private static BigInteger octoStake(String provider) throws Exception {
        Chain c = PeerOperator.operator;
        return StakingManager.load(PeerOperator.manifest.address(DeploymentManifest.STAKING), c.web3j(), c.txManager(), c.gas())
                .providerStake(provider, BigInteger.ZERO).send().octo;
    }

    private static BigInteger octoBalance(String who) throws Exception {
        Chain c = PeerOperator.operator;
        return OctoToken.load(PeerOperator.manifest.address(DeploymentManifest.OCTO), c.web3j(), c.txManager(), c.gas())
                .balanceOf(who).send();
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(PeerClient.base(peerUrl.toString()) + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(PeerClient.base(peerUrl.toString()) + PeerClient.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String json(Attestation a) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(AttestationJson.of(a));
    }

    /** A co-sign request as the finder sends it: the attestation naming it, with its own signature. */
    private static String signedRequest(Attestation a) throws Exception {
        Attestation mine = a.withFinder(FINDER.getAddress());
        return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(AttestationJson.request(mine,
                new AttestationSigner(FINDER, domain()).sign(mine).signature()));
    }

    @Test
    @Order(1)
    void cheatingProvidersSampledJob_isSlashedWithTheFindersAndThePeersSignature() throws Exception {
        Job cheat = cheater.job(0, 0).job();
        Job fine = honest.job(0, 0).job();
        PeerJobs.KNOWN.addAll(List.of(cheat, fine));
        AttestationRegistry registry = registry();
        EpochProcessor finder = finder(registry, List.of(cheat, fine), new ReExecutor(CPU));
        long head = closeAndCommit(0, cheat, fine);
        BigInteger stakeBefore = octoStake(CHEATER.getAddress());
        BigInteger finderBefore = octoBalance(FINDER.getAddress());

        assertThat(finder.process(0, head)).isEqualTo(EpochProcessor.Outcome.DONE);
        assertThat(octoStake(CHEATER.getAddress())).as("queued, not yet executed").isEqualTo(stakeBefore);
        executeSlash(0);

        assertThat(registry.slashed(BigInteger.ZERO, cheat.jobId()).send()).isTrue();
        assertThat(registry.failedInEpoch(BigInteger.ZERO, CHEATER.getAddress()).send()).isTrue();
        assertThat(registry.failedInEpoch(BigInteger.ZERO, HONEST.getAddress()).send()).isFalse();
        BigInteger slashed = stakeBefore.subtract(octoStake(CHEATER.getAddress()));
        assertThat(slashed).as("10 %% of the OCTO stake").isEqualTo(stakeBefore.divide(BigInteger.TEN));
        assertThat(octoBalance(FINDER.getAddress()).subtract(finderBefore)).as("the finder's 20 %% share")
                .isEqualTo(slashed.divide(BigInteger.valueOf(5)));
        FailAttestationStore.State state = store().state(0, cheat.jobId()).orElseThrow();
        assertThat(state.status()).isEqualTo("slashed");
        assertThat(state.signatures()).isEqualTo(2);
        assertThat(state.quorum()).isEqualTo(2);
        assertThat(state.txHash()).startsWith("0x");
        assertThat(store().cosignatures(0, cheat.jobId())).singleElement()
                .satisfies(s -> assertThat(s.signer()).isEqualToIgnoringCase(PEER.getAddress()));
        assertThat(registry.passCommitment(BigInteger.ZERO, FINDER.getAddress()).send().count).isEqualTo(BigInteger.ONE);
    }

    @Test
    @Order(2)
    void peerThatDoesNotKnowTheJob_refusesWithUnknownJob_nothingIsSubmitted_andTheFailIsRetriedUntilItExpires()
            throws Exception {
        Job learnedLater = cheater.job(1, 0).job();
        Job neverKnown = cheater.job(6, 1).job();
        Job fine = honest.job(1, 0).job();
        PeerJobs.KNOWN.add(fine);
        AttestationRegistry registry = registry();
        EpochProcessor finder = finder(registry, List.of(learnedLater, neverKnown, fine), new ReExecutor(CPU));
        long head = closeAndCommit(1, learnedLater, fine);

        assertThat(finder.process(1, head)).as("the epoch is not held back by its open fails").isEqualTo(EpochProcessor.Outcome.DONE);
        head = closeAndCommit(6, neverKnown);
        assertThat(finder.process(6, head)).isEqualTo(EpochProcessor.Outcome.DONE);

        BigInteger one = BigInteger.ONE;
        assertThat(registry.slashed(one, learnedLater.jobId()).send()).isFalse();
        assertThat(registry.slashed(one, neverKnown.jobId()).send()).isFalse();
        assertThat(registry.failedInEpoch(one, CHEATER.getAddress()).send()).isFalse();
        assertThat(registry.passCommitment(one, FINDER.getAddress()).send().count).as("passes committed anyway").isEqualTo(one);
        for (Job j : List.of(learnedLater, neverKnown)) {
            FailAttestationStore.State s = store().state(j.epoch(), j.jobId()).orElseThrow();
            assertThat(s.status()).isEqualTo("collecting");
            assertThat(s.signatures()).isEqualTo(1);
            assertThat(s.lastError()).contains("1 of 2 verifier signatures").contains("unknown_job");
        }
        assertThat(store().cosignatures(6, neverKnown.jobId())).isEmpty();

        // The peer learns one job (its receipts caught up): the next cycle slashes it; the other stays open.
        PeerJobs.KNOWN.add(learnedLater);
        assertThat(finder.retryOpenFails(1)).isEqualTo(1);
        assertThat(registry.slashed(one, learnedLater.jobId()).send()).isTrue();
        assertThat(store().state(1, learnedLater.jobId()).orElseThrow().status()).isEqualTo("slashed");
        FailAttestationStore.State open = store().state(6, neverKnown.jobId()).orElseThrow();
        assertThat(open.status()).isEqualTo("collecting");
        assertThat(open.attempts()).isEqualTo(2);

        // Still unknown after more than RETRY_EPOCHS epochs: given up, nothing sent.
        long block = PeerOperator.anvil.blockNumber().longValueExact();
        assertThat(finder.retryOpenFails(6 + RETRY_EPOCHS + 1)).isZero();
        FailAttestationStore.State expired = store().state(6, neverKnown.jobId()).orElseThrow();
        assertThat(expired.status()).isEqualTo("expired");
        assertThat(expired.lastError()).contains("unknown_job");
        assertThat(registry.slashed(BigInteger.valueOf(6), neverKnown.jobId()).send()).isFalse();
        assertThat(PeerOperator.anvil.blockNumber().longValueExact()).isEqualTo(block);
    }

    @Test
    @Order(3)
    void faultyFinder_whosePeerReExecutionMatchesTheProvidersClaim_getsOutputsDisagree_andNothingIsSubmitted()
            throws Exception {
        Job fine = honest.job(2, 0).job();
        PeerJobs.KNOWN.add(fine);
        AttestationRegistry registry = registry();
        ReExecutor brokenGpu = new ReExecutor(new JobExecutor(new CosignServiceTest.Faulty()));
        EpochProcessor finder = finder(registry, List.of(fine), brokenGpu);
        long head = closeAndCommit(2, fine);
        BigInteger stakeBefore = octoStake(HONEST.getAddress());

        assertThat(finder.process(2, head)).isEqualTo(EpochProcessor.Outcome.DONE);

        FailAttestationStore.State s = store().state(2, fine.jobId()).orElseThrow();
        assertThat(s.status()).isEqualTo("collecting");
        assertThat(s.signatures()).isEqualTo(1);
        assertThat(s.lastError()).contains("outputs_disagree");
        assertThat(registry.slashed(BigInteger.TWO, fine.jobId()).send()).isFalse();
        assertThat(registry.failedInEpoch(BigInteger.TWO, HONEST.getAddress()).send()).isFalse();
        assertThat(octoStake(HONEST.getAddress())).isEqualTo(stakeBefore);

        // The same refusal on the wire, and the other codes a caller sees.
        Attestation wrong = brokenGpu.verify(fine).attestation();
        HttpResponse<String> unsigned = post(json(wrong));
        assertThat(unsigned.statusCode()).as("only a verifier signing as finder may ask").isEqualTo(401);
        assertThat(unsigned.body()).contains("\"error\":\"bad_finder_signature\"");
        HttpResponse<String> r = post(signedRequest(wrong));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("\"error\":\"outputs_disagree\"").contains("\"message\"");
        HttpResponse<String> pass = post(json(new ReExecutor(CPU).verify(fine).attestation()));
        assertThat(pass.statusCode()).isEqualTo(422);
        assertThat(pass.body()).contains("\"error\":\"not_a_failure\"");
        HttpResponse<String> malformed = post("{\"epoch\": 2, \"jobId\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("\"error\":\"malformed_json\"");
        HttpResponse<String> badField = post(json(wrong).replace(AttestationJson.of(wrong).jobId(), "0x12"));
        assertThat(badField.statusCode()).isEqualTo(400);
        assertThat(badField.body()).contains("\"error\":\"invalid_field\"").contains("jobId");
        HttpResponse<String> wrongType = post("{\"epoch\": \"two\"}");
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"error\":\"invalid_field\"");
        Job unsampledEpoch = cheater.job(40, 0).job();
        HttpResponse<String> noSeed = post(signedRequest(new ReExecutor(CPU).verify(unsampledEpoch).attestation()));
        assertThat(noSeed.statusCode()).isEqualTo(409);
        assertThat(noSeed.body()).contains("\"error\":\"seed_not_recorded\"");
        // Hostile spec uploads: a non-ASCII digit in the hash, a mistyped body: JSON 400s (nothing can be stored: the
        // spec must hash to its path).
        String hash = "0x" + "1".repeat(63) + "\u0663";
        HttpResponse<String> badHash = put("/api/v1/specs/" + java.net.URLEncoder.encode(hash, java.nio.charset.StandardCharsets.UTF_8),
                "{\"spec\":\"0x00\"}");
        assertThat(badHash.statusCode()).isEqualTo(400);
        assertThat(badHash.body()).contains("\"error\":\"invalid_field\"");
        HttpResponse<String> mistyped = put("/api/v1/specs/0x" + "2".repeat(64), "{\"spec\":{\"bytes\":5}}");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(mistyped.body()).containsPattern("\"error\":\"(invalid_field|invalid_spec)\"").contains("\"message\"");
    }

    @Test
    @Order(4)
    void restartAfterCollectingTheCosignature_submitsExactlyOnce_withoutAskingThePeerAgain() throws Exception {
        Job cheat = cheater.job(3, 0).job();
        PeerJobs.KNOWN.add(cheat);
        long head = closeAndCommit(3, cheat);
        AttestationRegistry registry = registry();
        registry.recordEpochSeed(BigInteger.valueOf(3)).send();
        // First run: collects the co-signature, then its transaction never leaves (a crash, an RPC outage).
        Chain c = PeerOperator.operator.as(FINDER);
        AttestationRegistry cannotSend = AttestationRegistry.load(PeerOperator.manifest.address(DeploymentManifest.ATTESTATIONS),
                c.web3j(), new ReadonlyTransactionManager(c.web3j(), FINDER.getAddress()), c.gas());
        // (its pass commitment, sent even when empty, cannot leave either: the epoch stays open for the restart)
        assertThatThrownBy(() -> finder(cannotSend, List.of(cheat), new ReExecutor(CPU)).process(3, head))
                .hasMessageContaining("Only read operations");
        BigInteger three = BigInteger.valueOf(3);
        assertThat(registry.slashed(three, cheat.jobId()).send()).isFalse();
        FailAttestationStore.State collected = store().state(3, cheat.jobId()).orElseThrow();
        assertThat(collected.status()).isEqualTo("collecting");
        assertThat(collected.signatures()).isEqualTo(2);
        assertThat(collected.lastError()).contains("submission failed");
        assertThat(store().cosignatures(3, cheat.jobId())).hasSize(1);
        assertThat(PeerJobs.lookups(cheat.jobId())).as("co-sign requests that reached the peer's job lookup").isEqualTo(1);
        BigInteger stakeBefore = octoStake(CHEATER.getAddress());

        // Restart: new objects over the same database; the stored co-signature completes the quorum.
        EpochProcessor restarted = finder(registry, List.of(cheat), new ReExecutor(CPU));
        restarted.retryOpenFails(3);

        assertThat(registry.slashed(three, cheat.jobId()).send()).isTrue();
        executeSlash(3);
        assertThat(octoStake(CHEATER.getAddress())).isEqualTo(stakeBefore.subtract(stakeBefore.divide(BigInteger.TEN)));
        FailAttestationStore.State submitted = store().state(3, cheat.jobId()).orElseThrow();
        assertThat(submitted.status()).isEqualTo("slashed");
        assertThat(submitted.txHash()).startsWith("0x");
        assertThat(PeerJobs.lookups(cheat.jobId())).as("the peer was not asked again").isEqualTo(1);
        // The restarted operator finishes the epoch: its pass commitment (empty: it passed nothing) goes out now.
        assertThat(restarted.process(3, PeerOperator.anvil.blockNumber().longValueExact())).isEqualTo(EpochProcessor.Outcome.DONE);
        assertThat(registry.passCommitment(three, FINDER.getAddress()).send().committedAt.signum()).isPositive();

        // Again, and once more after losing the epoch record: no transaction, no second slash.
        long block = PeerOperator.anvil.blockNumber().longValueExact();
        restarted.retryOpenFails(3); // (epoch 2's disputed fail is still open: asked again, refused again)
        assertThat(store().state(3, cheat.jobId()).orElseThrow().attempts()).isEqualTo(collected.attempts());
        try (var jdbc = PeerOperator.finderDb.jdbc()) {
            jdbc.createStatement().execute("UPDATE verifier.epochs SET status = 'sampling' WHERE epoch = 3");
        }
        assertThat(finder(registry, List.of(cheat), new ReExecutor(CPU)).process(3, PeerOperator.anvil.blockNumber().longValueExact()))
                .isEqualTo(EpochProcessor.Outcome.DONE);
        assertThat(PeerOperator.anvil.blockNumber().longValueExact()).as("nothing sent").isEqualTo(block);
        assertThat(octoStake(CHEATER.getAddress())).isEqualTo(stakeBefore.subtract(stakeBefore.divide(BigInteger.TEN)));
        assertThat(PeerJobs.lookups(cheat.jobId())).isEqualTo(1);
    }
}
