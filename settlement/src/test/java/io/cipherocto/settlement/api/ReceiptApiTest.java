package io.cipherocto.settlement.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.cipherocto.settlement.receipt.SettlementDomain;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;

/**
 * POST /api/v1/receipts against anvil and embedded PostgreSQL: acceptance, every rejection code, batch limits; and
 * GET /api/v1/receipts/senders with the per-sender metrics.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiptApiTest {
    @Inject
    SettlementRuntime runtime;

    private static final AtomicLong JOBS = new AtomicLong(0x1000);
    private final Credentials provider = DevAccounts.get(1);
    private final Credentials unstaked = DevAccounts.get(3);
    private final Credentials requester = DevAccounts.get(2);
    private final Credentials poorRequester = DevAccounts.get(4);
    private Actors actors;
    private Eip712Domain domain;
    private long epoch;

    @BeforeAll
    void setUp() throws Exception {
        actors = new Actors(SettlementTestEnvironment.anvil, SettlementTestEnvironment.manifest);
        domain = actors.domain();
        actors.stakeProvider(provider, 0);
        actors.deposit(requester, Actors.octo(1_000));
        actors.deposit(poorRequester, Actors.octo(10));
        // Leave room in the current epoch for the tests (receipts themselves mine no blocks).
        epoch = actors.openEpoch(10, true);
    }

    private static String nextJobId() {
        return Actors.word(JOBS.incrementAndGet());
    }

    private JobReceipt receipt(Credentials req, Credentials prov, long ep, BigInteger fee) {
        return Actors.receipt(nextJobId(), ep, req, prov, 0, BigInteger.valueOf(1_000), fee);
    }

    private Map<String, Object> signed(JobReceipt r) {
        return Actors.signed(r, domain, provider, requester);
    }

    private static ValidatableResponse post(List<Map<String, Object>> receipts) {
        return given().contentType(ContentType.JSON).body(Map.of("receipts", receipts)).when().post("/api/v1/receipts").then();
    }

    private static String code(List<Map<String, Object>> receipts, int index) {
        return post(receipts).statusCode(200).extract().path("results[" + index + "].code");
    }

    @Test
    void postReceipts_storesAValidReceiptBeforeAnswering_andCountsIt() throws Exception {
        JobReceipt r = receipt(requester, provider, epoch, Actors.octo(1));
        post(List.of(signed(r))).statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(0))
                .body("results[0].status", equalTo("accepted")).body("results[0].jobId", equalTo(r.jobId()));
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                ResultSet rs = c.createStatement().executeQuery("SELECT fee, provider FROM settlement.receipts WHERE job_id = '"
                        + r.jobId() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1).toBigIntegerExact()).isEqualTo(Actors.octo(1));
            assertThat(rs.getString(2)).isEqualTo(provider.getAddress());
        }
    }

    @Test
    void postReceipts_reportsTheIdenticalReceiptAgainAsDuplicate_andADifferentOneWithTheSameJobIdAsConflict() {
        JobReceipt r = receipt(requester, provider, epoch, Actors.octo(1));
        post(List.of(signed(r))).statusCode(200).body("accepted", equalTo(1));
        post(List.of(signed(r))).statusCode(200).body("duplicates", equalTo(1)).body("results[0].status", equalTo("duplicate"))
                .body("results[0].code", equalTo("duplicate"));
        JobReceipt other = new JobReceipt(r.jobId(), r.epoch(), r.requester(), r.provider(), r.role(), r.kernel(), r.specHash(),
                r.outputHash(), r.workUnits(), r.fee().add(BigInteger.ONE));
        assertThat(code(List.of(signed(other)), 0)).isEqualTo("job_id_conflict");
        // Inside one batch as well.
        JobReceipt fresh = receipt(requester, provider, epoch, Actors.octo(1));
        JobReceipt clash = new JobReceipt(fresh.jobId(), fresh.epoch(), fresh.requester(), fresh.provider(), 0, fresh.kernel(),
                fresh.specHash(), fresh.outputHash(), BigInteger.TWO, fresh.fee());
        List<Map<String, Object>> batch = List.of(signed(fresh), signed(fresh), signed(clash));
        post(batch).statusCode(200).body("results[0].code", equalTo("accepted")).body("results[1].code", equalTo("duplicate"))
                .body("results[2].code", equalTo("job_id_conflict"));
    }

    @Test
    void postReceipts_rejectsEachInvalidReceiptWithItsCode_andAcceptsTheValidOnesOfTheSameBatch() {
        List<Map<String, Object>> batch = new ArrayList<>();
        // 0 invalid_field: fee is not a number
        Map<String, Object> bad = new HashMap<>(signed(receipt(requester, provider, epoch, BigInteger.ONE)));
        bad.put("fee", "-1");
        batch.add(bad);
        // 1 wrong_domain: signed for another chain id and says so
        Map<String, Object> wrongDomain = new HashMap<>(signed(receipt(requester, provider, epoch, BigInteger.ONE)));
        wrongDomain.put("chainId", 1L);
        batch.add(wrongDomain);
        // 2 bad_provider_signature: signed under another domain (another verifying contract)
        Eip712Domain foreign = SettlementDomain.of(domain.chainId(), "0x000000000000000000000000000000000000dEaD");
        batch.add(Actors.signed(receipt(requester, provider, epoch, BigInteger.ONE), foreign, provider, requester));
        // 3 bad_requester_signature: the provider signed twice
        batch.add(Actors.signed(receipt(requester, provider, epoch, BigInteger.ONE), domain, provider, provider));
        // 4 provider_not_staked
        batch.add(Actors.signed(receipt(requester, unstaked, epoch, BigInteger.ONE), domain, unstaked, requester));
        // 5 epoch_closed (an earlier epoch) and 6 epoch_not_started
        batch.add(signed(receipt(requester, provider, epoch - 1, BigInteger.ONE)));
        batch.add(signed(receipt(requester, provider, epoch + 5, BigInteger.ONE)));
        // 7 accepted
        batch.add(signed(receipt(requester, provider, epoch, BigInteger.ONE)));
        ValidatableResponse res = post(batch).statusCode(200);
        res.body("results[0].code", equalTo("invalid_field"))
                .body("results[1].code", equalTo("wrong_domain"))
                .body("results[2].code", equalTo("bad_provider_signature"))
                .body("results[3].code", equalTo("bad_requester_signature"))
                .body("results[4].code", equalTo("provider_not_staked"))
                .body("results[6].code", equalTo("epoch_not_started"))
                .body("results[5].code", equalTo("epoch_closed"))
                .body("results[7].code", equalTo("accepted"))
                .body("accepted", equalTo(1));
    }

    @Test
    void postReceipts_rejectsFeesBeyondTheEscrowMinusWhatAcceptedReceiptsOwe_asInsufficientEscrow() {
        // 10 OCTO in escrow: 6 + 4 fit, the next 1 does not, in this batch or a later one.
        List<Map<String, Object>> batch = List.of(
                Actors.signed(receipt(poorRequester, provider, epoch, Actors.octo(6)), domain, provider, poorRequester),
                Actors.signed(receipt(poorRequester, provider, epoch, Actors.octo(4)), domain, provider, poorRequester),
                Actors.signed(receipt(poorRequester, provider, epoch, Actors.octo(1)), domain, provider, poorRequester));
        post(batch).statusCode(200).body("results[0].code", equalTo("accepted")).body("results[1].code", equalTo("accepted"))
                .body("results[2].code", equalTo("insufficient_escrow"));
        assertThat(code(List.of(Actors.signed(receipt(poorRequester, provider, epoch, BigInteger.ONE), domain, provider,
                poorRequester)), 0)).isEqualTo("insufficient_escrow");
    }

    @Test
    void postReceipts_concurrentBatchesOfOneRequester_neverAcceptMoreThanItsEscrow_andOneJobIdIsStoredOnce() throws Exception {
        Credentials racer = DevAccounts.get(8);
        actors.deposit(racer, Actors.octo(10));
        // Four batches of five 1-OCTO receipts at once against 10 OCTO: exactly ten are accepted.
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                batch.add(Actors.signed(receipt(racer, provider, epoch, Actors.octo(1)), domain, provider, racer));
            }
            batches.add(batch);
        }
        // And the same new receipt posted by four clients at once: stored once, the others see a duplicate.
        Map<String, Object> same = Actors.signed(receipt(requester, provider, epoch, BigInteger.ONE), domain, provider, requester);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<Integer>> accepted = new ArrayList<>();
            List<java.util.concurrent.Future<String>> sameCodes = new ArrayList<>();
            for (List<Map<String, Object>> batch : batches) {
                accepted.add(pool.submit(() -> post(batch).statusCode(200).extract().<Integer>path("accepted")));
                sameCodes.add(pool.submit(() -> code(List.of(same), 0)));
            }
            int total = 0;
            for (var f : accepted) {
                total += f.get();
            }
            assertThat(total).isEqualTo(10);
            List<String> codes = new ArrayList<>();
            for (var f : sameCodes) {
                codes.add(f.get());
            }
            assertThat(codes).containsOnly("accepted", "duplicate").containsOnlyOnce("accepted");
        }
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*), sum(fee) FROM settlement.receipts WHERE requester = '"
                        + racer.getAddress() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(10);
            assertThat(rs.getBigDecimal(2).toBigIntegerExact()).isEqualTo(Actors.octo(10));
        }
    }

    @Test
    void receiptStore_keepsTheRunningOwedTotalEqualToTheStoredFees_andStillRefusesABatchBeyondEscrow() throws Exception {
        ReceiptStore store = runtime.receiptStore();
        // Two requesters of their own (no chain involved: the balance is given), three epochs far from the chain's.
        String a = String.format("0x%040x", 0xe5c0a);
        String b = String.format("0x%040x", 0xe5c0b);
        long base = 7_000_000;
        BigInteger balance = BigInteger.valueOf(1_000_000);
        java.util.function.Function<String, BigInteger> balances = q -> balance;
        long fees = 0;
        for (int batch = 0; batch < 5; batch++) {
            List<SignedReceipt> receipts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String req = (i / 3) % 2 == 0 ? b : a; // both requesters in each of the three epochs
                long fee = 100 + batch * 7 + i;
                if (req.equals(a)) {
                    fees += fee;
                }
                receipts.add(storedReceipt(base + i % 3, req, fee));
            }
            assertThat(store.store(receipts, balances, base)).containsOnly(ReceiptCode.ACCEPTED);
        }
        assertThat(owedRowsMatchStoredFees(base)).isEqualTo(6); // 2 requesters x 3 epochs
        // a owes `fees` for epochs >= base: exactly what is left of the balance fits, one wei more does not, in one batch
        // or across two; a receipt of an earlier (debited) epoch does not count against the later ones.
        BigInteger left = balance.subtract(BigInteger.valueOf(fees));
        List<ReceiptCode> codes = store.store(List.of(storedReceipt(base + 1, a, left.longValue() + 1),
                storedReceipt(base + 2, a, left.longValue() - 5), storedReceipt(base, a, 6)), balances, base);
        assertThat(codes).containsExactly(ReceiptCode.INSUFFICIENT_ESCROW, ReceiptCode.ACCEPTED, ReceiptCode.INSUFFICIENT_ESCROW);
        assertThat(store.store(List.of(storedReceipt(base + 2, a, 6)), balances, base)).containsExactly(ReceiptCode.INSUFFICIENT_ESCROW);
        assertThat(store.store(List.of(storedReceipt(base + 2, a, 5)), balances, base)).containsExactly(ReceiptCode.ACCEPTED);
        assertThat(store.store(List.of(storedReceipt(base + 3, a, balance.longValue())), balances, base + 3))
                .containsExactly(ReceiptCode.ACCEPTED);
        assertThat(owedRowsMatchStoredFees(base)).isEqualTo(7);
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                ResultSet rs = c.createStatement().executeQuery("SELECT sum(owed) FROM settlement.requester_owed WHERE requester = '"
                        + a + "' AND epoch BETWEEN " + base + " AND " + (base + 2))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal(1).toBigIntegerExact()).isEqualTo(balance);
        }
    }

    private static final AtomicLong STORE_JOBS = new AtomicLong(0x7e57000000L);

    private static SignedReceipt storedReceipt(long epoch, String requester, long fee) {
        JobReceipt r = new JobReceipt(Actors.word(STORE_JOBS.incrementAndGet()), epoch, requester, String.format("0x%040x", 0xe5c01),
                0, Actors.word(1), Actors.word(2), Actors.word(3), BigInteger.ONE, BigInteger.valueOf(fee));
        return new SignedReceipt(r, "0x00", "0x00", r.jobId());
    }

    /** Compares settlement.requester_owed with sum(fee) of the receipts for epochs >= from; returns the rows compared. */
    private static int owedRowsMatchStoredFees(long from) throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                ResultSet rs = c.createStatement().executeQuery("SELECT o.owed, r.fees FROM settlement.requester_owed o FULL JOIN "
                        + "(SELECT requester, epoch, sum(fee) AS fees FROM settlement.receipts WHERE epoch >= " + from
                        + " GROUP BY requester, epoch) r USING (requester, epoch) WHERE epoch >= " + from)) {
            int rows = 0;
            while (rs.next()) {
                assertThat(rs.getBigDecimal(1)).isNotNull();
                assertThat(rs.getBigDecimal(1).toBigIntegerExact()).isEqualTo(rs.getBigDecimal(2).toBigIntegerExact());
                rows++;
            }
            return rows;
        }
    }

    @Test
    void getSenders_countsEachSendersAcceptedAndRejectedReceipts_inTheApiAndInTheMetrics() {
        String p = provider.getAddress();
        String q = requester.getAddress();
        Map<String, Object> providerBefore = sender(p, "provider");
        Map<String, Object> requesterBefore = sender(q, "requester");
        // one accepted receipt and one whose requester signature is the provider's
        post(List.of(signed(receipt(requester, provider, epoch, BigInteger.ONE)),
                Actors.signed(receipt(requester, provider, epoch, BigInteger.ONE), domain, provider, provider)))
                .statusCode(200).body("accepted", equalTo(1)).body("rejected", equalTo(1));

        Map<String, Object> providerAfter = sender(p, "provider");
        assertThat(delta(providerBefore, providerAfter, "accepted")).isEqualTo(1);
        assertThat(delta(providerBefore, providerAfter, "rejected")).isEqualTo(1);
        assertThat(rejectedByCode(providerAfter, "bad_requester_signature") - rejectedByCode(providerBefore,
                "bad_requester_signature")).isEqualTo(1);
        assertThat((String) providerAfter.get("lastSeen")).isNotNull().isEqualTo(providerAfter.get("lastAccepted"));
        Map<String, Object> requesterAfter = sender(q, "requester");
        assertThat(delta(requesterBefore, requesterAfter, "accepted")).isEqualTo(1);
        assertThat(delta(requesterBefore, requesterAfter, "rejected")).isEqualTo(1);

        // the same counts under the Prometheus names the node exposes at /q/metrics
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(sample(metrics, "octo_receipts_sender_total{outcome=\"accepted\",sender=\"" + p + "\",side=\"provider\"}"))
                .isEqualTo(((Number) providerAfter.get("accepted")).doubleValue());
        assertThat(sample(metrics, "octo_receipts_sender_total{outcome=\"rejected\",sender=\"" + q + "\",side=\"requester\"}"))
                .isEqualTo(((Number) requesterAfter.get("rejected")).doubleValue());
        assertThat(sample(metrics, "octo_receipts_sender_last_seen_seconds{sender=\"" + p + "\",side=\"provider\"}"))
                .isCloseTo(java.time.Instant.parse((String) providerAfter.get("lastSeen")).toEpochMilli() / 1e3,
                        org.assertj.core.data.Offset.offset(0.002));
        assertThat(sample(metrics, "octo_receipts_senders ")).isGreaterThanOrEqualTo(2);
        assertThat(sample(metrics, "octo_receipts_senders_silent ")).isGreaterThanOrEqualTo(0);
        assertThat(sample(metrics, "octo_receipts_senders_dropped_total ")).isZero();
    }

    @Test
    void getSenders_refusesABadQueryParameter_withItsCode() {
        given().when().get("/api/v1/receipts/senders?side=both").then().statusCode(400).body("error", equalTo("invalid_side"));
        given().when().get("/api/v1/receipts/senders?silentFor=10m").then().statusCode(400)
                .body("error", equalTo("invalid_duration"));
        given().when().get("/api/v1/receipts/senders?after=0x12").then().statusCode(400).body("error", equalTo("invalid_address"));
        given().when().get("/api/v1/receipts/senders?limit=0").then().statusCode(400).body("error", equalTo("invalid_page"));
    }

    /** The row of {@code address} on {@code side} in GET /receipts/senders, empty before its first stored receipt. */
    private static Map<String, Object> sender(String address, String side) {
        List<Map<String, Object>> rows = given().when().get("/api/v1/receipts/senders?side=" + side + "&limit=1000").then()
                .statusCode(200).extract().path("senders");
        return rows.stream().filter(r -> address.equals(r.get("sender"))).findFirst().orElse(Map.of());
    }

    private static long delta(Map<String, Object> before, Map<String, Object> after, String field) {
        return ((Number) after.getOrDefault(field, 0)).longValue() - ((Number) before.getOrDefault(field, 0)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static long rejectedByCode(Map<String, Object> row, String code) {
        return ((Number) ((Map<String, Object>) row.getOrDefault("rejectedByCode", Map.of())).getOrDefault(code, 0)).longValue();
    }

    /** The value of the Prometheus sample line starting with {@code series}. */
    private static double sample(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError(series + " not in /q/metrics"));
    }

    @Test
    void postReceipts_refusesAnEmptyBatch_asBadRequest() {
        post(List.of()).statusCode(400).body("error", equalTo("empty_batch"));
    }

    @Test
    void postReceipts_refusesMoreThanMaxBatchReceipts_asPayloadTooLarge() {
        List<Map<String, Object>> batch = new ArrayList<>();
        Map<String, Object> one = signed(receipt(requester, provider, epoch, BigInteger.ONE));
        for (int i = 0; i < 61; i++) {
            batch.add(one);
        }
        post(batch).statusCode(413).body("error", equalTo("batch_too_large"));
    }

    @Test
    void postReceipts_refusesABodyAboveMaxBodyBytes_asPayloadTooLarge() {
        List<Map<String, Object>> batch = new ArrayList<>();
        Map<String, Object> one = new HashMap<>(signed(receipt(requester, provider, epoch, BigInteger.ONE)));
        one.put("padding", "x".repeat(2_000));
        for (int i = 0; i < 40; i++) {
            batch.add(one);
        }
        post(batch).statusCode(413).body("error", equalTo("body_too_large"));
    }
}
