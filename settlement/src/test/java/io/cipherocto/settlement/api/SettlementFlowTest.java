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
import io.cipherocto.platform.kernel.Hex;
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
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.contracts.protocol.PassAttestations;
import io.cipherocto.contracts.protocol.PassCommitment;
import io.cipherocto.settlement.bundle.BundleBuilder;
import io.cipherocto.settlement.bundle.BundleFiles;
import io.cipherocto.settlement.bundle.BundleReport;
import io.cipherocto.settlement.bundle.EpochBundle;
import io.cipherocto.settlement.bundle.BundleVerifier;
import io.cipherocto.settlement.verdict.ChainVerdicts;
import io.cipherocto.settlement.verdict.PassSource;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.FlowEnvironment;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.chain.events.EventCatalog;
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
 * verdicts arrive on chain only (a verifier's pass commitment, whose attestations a {@link PassSource} serves, and an
 * accepted fail attestation), rewards are computed, the root is posted with the bundle's hash and funded, the honest
 * provider claims with the proof from GET /rewards/{address}; the cheater gets nothing; the audit matches and catches
 * tampering, from the database and from the public bundle alone; publication survives crashes around sending.
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
        bundleDir = java.nio.file.Files.createTempDirectory("octo-bundles");
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

    /** The pass attestations verifier operators would serve (by verifier/epoch); settlement checks them against the chain. */
    private final Map<String, PassAttestations> served = new java.util.concurrent.ConcurrentHashMap<>();
    private final PassSource passes = (verifier, epoch) -> Optional.ofNullable(served.get(verifier.toLowerCase() + "/" + epoch));
    private java.nio.file.Path bundleDir;

    private EpochSettler settler(Duration attestationDeadline, PublishHooks hooks) {
        var epochs = runtime.epochStore();
        return new EpochSettler(chain, epochs, new EpochComputer(runtime.receiptStore(), epochs),
                new Publisher(chain, new PublicationStore(runtime.pool()), operator, hooks, Duration.ofSeconds(30)),
                new io.cipherocto.settlement.chain.ChainWriter(chain, operator),
                new io.cipherocto.settlement.voucher.VoucherStore(runtime.pool()), new SettlerSettings(attestationDeadline, Optional.empty(), 0),
                new ChainVerdicts(chain, passes), new BundleBuilder(chain, runtime.receiptStore(), epochs),
                new BundleFiles(Optional.of(bundleDir)));
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
        return actors.openEpoch(room, false);
    }

    private JobReceipt receipt(Credentials provider, long epoch, long workUnits, BigInteger fee) {
        return Actors.receipt(Actors.word(++jobs), epoch, requester, provider, 0, BigInteger.valueOf(workUnits), fee);
    }

    /** The requester's running fee total per epoch: what its vouchers authorise. */
    private final Map<Long, BigInteger> authorised = new java.util.HashMap<>();

    private void postAll(List<JobReceipt> receipts, Credentials... providers) throws Exception {
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
                "signature", Hex.encode(sig));
        given().contentType(ContentType.JSON).body(Map.of("receipts", body, "vouchers", List.of(voucher)))
                .post("/api/v1/receipts").then().statusCode(200).body("accepted", equalTo(receipts.size()))
                .body("vouchers[0].status", equalTo("accepted"));
    }

    /**
     * The only verifier (the operator) passes these receipts of the epoch: it commits their pass attestations' root on
     * chain, and its API would serve the attestations ({@link #served}). Once per epoch; the seed must be recorded.
     */
    private void passOnChain(long epoch, List<JobReceipt> passed) throws Exception {
        String registry = SettlementTestEnvironment.manifest.address(DeploymentManifest.ATTESTATIONS);
        List<Attestation> atts = passed.stream().sorted(java.util.Comparator.comparing(JobReceipt::jobId))
                .map(r -> new Attestation(epoch, Hex.decode(r.jobId()), r.provider(), r.role(), Hex.decode(r.specHash()),
                        Hex.decode(r.outputHash()), Hex.decode(r.outputHash()), true, Hex.decode(Actors.word(0xe0)))).toList();
        byte[] root = atts.isEmpty() ? new byte[32]
                : PassCommitment.of(epoch, atts, Attestation.domain(chain.chainId(), registry)).root();
        Chain op = actors.operator();
        AttestationRegistry reg = AttestationRegistry.load(registry, op.web3j(), op.txManager(), op.gas());
        Actors.ok(reg.commitPassAttestations(BigInteger.valueOf(epoch), root, BigInteger.valueOf(atts.size())).send());
        served.put(operator.getAddress().toLowerCase() + "/" + epoch, PassAttestations.of(epoch, operator.getAddress().toLowerCase(), atts));
    }

    /** Commits the epoch and records its seed (with an hour's deadline, so nothing is computed yet). */
    private void commitAndSeed(long epoch) {
        EpochSettler s = settler(Duration.ofHours(1), PublishHooks.NONE);
        assertThat(s.step()).isEqualTo(EpochSettler.Step.COMMITTED);
        assertThat(s.step()).isEqualTo(EpochSettler.Step.WAITING_FOR_ATTESTATIONS);
        assertThat(chain.epochSeed(epoch)).isNotEqualTo(new byte[32]);
    }

    private void submitFailAttestation(long epoch, JobReceipt r) throws Exception {
        String registry = SettlementTestEnvironment.manifest.address(DeploymentManifest.ATTESTATIONS);
        Attestation a = new Attestation(epoch, Hex.decode(r.jobId()), r.provider(), r.role(), Hex.decode(r.specHash()),
                Hex.decode(r.outputHash()), Hex.decode(Actors.word(0xbad)), false, Hex.decode(Actors.word(0xe1)),
                operator.getAddress());
        byte[] sig = Signatures.sign(a.digest(Attestation.domain(chain.chainId(), registry)), operator.getEcKeyPair());
        Chain op = actors.operator();
        AttestationRegistry reg = AttestationRegistry.load(registry, op.web3j(), op.txManager(), op.gas());
        // the receipt's inclusion proof against the receipts root settlement committed for the epoch
        var tree = io.cipherocto.settlement.epoch.ReceiptsTree.of(runtime.receiptStore().epochReceipts(epoch));
        assertThat(tree.rootHex()).isEqualTo(chain.epochCommitment(epoch).receiptsRoot());
        var stored = new io.cipherocto.settlement.store.StoredReceipt(r.jobId(), epoch, r.requester(), r.provider(), r.role(),
                r.workUnits(), r.fee(), r.specHash(), r.outputHash());
        List<byte[]> proof = tree.proof(stored).orElseThrow().stream().map(Hex::decode).toList();
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

        // Verdicts come from the chain only: the quorum's fail attestation of c1 is accepted, the verifier commits its
        // passes of h1 and h2. h3 and c2 stay unattested: the epoch's governed policy (REFUND, the default) refunds them.
        submitFailAttestation(e, c1);
        assertThat(chain.failedInEpoch(e, cheater.getAddress())).isTrue();
        assertThat(chain.epochUnattestedPolicy(e)).isZero();
        passOnChain(e, List.of(h1, h2));
        // Every registered verifier has committed its passes: nothing is left to wait for, whatever the deadline.
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);

        BigInteger honestGross = Actors.octo(30);
        BigInteger honestFee = honestGross.multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)); // 5% fee, floor
        // The cheater's receipts and the unattested h3 are not billable: their fees go back to the requester as a leaf
        // (net of the 5 % fee).
        JsonPath refund = given().get("/api/v1/rewards/" + requester.getAddress()).then().statusCode(200).extract().jsonPath();
        assertThat(refund.getList("rewards.cumulativeAmount", String.class)).containsExactly(
                cheaterGross.add(odd).multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)).toString());

        JsonPath epochView = given().get("/api/v1/epochs/" + e).then().statusCode(200)
                .body("status", equalTo("published")).body("txHash", notNullValue())
                .body("attestedPass", equalTo(2)).body("attestedFail", equalTo(1)).body("unattested", equalTo(2))
                .body("forfeited", hasItem(cheater.getAddress()))
                // the view's totals leave out the per-provider maps (V2_9): they are in the bundle and the reward rows
                .body("totals", notNullValue()).body("totals.providerFees", org.hamcrest.Matchers.nullValue())
                .body("totals.reputationBps", org.hamcrest.Matchers.nullValue()).extract().jsonPath();
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
                // h3 is unattested: no emission for it; the honest provider is the only one with verified work.
                assertThat(cumulative).isEqualTo(ROLE_BUDGET);
            }
            assertThat(big(t.get("claimable"))).isEqualTo(cumulative);
            @SuppressWarnings("unchecked")
            List<byte[]> proof = ((List<String>) t.get("proof")).stream().map(Hex::decode).toList();
            BigInteger before = balance(token, honest.getAddress());
            Actors.ok(asHonest.claim(honest.getAddress(), token, cumulative, proof).send());
            assertThat(balance(token, honest.getAddress()).subtract(before)).isEqualTo(cumulative);
        }
        given().get("/api/v1/rewards/" + honest.getAddress()).then().statusCode(200).body("rewards[0].claimable", equalTo("0"))
                .body("rewards[1].claimable", equalTo("0"));
        given().get("/api/v1/rewards/" + cheater.getAddress()).then().statusCode(200).body("rewards.size()", equalTo(0));
        // Earnings per epoch (the console's chart): this epoch's amounts per token, newest epoch first.
        JsonPath earnings = given().queryParam("limit", 1).get("/api/v1/rewards/" + honest.getAddress() + "/epochs").then()
                .statusCode(200).body("epochs[0].epoch", equalTo((int) e)).extract().jsonPath();
        assertThat(earnings.getList("epochs[0].rewards.amount", String.class)).containsExactlyInAnyOrder(honestFee.toString(),
                ROLE_BUDGET.toString());
        given().get("/api/v1/rewards/" + cheater.getAddress() + "/epochs").then().statusCode(200).body("epochs.size()", equalTo(0))
                .body("next", org.hamcrest.Matchers.nullValue());

        // Provider profiles: stake per role from the chain, verdicts and reputation, earnings, APR by the documented
        // integer method, claimable (all claimed above), and for the cheater the fail attestation that is its evidence.
        JsonPath profile = given().get("/api/v1/providers/" + honest.getAddress()).then().statusCode(200).extract().jsonPath();
        assertThat(profile.getBoolean("stakes[0].registered")).isTrue();
        assertThat(profile.getLong("verdicts[0].epoch")).isEqualTo(e);
        assertThat(profile.getLong("reputation.multiplierBps")).isEqualTo(new io.cipherocto.settlement.rewards.Reputation(
                profile.getLong("reputation.passes"), profile.getLong("reputation.fails")).bps());
        assertThat(profile.getLong("earnings[0].epoch")).isEqualTo(e);
        Map<String, Object> octoApr = profile.<Map<String, Object>>getList("apr").stream()
                .filter(x -> octo.equals(x.get("token"))).findFirst().orElseThrow();
        assertThat(big(octoApr.get("earned"))).isEqualTo(honestFee);
        long seconds = ((Number) octoApr.get("seconds")).longValue();
        assertThat(seconds).isPositive();
        assertThat(((Number) octoApr.get("aprBps")).longValue()).isEqualTo(honestFee.multiply(BigInteger.valueOf(31_536_000L))
                .multiply(BigInteger.valueOf(10_000)).divide(BigInteger.valueOf(seconds).multiply(big(octoApr.get("staked"))))
                .longValue());
        assertThat(profile.getList("claimable.rewards.claimable", String.class)).containsOnly("0");
        JsonPath cheaterProfile = given().get("/api/v1/providers/" + cheater.getAddress()).then().statusCode(200).extract()
                .jsonPath();
        assertThat(cheaterProfile.getList("slashes.failAttestationsOnChain")).isNotEmpty();
        assertThat(cheaterProfile.getLong("reputation.fails")).isPositive();
        given().get("/api/v1/providers/0x12").then().statusCode(400).body("error", equalTo("invalid_address"));

        // Keyset pages of the epoch's reward rows give the same rows as the offset page, one at a time.
        List<Map<String, Object>> all = given().get("/api/v1/epochs/" + e + "/rewards").then().statusCode(200).extract().jsonPath()
                .getList("$");
        List<Map<String, Object>> walked = new java.util.ArrayList<>();
        String after = "";
        while (true) {
            var page = given().queryParam("after", after).queryParam("limit", 1).get("/api/v1/epochs/" + e + "/rewards").then()
                    .statusCode(200).extract();
            walked.addAll(page.jsonPath().getList("$"));
            after = page.header("X-Next-After");
            if (after == null) {
                break;
            }
        }
        assertThat(walked).isEqualTo(all);
        // Offset pages read leaf_index ranges: row k of every page size is row k of the (earner, token) order.
        List<String> order = all.stream().map(r -> r.get("earner") + "," + r.get("token")).toList();
        for (int size : new int[] {1, 2, 3}) {
            List<String> paged = new java.util.ArrayList<>();
            for (int offset = 0; offset < order.size() + size; offset += size) {
                runtime.epochStore().rewards(e, size, offset).forEach(r -> paged.add(r.earner() + "," + r.token()));
            }
            assertThat(paged).as("offset pages of %d", size).isEqualTo(order);
        }
        given().queryParam("after", "nope").queryParam("limit", 1).get("/api/v1/epochs/" + e + "/rewards").then().statusCode(400)
                .body("error", equalTo("invalid_cursor"));
        // Keyset pages of the epochs list (before=, then X-Next-Before) give the offset list's epochs.
        List<Object> epochsOffset = given().get("/api/v1/epochs").then().statusCode(200).extract().jsonPath().getList("epoch");
        List<Object> epochsKeyset = new java.util.ArrayList<>();
        String beforeEpoch = "";
        while (beforeEpoch != null) {
            var page = given().queryParam("before", beforeEpoch).queryParam("limit", 1).get("/api/v1/epochs").then().statusCode(200)
                    .extract();
            epochsKeyset.addAll(page.jsonPath().getList("epoch"));
            beforeEpoch = page.header("X-Next-Before");
        }
        assertThat(epochsKeyset).isEqualTo(epochsOffset);
        given().queryParam("before", "x").get("/api/v1/epochs").then().statusCode(400).body("error", equalTo("invalid_cursor"));
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
                .body("settlementVerdicts.size()", equalTo(2));
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

        // The public bundle: served, written to the bundle directory, its keccak256 is the bundleHash on chain, and it
        // recomputes the epoch from the chain alone.
        var response = given().get("/api/v1/epochs/" + e + "/bundle").then().statusCode(200).extract();
        byte[] bundle = response.asByteArray();
        String hash = response.header("X-Bundle-Hash");
        assertThat(EpochBundle.hash(bundle)).isEqualTo(hash).isEqualTo(chain.submission(e, 0).orElseThrow().bundleHash());
        assertThat(java.nio.file.Files.readAllBytes(BundleFiles.file(bundleDir, e, hash))).isEqualTo(bundle);
        // written streamed (receipts read in batches), it is byte for byte the canonical form of the whole bundle
        assertThat(EpochBundle.parse(bundle).toBytes()).isEqualTo(bundle);
        BundleVerifier auditor = new BundleVerifier(chain, io.cipherocto.platform.crypto.SignatureRecoveries.best());
        BundleReport report = auditor.verify(e, bundle);
        assertThat(report.differences()).isEmpty();
        assertThat(report.match()).isTrue();
        assertThat(report.recomputedRoot()).isEqualTo(epochView.getString("root"));
        assertThat(report.receipts()).isEqualTo(5);
        // One byte of one receipt changed (h2's work units 300 -> 400): the first difference names that receipt.
        String text = new String(bundle, java.nio.charset.StandardCharsets.UTF_8);
        String field = "\"workUnits\":\"300\"";
        assertThat(text.indexOf(field)).isEqualTo(text.lastIndexOf(field)).isPositive();
        byte[] tampered = bundle.clone();
        tampered[text.indexOf(field) + "\"workUnits\":\"".length()] = '4';
        BundleReport bad = auditor.verify(e, tampered);
        assertThat(bad.match()).isFalse();
        assertThat(bad.firstDifference()).contains(h2.jobId()).contains("signature does not recover");
        assertThat(bad.differences()).anyMatch(d -> d.startsWith("bundle hash"));
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
            commitAndSeed(e);
            passOnChain(e, List.of(r));
            assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);

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
                List<byte[]> proof = ((List<String>) t.get("proof")).stream().map(Hex::decode).toList();
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
    void jobsApi_servesACommittedEpochsJobsWithProofsAgainstTheCommittedRoot_keysetPaginated() throws Exception {
        long e = openEpoch(10);
        settleUpTo(e);
        JobReceipt a = receipt(honest, e, 10, Actors.octo(1));
        JobReceipt b = receipt(cheater, e, 20, Actors.octo(1));
        JobReceipt c = receipt(honest, e, 30, Actors.octo(1));
        postAll(List.of(a, b, c), honest, cheater, honest);
        given().get("/api/v1/epochs/" + e + "/jobs").then().statusCode(404).body("error", equalTo("epoch_not_committed"));
        actors.mineTo(actors.closingBlock(e) + 1);
        commitAndSeed(e);

        String root = chain.epochCommitment(e).receiptsRoot();
        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            var req = given().queryParam("limit", 2);
            if (after != null) {
                req = req.queryParam("after", after);
            }
            io.cipherocto.contracts.protocol.JobPage page = req.get("/api/v1/epochs/" + e + "/jobs").then().statusCode(200)
                    .extract().as(io.cipherocto.contracts.protocol.JobPage.class);
            assertThat(page.receiptsRoot()).isEqualTo(root);
            assertThat(page.count()).isEqualTo(3);
            for (var job : page.jobs()) {
                assertThat(io.cipherocto.contracts.protocol.JobPage.verify(job, root)).as("proof of %s", job.jobId()).isTrue();
                seen.add(job.jobId());
            }
            after = page.next();
            pages++;
        } while (after != null);
        assertThat(pages).isEqualTo(2);
        assertThat(seen).containsExactly(java.util.stream.Stream.of(a, b, c).map(JobReceipt::jobId).sorted().toArray(String[]::new));
        var listed = given().get("/api/v1/epochs/" + e + "/jobs").then().statusCode(200).extract()
                .as(io.cipherocto.contracts.protocol.JobPage.class).jobs().stream().filter(j -> j.jobId().equals(b.jobId()))
                .findFirst().orElseThrow();
        assertThat(listed.provider()).isEqualTo(cheater.getAddress().toLowerCase());
        assertThat(listed.fee()).isEqualTo(Actors.octo(1).toString());
        assertThat(listed.outputHash()).isEqualTo(b.outputHash());
        given().queryParam("after", "0xZZ").get("/api/v1/epochs/" + e + "/jobs").then().statusCode(400)
                .body("error", equalTo("invalid_field"));
        given().queryParam("limit", 0).get("/api/v1/epochs/" + e + "/jobs").then().statusCode(400)
                .body("error", equalTo("invalid_page"));
        given().queryParam("limit", 1001).get("/api/v1/epochs/" + e + "/jobs").then().statusCode(400)
                .body("error", equalTo("invalid_page"));
        // the epoch settles (nothing passed: the sampled receipts are refunded under the default policy)
        passOnChain(e, List.of());
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);
    }

    @Test
    @Order(6)
    void sampledJobNobodyCouldVerify_settlesOnceTheVerifiersCommit_underTheGovernedPolicy_paysItsProviderNothing()
            throws Exception {
        actors.mineTo(actors.closingBlock(actors.currentEpoch()) + 1); // an epoch of its own (earlier tests left receipts)
        long e = openEpoch(10);
        settleUpTo(e);
        JobReceipt ok = receipt(honest, e, 100, Actors.octo(2));
        // the cheater's receipt names a spec nobody uploads: it can never be re-executed, so no verifier attests it
        JobReceipt withheld = new JobReceipt(Actors.word(++jobs), e, requester.getAddress(), cheater.getAddress(), 0,
                Actors.word(0x11), Actors.word(0x5bec), Actors.word(0x33), BigInteger.valueOf(100), Actors.octo(4));
        postAll(List.of(ok, withheld), honest, cheater);
        actors.mineTo(actors.closingBlock(e) + 1);
        commitAndSeed(e);
        passOnChain(e, List.of(ok));

        // An hour's attestation deadline, yet nothing to wait for: every registered verifier has committed for the epoch.
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);
        given().get("/api/v1/attestations?epoch=" + e).then().statusCode(200)
                .body("settlementVerdicts.find { it.job_id == '" + withheld.jobId() + "' }.verdict", equalTo("unattested"))
                .body("settlementVerdicts.find { it.job_id == '" + ok.jobId() + "' }.verdict", equalTo("pass"));
        JsonPath rows = given().get("/api/v1/epochs/" + e + "/rewards").then().statusCode(200).extract().jsonPath();
        String octo = chain.octoAddress();
        List<Map<String, Object>> list = rows.getList("$");
        assertThat(list.stream().filter(r -> r.get("earner").equals(cheater.getAddress()) && r.get("token").equals(octo)
                && new BigInteger((String) r.get("amount")).signum() > 0)).as("the withholding provider earns nothing").isEmpty();
        assertThat(list.stream().filter(r -> r.get("earner").equals(requester.getAddress()) && r.get("kind").equals("refund"))
                .map(r -> new BigInteger((String) r.get("amount"))))
                .containsExactly(Actors.octo(4).multiply(BigInteger.valueOf(95)).divide(BigInteger.valueOf(100)));
        given().get("/api/v1/epochs/" + e).then().statusCode(200).body("parameters.unattestedPolicy", equalTo("NONE"));
    }

    @Test
    @Order(7)
    void failThatExistsOnlyInALocalVerifier_withoutAnOnChainAttestation_leavesTheRewardsUnchanged() throws Exception {
        // two new providers with the same (empty) history, doing the same work for the same fee
        Credentials accused = DevAccounts.get(8);
        Credentials other = DevAccounts.get(9);
        actors.stakeProvider(accused, 0);
        actors.stakeProvider(other, 0);
        long e = openEpoch(10);
        settleUpTo(e);
        JobReceipt x = receipt(accused, e, 100, Actors.octo(2));
        JobReceipt y = receipt(other, e, 100, Actors.octo(2));
        postAll(List.of(x, y), accused, other);
        actors.mineTo(actors.closingBlock(e) + 1);
        commitAndSeed(e);
        // The co-located verifier's own database says x failed, but no quorum signed it and nothing reached the chain.
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                PreparedStatement ps = c.prepareStatement("INSERT INTO verifier.work (epoch, job_id, provider, role, spec, "
                        + "claimed_output_hash, status, passed, recomputed_output_hash, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'done', false, ?, now())")) {
            ps.setLong(1, e);
            ps.setBytes(2, Hex.decode(x.jobId()));
            ps.setString(3, x.provider());
            ps.setShort(4, (short) x.role());
            ps.setBytes(5, new byte[] {1});
            ps.setBytes(6, Hex.decode(x.outputHash()));
            ps.setBytes(7, Hex.decode(Actors.word(0xbad)));
            ps.executeUpdate();
        }
        passOnChain(e, List.of(x, y)); // what the chain says: both passed
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);

        assertThat(chain.failedInEpoch(e, accused.getAddress())).isFalse();
        given().get("/api/v1/epochs/" + e).then().statusCode(200).body("attestedPass", equalTo(2))
                .body("attestedFail", equalTo(0)).body("forfeited.size()", equalTo(0));
        // The provider of x earns exactly what the provider of y does for the same work and fee.
        JsonPath rows = given().get("/api/v1/epochs/" + e + "/rewards").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = rows.getList("$");
        java.util.function.Function<String, List<String>> amounts = who -> list.stream().filter(r -> r.get("earner").equals(who))
                .sorted(java.util.Comparator.comparing(r -> (String) r.get("token"))).map(r -> (String) r.get("amount")).toList();
        assertThat(amounts.apply(accused.getAddress())).hasSize(2).isEqualTo(amounts.apply(other.getAddress()));
        assertThat(new BundleVerifier(chain, io.cipherocto.platform.crypto.SignatureRecoveries.best())
                .verify(e, given().get("/api/v1/epochs/" + e + "/bundle").then().statusCode(200).extract().asByteArray()).match())
                .isTrue();
    }

    @Test
    @Order(8)
    void batchSignedEnvelope_settlesAndPays_andTheBundleRecomputesIt_namingAChangedEnvelopeReceipt() throws Exception {
        long e = openEpoch(10);
        settleUpTo(e);
        List<JobReceipt> rs = List.of(receipt(honest, e, 700, Actors.octo(1)), receipt(honest, e, 701, Actors.octo(2)),
                receipt(honest, e, 702, Actors.octo(3)));
        BigInteger max = rs.stream().map(JobReceipt::fee).reduce(BigInteger.ZERO, BigInteger::add);
        var voucherDomain = io.cipherocto.contracts.eip712.Voucher.domain(chain.chainId(),
                SettlementTestEnvironment.manifest.address(DeploymentManifest.ESCROW));
        byte[] sig = Signatures.sign(new io.cipherocto.contracts.eip712.Voucher(requester.getAddress(), e, max).digest(voucherDomain),
                requester.getEcKeyPair());
        Map<String, Object> envelope = new java.util.LinkedHashMap<>(Actors.envelope(rs, actors.domain(), honest, requester,
                Optional.empty()));
        envelope.put("voucher", Map.of("requester", requester.getAddress(), "epoch", e, "maxAmount", max.toString(),
                "signature", Hex.encode(sig)));
        given().contentType(ContentType.JSON).body(Map.of("envelopes", List.of(envelope))).post("/api/v1/receipts/envelopes")
                .then().statusCode(200).body("accepted", equalTo(3)).body("envelopes[0].voucher.status", equalTo("accepted"));
        actors.mineTo(actors.closingBlock(e) + 1);
        commitAndSeed(e);
        passOnChain(e, rs);
        assertThat(settler(Duration.ofHours(1), PublishHooks.NONE).step()).isEqualTo(EpochSettler.Step.PUBLISHED);
        given().get("/api/v1/epochs/" + e).then().statusCode(200).body("receipts", equalTo(3));

        byte[] bundle = given().get("/api/v1/epochs/" + e + "/bundle").then().statusCode(200).extract().asByteArray();
        EpochBundle parsed = EpochBundle.parse(bundle);
        assertThat(parsed.envelopes()).hasSize(1);
        assertThat(parsed.toBytes()).as("streamed bundle with an envelope = canonical form of the whole").isEqualTo(bundle);
        assertThat(parsed.receipts()).allMatch(r -> parsed.envelopes().get(0).digest().equals(r.envelope()));
        BundleVerifier auditor = new BundleVerifier(chain, io.cipherocto.platform.crypto.SignatureRecoveries.best());
        BundleReport report = auditor.verify(e, bundle);
        assertThat(report.differences()).isEmpty();
        assertThat(report.match()).isTrue();
        // the work units of one receipt changed in the file: it is no longer a leaf of the signed envelope
        String text = new String(bundle, java.nio.charset.StandardCharsets.UTF_8);
        String field = "\"workUnits\":\"701\"";
        assertThat(text.indexOf(field)).isEqualTo(text.lastIndexOf(field)).isPositive();
        byte[] tampered = bundle.clone();
        tampered[text.indexOf(field) + "\"workUnits\":\"".length() + 2] = '9';
        BundleReport bad = auditor.verify(e, tampered);
        assertThat(bad.match()).isFalse();
        assertThat(bad.firstDifference()).contains(rs.get(1).jobId()).contains("is not a leaf of envelope");
    }
}
