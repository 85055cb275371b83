package io.cipherocto.settlement.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptEnvelope;
import io.cipherocto.settlement.support.Actors;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;

/**
 * POST /api/v1/receipts/envelopes against anvil and embedded PostgreSQL: batch-signed receipts are stored with their
 * envelope and stay provable one by one; an envelope that fails its own checks stores nothing; inside a verified
 * envelope each receipt is refused on its own and the others are stored.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvelopeApiTest {
    @jakarta.inject.Inject
    io.cipherocto.settlement.SettlementRuntime runtime;

    private static final AtomicLong JOBS = new AtomicLong(0x9000_0000L);
    private final Credentials provider = DevAccounts.get(1);
    private final Credentials requester = DevAccounts.get(2);
    private final Credentials unstaked = DevAccounts.get(3);
    private final Credentials poorRequester = DevAccounts.get(5);
    private Eip712Domain domain;
    private long epoch;

    @BeforeAll
    void setUp() throws Exception {
        Actors actors = new Actors(SettlementTestEnvironment.anvil, SettlementTestEnvironment.manifest);
        domain = actors.domain();
        actors.stakeProvider(provider, 0);
        actors.deposit(requester, Actors.octo(1_000));
        actors.deposit(poorRequester, Actors.octo(10));
        epoch = actors.openEpoch(10, true);
    }

    private JobReceipt receipt(Credentials req, BigInteger fee) {
        return Actors.receipt(Actors.word(JOBS.incrementAndGet()), epoch, req, provider, 0, BigInteger.valueOf(1_000), fee);
    }

    private List<JobReceipt> receipts(Credentials req, int n, BigInteger fee) {
        List<JobReceipt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(receipt(req, fee));
        }
        return out;
    }

    private Map<String, Object> envelope(List<JobReceipt> rs, Credentials req) {
        return Actors.envelope(rs, domain, provider, req, Optional.empty());
    }

    private static ValidatableResponse post(Map<String, Object> envelope) {
        return given().contentType(ContentType.JSON).body(Map.of("envelopes", List.of(envelope))).when()
                .post("/api/v1/receipts/envelopes").then();
    }

    private static int stored(List<JobReceipt> rs) throws Exception {
        try (Connection c = SettlementTestEnvironment.db.jdbc();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM settlement.receipts WHERE job_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", rs.stream().map(JobReceipt::jobId).toArray()));
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void envelope_ofValidReceipts_storesEachWithItsEnvelope_andEachStaysProvableAgainstTheSignedRoot() throws Exception {
        List<JobReceipt> rs = receipts(requester, 5, Actors.octo(1));
        Map<String, Object> env = envelope(rs, requester);
        String digest = post(env).statusCode(200).body("accepted", equalTo(5)).body("rejected", equalTo(0))
                .body("envelopes[0].status", equalTo("accepted")).body("envelopes[0].refusals", hasSize(0))
                .extract().path("envelopes[0].digest");
        try (Connection c = SettlementTestEnvironment.db.jdbc()) {
            List<String> hashes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT receipts_root, struct_hashes, provider_sig FROM "
                    + "settlement.receipt_envelopes WHERE digest = ?")) {
                ps.setString(1, digest);
                try (ResultSet r = ps.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo(env.get("receiptsRoot"));
                    byte[] b = r.getBytes(2);
                    for (int i = 0; i < b.length; i += 32) {
                        hashes.add(Hex.encode(java.util.Arrays.copyOfRange(b, i, i + 32)));
                    }
                    assertThat(r.getString(3)).isEqualTo(env.get("providerSignature"));
                }
            }
            StandardMerkleTree tree = ReceiptEnvelope.tree(hashes);
            for (JobReceipt r : rs) {
                try (PreparedStatement ps = c.prepareStatement("SELECT envelope, provider_sig FROM settlement.receipts WHERE job_id = ?")) {
                    ps.setString(1, r.jobId());
                    try (ResultSet row = ps.executeQuery()) {
                        assertThat(row.next()).isTrue();
                        assertThat(row.getString(1)).isEqualTo(digest);
                        assertThat(row.getString(2)).isEqualTo(env.get("providerSignature"));
                    }
                }
                int leaf = hashes.indexOf(Hex.encode(r.structHash()));
                assertThat(leaf).isNotNegative();
                assertThat(StandardMerkleTree.verify(Hex.decode((String) env.get("receiptsRoot")), tree.leafHash(leaf),
                        tree.proof(leaf))).isTrue();
            }
        }
        // the same envelope again (a client retry): every receipt is a duplicate, nothing is stored twice
        post(env).statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(5))
                .body("envelopes[0].status", equalTo("accepted"));
        assertThat(stored(rs)).isEqualTo(5);
    }

    @Test
    void envelope_withReceiptsRefusedOnTheirOwn_storesTheOthers_andListsEachRefusalWithItsCode() throws Exception {
        // 10 OCTO of escrow: 4 + 4 fit, the third 4 does not; index 3 repeats index 0's job id with another fee
        List<JobReceipt> rs = new ArrayList<>(receipts(poorRequester, 3, Actors.octo(4)));
        JobReceipt first = rs.get(0);
        rs.add(new JobReceipt(first.jobId(), epoch, first.requester(), first.provider(), 0, first.kernel(), first.specHash(),
                first.outputHash(), first.workUnits(), Actors.octo(1)));
        // index 4: a role the provider is not staked for
        rs.add(Actors.receipt(Actors.word(JOBS.incrementAndGet()), epoch, poorRequester, provider, 3, BigInteger.ONE, BigInteger.ONE));
        var side = io.cipherocto.settlement.receipt.SenderActivity.Side.REQUESTER;
        long acceptedBefore = runtime.senderActivity().sender(poorRequester.getAddress(), side).map(x -> x.accepted()).orElse(0L);
        long rejectedBefore = runtime.senderActivity().sender(poorRequester.getAddress(), side).map(x -> x.rejected()).orElse(0L);
        post(envelope(rs, poorRequester)).statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(3))
                .body("envelopes[0].status", equalTo("partial")).body("envelopes[0].refusals", hasSize(3))
                .body("envelopes[0].refusals[0].index", equalTo(2))
                .body("envelopes[0].refusals[0].code", equalTo("insufficient_escrow"))
                .body("envelopes[0].refusals[1].index", equalTo(3))
                .body("envelopes[0].refusals[1].code", equalTo("job_id_conflict"))
                .body("envelopes[0].refusals[2].index", equalTo(4))
                .body("envelopes[0].refusals[2].code", equalTo("provider_not_staked"));
        assertThat(stored(rs.subList(0, 2))).isEqualTo(2);
        assertThat(stored(rs.subList(2, 3))).isZero();
        // the requester is visible in the sender metrics with these counts
        var after = runtime.senderActivity().sender(poorRequester.getAddress(), side).orElseThrow();
        assertThat(after.accepted() - acceptedBefore).isEqualTo(2);
        assertThat(after.rejected() - rejectedBefore).isEqualTo(3);
        assertThat(after.rejectedByCode()).containsKeys("insufficient_escrow", "job_id_conflict", "provider_not_staked");
    }

    @Test
    void envelope_whoseRootIsNotItsReceiptsRoot_isRefusedWhole_andStoresNothing() throws Exception {
        List<JobReceipt> rs = receipts(requester, 3, BigInteger.ONE);
        String otherRoot = ReceiptEnvelope.tree(List.of(Hex.encode(rs.get(0).structHash()))).rootHex();
        post(Actors.envelope(rs, domain, provider, requester, Optional.of(otherRoot))).statusCode(200)
                .body("accepted", equalTo(0)).body("rejected", equalTo(3))
                .body("envelopes[0].status", equalTo("rejected")).body("envelopes[0].code", equalTo("receipts_root_mismatch"));
        // a receipt changed after signing: the struct hashes no longer give the signed root
        Map<String, Object> env = new HashMap<>(envelope(rs, requester));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> posted = new ArrayList<>((List<Map<String, Object>>) env.get("receipts"));
        Map<String, Object> changed = new HashMap<>(posted.get(1));
        changed.put("fee", "2");
        posted.set(1, changed);
        env.put("receipts", posted);
        post(env).statusCode(200).body("envelopes[0].code", equalTo("receipts_root_mismatch"));
        assertThat(stored(rs)).isZero();
    }

    @Test
    void envelope_notSignedByItsRequesterOrProvider_isRefusedWhole_andStoresNothing() throws Exception {
        List<JobReceipt> rs = receipts(requester, 2, BigInteger.ONE);
        post(Actors.envelope(rs, domain, provider, provider, Optional.empty())).statusCode(200)
                .body("envelopes[0].code", equalTo("bad_requester_signature")).body("rejected", equalTo(2));
        post(Actors.envelope(rs, domain, requester, requester, Optional.empty())).statusCode(200)
                .body("envelopes[0].code", equalTo("bad_provider_signature"));
        // signed under another deployment's domain
        Eip712Domain foreign = io.cipherocto.settlement.receipt.SettlementDomain.of(domain.chainId(),
                "0x000000000000000000000000000000000000dEaD");
        post(Actors.envelope(rs, foreign, provider, requester, Optional.empty())).statusCode(200)
                .body("envelopes[0].code", equalTo("bad_provider_signature"));
        // an unstaked provider's envelope verifies, but none of its receipts is accepted
        List<JobReceipt> theirs = List.of(Actors.receipt(Actors.word(JOBS.incrementAndGet()), epoch, requester, unstaked, 0,
                BigInteger.ONE, BigInteger.ONE));
        post(Actors.envelope(theirs, domain, unstaked, requester, Optional.empty())).statusCode(200)
                .body("envelopes[0].status", equalTo("rejected")).body("envelopes[0].refusals[0].code", equalTo("provider_not_staked"));
        assertThat(stored(rs)).isZero();
    }

    @Test
    void envelope_withAMalformedReceipt_namesIt_andStoresNothingOfTheEnvelope() throws Exception {
        List<JobReceipt> rs = receipts(requester, 3, BigInteger.ONE);
        Map<String, Object> env = new HashMap<>(envelope(rs, requester));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> posted = new ArrayList<>((List<Map<String, Object>>) env.get("receipts"));
        Map<String, Object> bad = new HashMap<>(posted.get(2));
        bad.put("workUnits", "-5");
        posted.set(2, bad);
        env.put("receipts", posted);
        post(env).statusCode(200).body("envelopes[0].status", equalTo("rejected")).body("envelopes[0].code", equalTo("invalid_field"))
                .body("envelopes[0].refusals[0].index", equalTo(2)).body("envelopes[0].refusals[0].code", equalTo("invalid_field"));
        assertThat(stored(rs)).isZero();
    }

    @Test
    void envelopes_forAClosedEpoch_orWithoutReceipts_areRefused() {
        List<JobReceipt> old = List.of(Actors.receipt(Actors.word(JOBS.incrementAndGet()), epoch - 1, requester, provider, 0,
                BigInteger.ONE, BigInteger.ONE));
        post(Actors.envelope(old, domain, provider, requester, Optional.empty())).statusCode(200)
                .body("envelopes[0].code", equalTo("epoch_closed"));
        given().contentType(ContentType.JSON).body(Map.of("envelopes", List.of())).when().post("/api/v1/receipts/envelopes")
                .then().statusCode(400).body("error", equalTo("empty_batch"));
    }

    @Test
    void envelopes_withMoreReceiptsThanTheLimit_areRefusedWith413_andNothingIsStored() throws Exception {
        // octo.settlement.max-envelope-receipts is 100 in the test profile: 60 + 41 over two envelopes is one too many
        List<JobReceipt> a = receipts(requester, 60, BigInteger.ONE);
        List<JobReceipt> b = receipts(requester, 41, BigInteger.ONE);
        given().contentType(ContentType.JSON).body(Map.of("envelopes", List.of(envelope(a, requester), envelope(b, requester))))
                .when().post("/api/v1/receipts/envelopes").then().statusCode(413).body("error", equalTo("batch_too_large"));
        List<JobReceipt> all = new ArrayList<>(a);
        all.addAll(b);
        assertThat(stored(all)).isZero();
    }
}
