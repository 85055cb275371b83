package io.cipherocto.settlement.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.generated.RoleToken;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochComputer;
import io.cipherocto.settlement.epoch.EpochSettler;
import io.cipherocto.settlement.epoch.SettlementWorker;
import io.cipherocto.settlement.epoch.SettlerSettings;
import io.cipherocto.settlement.publish.PublicationStore;
import io.cipherocto.settlement.publish.PublishHooks;
import io.cipherocto.settlement.publish.Publisher;
import io.cipherocto.settlement.publish.Submission;
import io.cipherocto.settlement.receipt.Hex;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.FlowEnvironment;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.cipherocto.verifier.attestation.Attestation;
import io.cipherocto.indexer.abi.EventCatalog;
import io.cipherocto.indexer.rpc.ChainRpc;
import io.cipherocto.indexer.store.IndexerStore;
import io.cipherocto.indexer.sync.ContractSet;
import io.cipherocto.indexer.sync.Indexer;
import io.cipherocto.indexer.sync.IndexerConfig;
import io.cipherocto.indexer.sync.IndexerMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.methods.request.EthFilter;

/**
 * Whole epochs on anvil and embedded PostgreSQL: receipts in through the API, the epoch closes, the seed is recorded,
 * attestations arrive (verifier table + an on-chain fail attestation), rewards are computed, the root is posted and
 * funded, the honest provider claims with the proof from GET /rewards/{address}; the cheater gets nothing; the audit
 * matches and catches tampering; publication survives crashes around sending.
 */
@QuarkusTest
@QuarkusTestResource(value = FlowEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettlementFlowTest {
    private static final BigInteger ROLE_BUDGET = Actors.octo(100_000); // DeploymentConfig roleEmissionCapPerEpoch

    @Inject
    SettlementRuntime runtime;

    private final Credentials operator = DevAccounts.get(0);
    private final Credentials honest = DevAccounts.get(5);
    private final Credentials cheater = DevAccounts.get(6);
    private final Credentials requester = DevAccounts.get(7);
    private Actors actors;
    private SettlementChain chain;
    private long jobs = 0x5000;

    private Indexer indexer;
    private Thread indexerThread;
    private ChainRpc indexerRpc;
    private Pool indexerPool;

    @BeforeAll
    void setUp() throws Exception {
        actors = new Actors(SettlementTestEnvironment.anvil, SettlementTestEnvironment.manifest);
        chain = runtime.chain();
        // The chain-indexer fills the indexer.* tables the audit endpoints read (as IndexerHarness runs it).
        org.eclipse.microprofile.context.spi.ContextManagerProvider.instance().getContextManager();
        IndexerConfig config = IndexerConfig.defaults().withPollInterval(Duration.ofMillis(100)).withRpcTimeout(Duration.ofSeconds(5));
        DeploymentManifest m = SettlementTestEnvironment.manifest;
        indexerRpc = new ChainRpc(SettlementTestEnvironment.anvil.rpcUrl(), config.rpcTimeout(), config.headerConcurrency());
        indexerPool = SettlementTestEnvironment.db.newPool(4);
        EventCatalog catalog = EventCatalog.suite();
        indexer = new Indexer(indexerRpc, new IndexerStore(indexerPool,
                io.cipherocto.indexer.store.WriterConnections.of(SettlementTestEnvironment.db.jdbcUrl(), "postgres", ""),
                m.chainId(), catalog), catalog, ContractSet.of(m), config,
                new IndexerMetrics(new SimpleMeterRegistry()), m.deployBlock());
        indexerThread = Thread.ofPlatform().daemon().name("indexer-under-test").start(indexer);
        actors.stakeProvider(honest, 0);
        actors.stakeProvider(cheater, 0);
        actors.deposit(requester, Actors.octo(1_000));
    }

    @AfterAll
    void stopIndexer() throws InterruptedException {
        indexer.stop();
        indexerThread.interrupt();
        indexerThread.join(10_000);
        indexerPool.closeAndAwait();
        indexerRpc.close();
    }

    /** Waits until the indexer's checkpoint reaches the chain head. */
    private void awaitIndexed() throws Exception {
        long head = actors.head();
        awaitTrue(() -> {
            try (Connection c = SettlementTestEnvironment.db.jdbc();
                    java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT max(block_number) FROM indexer.checkpoint")) {
                return rs.next() && rs.getLong(1) >= head;
            } catch (java.sql.SQLException e) {
                return false;
            }
        });
    }

    private EpochSettler settler(Duration attestationDeadline, PublishHooks hooks) {
        var epochs = runtime.epochStore();
        return new EpochSettler(chain, epochs, new EpochComputer(runtime.receiptStore(), epochs),
                new Publisher(chain, new PublicationStore(runtime.pool()), operator, hooks, Duration.ofSeconds(30)),
                new io.cipherocto.settlement.chain.ChainWriter(chain, operator),
                new io.cipherocto.settlement.voucher.VoucherStore(runtime.pool()), new SettlerSettings(attestationDeadline, UnattestedPolicy.FEES_ONLY, Optional.empty(), 0));
    }

    /** One settlement step; a step that only committed the epoch is followed by the next one. */
    private static EpochSettler.Step step(EpochSettler s) {
        EpochSettler.Step first = s.step();
        return first == EpochSettler.Step.COMMITTED ? s.step() : first;
    }

    /** Settles every epoch before {@code epoch} (empty ones included), so that {@code epoch} is next. */
    private void settleUpTo(long epoch) {
        EpochSettler s = settler(Duration.ZERO, PublishHooks.NONE);
        for (int i = 0; i < 50 && chain.nextEpochUncached() < epoch; i++) {
            s.step();
        }
        assertThat(chain.nextEpochUncached()).isEqualTo(epoch);
    }

    /** An open epoch with at least {@code room} blocks left. */
    private long openEpoch(long room) {
        long e = actors.currentEpoch();
        if (actors.closingBlock(e) - actors.head() < room) {
            actors.mineTo(actors.closingBlock(e) + 1);
            e = actors.currentEpoch();
        }
        return e;
    }

    private JobReceipt receipt(Credentials provider, long epoch, long workUnits, BigInteger fee) {
        return Actors.receipt(Actors.word(++jobs), epoch, requester, provider, 0, BigInteger.valueOf(workUnits), fee);
    }

    /** A job spec (its bytes) for the receipts' spec hash, as providers upload them (PUT /api/v1/specs). */
    private static byte[] spec() {
        return io.cipherocto.gpuverifier.spec.JobSpec.of(new io.cipherocto.gpuverifier.spec.MatmulParams(2, 3, 4, 2),
                new io.cipherocto.gpuverifier.spec.InputSource.Seeded(new byte[32])).encode();
    }

    /** Uploads the spec of a receipt's spec hash (else its sample is unverifiable: decided at once, no fee). */
    private static void specKnown(String specHash) throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                PreparedStatement ps = c.prepareStatement("INSERT INTO verifier.specs (spec_hash, spec) VALUES (?, ?) "
                        + "ON CONFLICT (spec_hash) DO NOTHING")) {
            ps.setBytes(1, Hex.bytes(specHash));
            ps.setBytes(2, spec());
            ps.executeUpdate();
        }
    }

    /** The requester's running fee total per epoch: what its vouchers authorise. */
    private final Map<Long, BigInteger> authorised = new java.util.HashMap<>();

    private void postAll(List<JobReceipt> receipts, Credentials... providers) throws Exception {
        receipts.forEach(r -> {
            try {
                specKnown(r.specHash());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Map<String, Object>> body = new java.util.ArrayList<>();
        for (int i = 0; i < receipts.size(); i++) {
            body.add(Actors.signed(receipts.get(i), actors.domain(), providers[i], requester));
            authorised.merge(receipts.get(i).epoch(), receipts.get(i).fee(), BigInteger::add);
        }
        long epoch = receipts.get(0).epoch();
        BigInteger max = authorised.get(epoch);
        var domain = io.cipherocto.contracts.eip712.Voucher.domain(chain.chainId(),
                SettlementTestEnvironment.manifest.address(DeploymentManifest.ESCROW));
        byte[] sig = Signatures.sign(new io.cipherocto.contracts.eip712.Voucher(requester.getAddress(), epoch, max)
                .digest(domain), requester.getEcKeyPair());
        Map<String, Object> voucher = Map.of("requester", requester.getAddress(), "epoch", epoch, "maxAmount", max.toString(),
                "signature", Hex.hex(sig));
        given().contentType(ContentType.JSON).body(Map.of("receipts", body, "vouchers", List.of(voucher)))
                .post("/api/v1/receipts").then().statusCode(200).body("accepted", equalTo(receipts.size()))
                .body("vouchers[0].status", equalTo("accepted"));
    }

    private void verifierVerdict(long epoch, JobReceipt r, boolean passed) throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                PreparedStatement ps = c.prepareStatement("INSERT INTO verifier.work (epoch, job_id, provider, role, spec, "
                        + "claimed_output_hash, status, passed, recomputed_output_hash, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'done', ?, ?, now())")) {
            ps.setLong(1, epoch);
            ps.setBytes(2, Hex.bytes(r.jobId()));
            ps.setString(3, r.provider());
            ps.setShort(4, (short) r.role());
            ps.setBytes(5, new byte[] {1});
            ps.setBytes(6, Hex.bytes(r.outputHash()));
            ps.setBoolean(7, passed);
            ps.setBytes(8, Hex.bytes(passed ? r.outputHash() : Actors.word(0xbad)));
            ps.executeUpdate();
        }
    }

    private void submitFailAttestation(long epoch, JobReceipt r) throws Exception {
        String registry = SettlementTestEnvironment.manifest.address(DeploymentManifest.ATTESTATIONS);
        Attestation a = new Attestation(epoch, Hex.bytes(r.jobId()), r.provider(), r.role(), Hex.bytes(r.specHash()),
                Hex.bytes(r.outputHash()), Hex.bytes(Actors.word(0xbad)), false, Hex.bytes(Actors.word(0xe1)),
                operator.getAddress());
        byte[] sig = Signatures.sign(a.digest(Attestation.domain(chain.chainId(), registry)), operator.getEcKeyPair());
        Chain op = actors.operator();
        AttestationRegistry reg = AttestationRegistry.load(registry, op.web3j(), op.txManager(), op.gas());
        // the receipt's inclusion proof against the receipts root settlement committed for the epoch
        var tree = io.cipherocto.settlement.epoch.ReceiptsTree.of(runtime.receiptStore().epochReceipts(epoch));
        assertThat(tree.rootHex()).isEqualTo(chain.epochCommitment(epoch).receiptsRoot());
        List<byte[]> proof = tree.proof(r.jobId()).orElseThrow().stream().map(Hex::bytes).toList();
        Actors.ok(reg.submitFailAttestation(new AttestationRegistry.Attestation(BigInteger.valueOf(epoch), a.jobId(),
                a.provider(), BigInteger.valueOf(a.role()), a.specHash(), a.claimedOutputHash(), a.recomputedOutputHash(),
                false, a.evidenceHash(), a.finder()), new AttestationRegistry.ReceiptProof(r.requester(), r.workUnits(), r.fee(),
                proof), List.of(sig)).send());
    }

    private int rootSubmittedLogs(long epoch) throws Exception {
        EthFilter f = new EthFilter(new DefaultBlockParameterNumber(0), DefaultBlockParameterName.LATEST, chain.rewardsAddress());
        f.addSingleTopic(EventEncoder.encode(RewardDistributor.ROOTSUBMITTED_EVENT));
        f.addSingleTopic(Actors.word(epoch));
        return chain.web3j().ethGetLogs(f).send().getLogs().size();
    }

    private static BigInteger big(Object o) {
        return new BigInteger(o.toString());
    }

    @Test
    @Order(1)
    void wholeEpoch_honestProviderClaimsFeesAndEmission_cheaterGetsNothing_auditMatchesAndCatchesTampering() throws Exception {
        long e = openEpoch(10);
        settleUpTo(e);
        BigInteger odd = new BigInteger("30300000000000000001"); // 30.3 OCTO + 1 wei: rounding shows
        JobReceipt h1 = receipt(honest, e, 100, Actors.octo(10));
        JobReceipt h2 = receipt(honest, e, 300, Actors.octo(20));
        JobReceipt h3 = receipt(honest, e, 50, odd);
        JobReceipt c1 = receipt(cheater, e, 500, Actors.octo(7));
        JobReceipt c2 = receipt(cheater, e, 500, Actors.octo(8));
        postAll(List.of(h1, h2, h3, c1, c2), honest, honest, honest, cheater, cheater);

        actors.mineTo(actors.closingBlock(e) + 1);
        BigInteger escrowBefore = actors.escrowBalance(requester.getAddress());
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.COMMITTED);
        // Protocol v2: the commitment reserves every fee of the epoch, against the requester's voucher.
        BigInteger cheaterGross = Actors.octo(15);
        assertThat(escrowBefore.subtract(actors.escrowBalance(requester.getAddress())))
                .isEqualTo(Actors.octo(30).add(odd).add(cheaterGross));
        assertThat(chain.epochCommitment(e).receiptCount()).isEqualTo(5);
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.WAITING_FOR_ATTESTATIONS);
        assertThat(chain.epochSeed(e)).as("seed recorded by settlement").isNotEqualTo(new byte[32]);

        // The verifier passes h1, h2 and fails c1 (and the quorum's fail attestation is accepted on chain); h3, c2 stay
        // unattested.
        verifierVerdict(e, h1, true);
        verifierVerdict(e, h2, true);
        verifierVerdict(e, c1, false);
        submitFailAttestation(e, c1);
        assertThat(chain.failedInEpoch(e, cheater.getAddress())).isTrue();

        assertThat(settler(Duration.ZERO, PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);

        BigInteger honestGross = Actors.octo(30).add(odd);
        BigInteger honestFee = honestGross.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)); // 5% fee, floor
        // The cheater's receipts are not billable: their fees go back to the requester as a leaf (net of the 5 % fee).
        JsonPath refund = given().get("/api/v1/rewards/" + requester.getAddress()).then().statusCode(200).extract().jsonPath();
        assertThat(refund.getList("rewards.cumulativeAmount", String.class))
                .containsExactly(cheaterGross.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)).toString());

        JsonPath epochView = given().get("/api/v1/epochs/" + e).then().statusCode(200)
                .body("status", equalTo("published")).body("txHash", notNullValue())
                .body("attestedPass", equalTo(2)).body("attestedFail", equalTo(1)).body("unattested", equalTo(2))
                .body("forfeited", hasItem(cheater.getAddress())).extract().jsonPath();
        assertThat(epochView.getString("root")).isEqualTo(chain.submittedRoot(e).orElseThrow());

        // The honest provider claims both tokens with the proofs the API serves.
        String octo = chain.octoAddress();
        String roleToken = chain.roleToken(0);
        JsonPath rewards = given().get("/api/v1/rewards/" + honest.getAddress()).then().statusCode(200)
                .body("epoch", equalTo((int) e)).extract().jsonPath();
        List<Map<String, Object>> entries = rewards.getList("rewards");
        assertThat(entries).hasSize(2);
        Chain hc = actors.operator().as(honest);
        RewardDistributor asHonest = RewardDistributor.load(chain.rewardsAddress(), hc.web3j(), hc.txManager(), hc.gas());
        for (Map<String, Object> t : entries) {
            String token = (String) t.get("token");
            BigInteger cumulative = big(t.get("cumulativeAmount"));
            if (token.equals(octo)) {
                assertThat(cumulative).isEqualTo(honestFee);
            } else {
                assertThat(token).isEqualTo(roleToken);
                // h3 is an unattested sample: fees only; the honest provider is the only one with verified work.
                assertThat(cumulative).isEqualTo(ROLE_BUDGET);
            }
            assertThat(big(t.get("claimable"))).isEqualTo(cumulative);
            @SuppressWarnings("unchecked")
            List<byte[]> proof = ((List<String>) t.get("proof")).stream().map(Hex::bytes).toList();
            BigInteger before = balance(token, honest.getAddress());
            Actors.ok(asHonest.claim(honest.getAddress(), token, cumulative, proof).send());
            assertThat(balance(token, honest.getAddress()).subtract(before)).isEqualTo(cumulative);
        }
        given().get("/api/v1/rewards/" + honest.getAddress()).then().statusCode(200).body("rewards[0].claimable", equalTo("0"))
                .body("rewards[1].claimable", equalTo("0"));
        given().get("/api/v1/rewards/" + cheater.getAddress()).then().statusCode(200).body("rewards.size()", equalTo(0));

        given().queryParam("format", "csv").get("/api/v1/epochs/" + e + "/rewards").then().statusCode(200)
                .contentType(containsString("text/csv")).body(containsString(honest.getAddress() + "," + octo + ",provider,"
                        + honestFee));
        given().accept("text/csv").get("/api/v1/epochs/" + e + "/rewards").then().statusCode(200)
                .body(containsString("earner,token,kind,amount,cumulative"));

        // The audit recomputes the same root; a tampered receipt makes it differ.
        given().get("/api/v1/audit/epochs/" + e + "/verify").then().statusCode(200).body("match", equalTo(true))
                .body("differences.size()", equalTo(0));
        try (Connection c = SettlementTestEnvironment.db.jdbc()) {
            c.createStatement().executeUpdate("UPDATE settlement.receipts SET fee = fee + 1 WHERE job_id = '" + h1.jobId() + "'");
            try {
                given().get("/api/v1/audit/epochs/" + e + "/verify").then().statusCode(200).body("match", equalTo(false))
                        .body("differences", hasItem(containsString("root: on chain")));
                assertThat(runtime.auditVerifier().verifyEpoch(e).match()).isFalse();
            } finally {
                c.createStatement().executeUpdate("UPDATE settlement.receipts SET fee = fee - 1 WHERE job_id = '" + h1.jobId() + "'");
            }
        }
        assertThat(runtime.auditVerifier().verifyEpoch(e).match()).isTrue();
        awaitIndexed();
        given().queryParam("epoch", e).queryParam("provider", cheater.getAddress()).get("/api/v1/attestations").then()
                .statusCode(200).body("failAttestationsOnChain.size()", equalTo(1))
                .body("failAttestationsOnChain[0].job_id", equalTo(c1.jobId()))
                .body("verifierVerdicts.size()", equalTo(1)).body("settlementVerdicts.size()", equalTo(2));
        given().queryParam("contract", "RewardDistributor").queryParam("event", "RootSubmitted").get("/api/v1/audit/events")
                .then().statusCode(200).body("event", equalTo("RootSubmitted(uint64,bytes32,uint256,bytes32)"))
                .body("events.root", hasItem(epochView.getString("root")));
        given().queryParam("contract", "RewardDistributor").queryParam("event", "Claimed")
                .queryParam("fromBlock", 0).queryParam("toBlock", actors.head()).get("/api/v1/audit/events")
                .then().statusCode(200).body("events.size()", equalTo(2)).body("events.earner", hasItem(honest.getAddress()));
        given().queryParam("contract", "Nope").queryParam("event", "RootSubmitted").get("/api/v1/audit/events").then()
                .statusCode(400).body("error", equalTo("unknown_contract"));
        given().get("/api/v1/epochs").then().statusCode(200).body("epoch", hasItem((int) e));
        given().get("/api/v1/epochs/999999").then().statusCode(404).body("error", equalTo("epoch_not_found"));
        given().get("/api/v1/rewards/0x1234").then().statusCode(400).body("error", equalTo("invalid_address"));
        given().queryParam("contract", "RewardDistributor").queryParam("event", "Nope").get("/api/v1/audit/events").then()
                .statusCode(400).body("error", equalTo("unknown_event"));
    }

    private BigInteger balance(String token, String who) throws Exception {
        Chain op = actors.operator();
        return RoleToken.load(token, op.web3j(), op.txManager(), op.gas()).balanceOf(who).send();
    }

    @Test
    @Order(2)
    void publication_crashBetweenSendAndReceipt_resumesWithTheStoredTransaction_andSubmitsExactlyOneRoot() throws Exception {
        long e = chain.nextEpochUncached();
        if (actors.head() < actors.closingBlock(e) - 2) {
            postAll(List.of(receipt(honest, e, 10, Actors.octo(1))), honest);
        }
        actors.mineTo(actors.closingBlock(e) + 1);
        PublishHooks crashAfterSend = new PublishHooks() {
            @Override
            public void afterSend(PublicationStore.Attempt attempt) {
                throw new IllegalStateException("simulated crash after send");
            }
        };
        assertThatThrownBy(() -> step(settler(Duration.ZERO, crashAfterSend))).hasMessageContaining("simulated crash");
        PublicationStore pubs = new PublicationStore(runtime.pool());
        List<PublicationStore.Attempt> before = pubs.all(e);
        assertThat(before).hasSize(1);
        assertThat(before.get(0).state()).isEqualTo("signed");
        assertThat(chain.nextEpochUncached()).as("the transaction landed; the service did not see it").isEqualTo(e + 1);

        settler(Duration.ZERO, PublishHooks.NONE).step();
        List<PublicationStore.Attempt> after = pubs.all(e);
        assertThat(after).hasSize(1);
        assertThat(after.get(0).state()).isEqualTo("confirmed");
        assertThat(after.get(0).txHash()).isEqualTo(before.get(0).txHash());
        assertThat(rootSubmittedLogs(e)).isEqualTo(1);
        assertThat(runtime.epochStore().epoch(e).orElseThrow().status()).isEqualTo("published");
        // A different root for a published epoch is refused, never sent.
        Publisher publisher = new Publisher(chain, pubs, operator, PublishHooks.NONE, Duration.ofSeconds(5));
        assertThatThrownBy(() -> publisher.publish(new Submission(e, Actors.word(0xdead), Actors.word(0), List.of(),
                List.of()))).isInstanceOf(IllegalStateException.class);
        assertThat(rootSubmittedLogs(e)).isEqualTo(1);
        given().get("/api/v1/audit/epochs/" + e + "/verify").then().statusCode(200).body("match", equalTo(true));
    }

    @Test
    @Order(3)
    void publication_crashAfterStoringBeforeSending_broadcastsTheStoredTransactionOnRestart() throws Exception {
        long e = chain.nextEpochUncached();
        if (actors.head() < actors.closingBlock(e) - 2) {
            // Once the worker has closed an epoch in the database, no receipt can commit into it, whatever the head.
            runtime.receiptStore().closeEpoch(e);
            JobReceipt late = receipt(honest, e, 10, Actors.octo(1));
            given().contentType(ContentType.JSON).body(Map.of("receipts", List.of(Actors.signed(late, actors.domain(), honest,
                    requester)))).post("/api/v1/receipts").then().statusCode(200).body("results[0].code", equalTo("epoch_closed"));
        }
        actors.mineTo(actors.closingBlock(e) + 1);
        PublishHooks crashBeforeSend = new PublishHooks() {
            @Override
            public void afterPersist(PublicationStore.Attempt attempt) {
                throw new IllegalStateException("simulated crash before send");
            }
        };
        assertThatThrownBy(() -> step(settler(Duration.ZERO, crashBeforeSend))).hasMessageContaining("simulated crash");
        PublicationStore pubs = new PublicationStore(runtime.pool());
        String stored = pubs.all(e).get(0).txHash();
        assertThat(chain.nextEpochUncached()).isEqualTo(e);

        assertThat(settler(Duration.ZERO, PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);
        assertThat(pubs.all(e)).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("confirmed");
            assertThat(a.txHash()).isEqualTo(stored);
        });
        assertThat(chain.nextEpochUncached()).isEqualTo(e + 1);
        assertThat(rootSubmittedLogs(e)).isEqualTo(1);
    }

    @Test
    @Order(4)
    void worker_secondInstanceWaitsForTheAdvisoryLock_andTakesOverWhenTheFirstStops() throws Exception {
        SettlementWorker first = new SettlementWorker(runtime.pool(), chain.chainId(),
                settler(Duration.ZERO, PublishHooks.NONE), Duration.ofMillis(100));
        SettlementWorker second = new SettlementWorker(runtime.pool(), chain.chainId(),
                settler(Duration.ZERO, PublishHooks.NONE), Duration.ofMillis(100));
        Thread t1 = Thread.ofPlatform().daemon().start(first);
        Thread t2 = null;
        try {
            awaitTrue(first::holdsLock);
            t2 = Thread.ofPlatform().daemon().start(second);
            Thread.sleep(1_000);
            assertThat(second.holdsLock()).as("second writer waits").isFalse();
            first.stop();
            t1.join(10_000);
            awaitTrue(second::holdsLock);
        } finally {
            first.stop();
            second.stop();
            t1.join(10_000);
            if (t2 != null) {
                t2.join(10_000);
            }
        }
    }

    private static void awaitTrue(java.util.function.BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 15 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @Order(4)
    void cumulativeClaims_acrossThreeEpochs_payEachClaimOnlyTheNewDelta() throws Exception {
        Chain hc = actors.operator().as(honest);
        RewardDistributor asHonest = RewardDistributor.load(chain.rewardsAddress(), hc.web3j(), hc.txManager(), hc.gas());
        Map<String, BigInteger> previousCumulative = new java.util.HashMap<>();
        for (int round = 0; round < 3; round++) {
            long e = openEpoch(10);
            settleUpTo(e);
            JobReceipt r = receipt(honest, e, 100 + round, Actors.octo(3 + round));
            postAll(List.of(r), honest);
            actors.mineTo(actors.closingBlock(e) + 1);
            verifierVerdict(e, r, true);
            assertThat(step(settler(Duration.ZERO, PublishHooks.NONE))).isEqualTo(EpochSettler.Step.PUBLISHED);

            JsonPath rewards = given().get("/api/v1/rewards/" + honest.getAddress()).then().statusCode(200)
                    .body("epoch", equalTo((int) e)).extract().jsonPath();
            List<Map<String, Object>> entries = rewards.getList("rewards");
            assertThat(entries).isNotEmpty();
            for (Map<String, Object> t : entries) {
                String token = (String) t.get("token");
                BigInteger cumulative = big(t.get("cumulativeAmount"));
                BigInteger before = previousCumulative.getOrDefault(token, BigInteger.ZERO);
                assertThat(cumulative).as("cumulative only grows (round %d, %s)", round, token).isGreaterThan(before);
                previousCumulative.put(token, cumulative);
                if (round == 1) {
                    continue; // no claim this time: the next one pays two epochs at once
                }
                BigInteger alreadyClaimed = asHonest.claimed(honest.getAddress(), token).send();
                assertThat(big(t.get("claimable"))).isEqualTo(cumulative.subtract(alreadyClaimed));
                @SuppressWarnings("unchecked")
                List<byte[]> proof = ((List<String>) t.get("proof")).stream().map(Hex::bytes).toList();
                BigInteger balanceBefore = balance(token, honest.getAddress());
                Actors.ok(asHonest.claim(honest.getAddress(), token, cumulative, proof).send());
                assertThat(balance(token, honest.getAddress()).subtract(balanceBefore))
                        .as("round %d pays exactly the delta of %s", round, token).isEqualTo(cumulative.subtract(alreadyClaimed));
                assertThat(asHonest.claimed(honest.getAddress(), token).send()).isEqualTo(cumulative);
            }
        }
    }

    @Test
    @Order(5)
    void receiptJobSource_findsOneJobById_exactlyAsTheEpochListingHasIt() throws Exception {
        long e = openEpoch(5);
        JobReceipt a = receipt(honest, e, 10, Actors.octo(1));
        JobReceipt b = receipt(cheater, e, 20, Actors.octo(1));
        postAll(List.of(a, b), honest, cheater);
        byte[] spec = spec();
        specKnown(b.specHash());
        var source = new io.cipherocto.settlement.verification.ReceiptJobSource(runtime.pool());

        var listed = source.jobsOf(e).stream().filter(j -> java.util.Arrays.equals(j.jobId(), Hex.bytes(b.jobId())))
                .findFirst().orElseThrow();
        var found = source.job(e, Hex.bytes(b.jobId())).orElseThrow();

        assertThat(found.jobId()).isEqualTo(Hex.bytes(b.jobId()));
        assertThat(found.provider()).isEqualTo(listed.provider()).isEqualToIgnoringCase(cheater.getAddress());
        assertThat(found.role()).isEqualTo(listed.role());
        assertThat(found.claimedOutputHash()).isEqualTo(listed.claimedOutputHash()).isEqualTo(Hex.bytes(b.outputHash()));
        assertThat(found.spec().encode()).isEqualTo(listed.spec().encode()).isEqualTo(spec);
        assertThat(source.job(e, Hex.bytes(Actors.word(0xdead)))).isEmpty();
        assertThat(source.job(e + 1, Hex.bytes(b.jobId()))).isEmpty();
    }

    @Test
    @Order(6)
    void sampledJobWhoseSpecWasNeverUploaded_isUnverifiableAtOnce_paysItsProviderNothing_andRefundsItsRequester()
            throws Exception {
        actors.mineTo(actors.closingBlock(actors.currentEpoch()) + 1); // an epoch of its own (earlier tests left receipts)
        long e = openEpoch(10);
        settleUpTo(e);
        JobReceipt ok = receipt(honest, e, 100, Actors.octo(2));
        postAll(List.of(ok), honest);
        // the cheater's receipt names a spec nobody uploads: it can never be re-executed
        JobReceipt withheld = new JobReceipt(Actors.word(++jobs), e, requester.getAddress(), cheater.getAddress(), 0,
                Actors.word(0x11), Actors.word(0x5bec), Actors.word(0x33), BigInteger.valueOf(100), Actors.octo(4));
        authorised.merge(e, withheld.fee(), BigInteger::add);
        var domain = io.cipherocto.contracts.eip712.Voucher.domain(chain.chainId(),
                SettlementTestEnvironment.manifest.address(DeploymentManifest.ESCROW));
        byte[] sig = Signatures.sign(new io.cipherocto.contracts.eip712.Voucher(requester.getAddress(), e, authorised.get(e))
                .digest(domain), requester.getEcKeyPair());
        given().contentType(ContentType.JSON).body(Map.of("receipts", List.of(Actors.signed(withheld, actors.domain(), cheater,
                requester)), "vouchers", List.of(Map.of("requester", requester.getAddress(), "epoch", e, "maxAmount",
                authorised.get(e).toString(), "signature", Hex.hex(sig))))).post("/api/v1/receipts").then().statusCode(200)
                .body("accepted", equalTo(1));
        actors.mineTo(actors.closingBlock(e) + 1);
        verifierVerdict(e, ok, true);

        // An hour's attestation deadline, yet nothing to wait for: the withheld job's verdict is already decided.
        assertThat(step(settler(Duration.ofHours(1), PublishHooks.NONE))).isEqualTo(EpochSettler.Step.PUBLISHED);
        given().get("/api/v1/attestations?epoch=" + e).then().statusCode(200)
                .body("settlementVerdicts.find { it.job_id == '" + withheld.jobId() + "' }.verdict", equalTo("unverifiable"));
        JsonPath rows = given().get("/api/v1/epochs/" + e + "/rewards").then().statusCode(200).extract().jsonPath();
        String octo = chain.octoAddress();
        List<Map<String, Object>> list = rows.getList("$");
        assertThat(list.stream().filter(r -> r.get("earner").equals(cheater.getAddress()) && r.get("token").equals(octo)
                && new BigInteger((String) r.get("amount")).signum() > 0)).as("the withholding provider earns nothing").isEmpty();
        assertThat(list.stream().filter(r -> r.get("earner").equals(requester.getAddress()) && r.get("kind").equals("refund"))
                .map(r -> new BigInteger((String) r.get("amount"))))
                .containsExactly(Actors.octo(4).multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)));
    }

}
