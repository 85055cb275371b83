package io.cipherocto.settlement.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.cipherocto.settlement.support.SyntheticReceipts;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /api/v1/epochs/{n}/receipts?requester=: one requester's stored receipts of an epoch, keyset-paginated by job id,
 * the same shape and error codes as ?provider=.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequesterReceiptsApiTest {
    private static final long EPOCH = 920_101;
    private static final int PROVIDERS = 7;
    private static final int RECEIPTS = 2_345; // 10 requesters: requester 4 has 235 receipts

    @Inject
    SettlementRuntime runtime;

    private List<SignedReceipt> stored;

    @BeforeAll
    void storeTwoEpochs() {
        stored = SyntheticReceipts.of(EPOCH, 0x8300_0000L, RECEIPTS, PROVIDERS);
        assertThat(runtime.receiptStore().store(stored, q -> BigInteger.TEN.pow(30), 0)).containsOnly(ReceiptCode.ACCEPTED);
        // the same requesters in the next epoch: none of these may show on EPOCH's pages
        assertThat(runtime.receiptStore().store(SyntheticReceipts.of(EPOCH + 1, 0x8400_0000L, 60, PROVIDERS),
                q -> BigInteger.TEN.pow(30), 0)).containsOnly(ReceiptCode.ACCEPTED);
    }

    private static JsonPath get(String query) {
        return given().get("/api/v1/epochs/" + EPOCH + "/receipts?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRequestersReceipts_comeInJobIdPages_withNoGapOrDuplicate_untilNextIsNull_andOnlyTheirsOfThatEpoch() {
        String requester = SyntheticReceipts.requester(4);
        List<String> expected = stored.stream().filter(s -> s.receipt().requester().equals(requester))
                .map(s -> s.receipt().jobId()).sorted().toList();
        assertThat(expected).hasSize(235);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath page = get("requester=" + requester + "&limit=50" + (after == null ? "" : "&after=" + after));
            assertThat(page.getLong("epoch")).isEqualTo(EPOCH);
            assertThat(page.getString("requester")).isEqualTo(requester);
            assertThat(page.getMap("$")).doesNotContainKey("provider");
            assertThat(page.getList("receipts.requester", String.class)).containsOnly(requester);
            seen.addAll(page.getList("receipts.jobId", String.class));
            after = page.getString("next");
            pages++;
        } while (after != null && pages < 20);
        assertThat(seen).doesNotHaveDuplicates().isEqualTo(expected);
        assertThat(pages).isEqualTo(5); // 50 50 50 50 35
        // the requester's receipts span several providers: the filter is the requester, not a provider
        assertThat(new HashSet<>(stored.stream().filter(s -> s.receipt().requester().equals(requester))
                .map(s -> s.receipt().provider()).toList())).hasSizeGreaterThan(1);
    }

    @Test
    void aRequestersReceipt_isReturnedAsStored_likeAProvidersPage() {
        String requester = SyntheticReceipts.requester(7);
        SignedReceipt first = stored.stream().filter(s -> s.receipt().requester().equals(requester))
                .min(java.util.Comparator.comparing(s -> s.receipt().jobId())).orElseThrow();
        // the address in any case; the default limit is 100
        JsonPath page = get("requester=" + requester.toUpperCase().replace("0X", "0x"));
        assertThat(page.getList("receipts")).hasSize(100);
        assertThat(page.getString("requester")).isEqualTo(requester);
        Map<String, Object> r = page.getMap("receipts[0]");
        assertThat(r).containsEntry("jobId", first.receipt().jobId()).containsEntry("requester", requester)
                .containsEntry("provider", first.receipt().provider()).containsEntry("role", first.receipt().role())
                .containsEntry("workUnits", first.receipt().workUnits().toString())
                .containsEntry("fee", first.receipt().fee().toString()).containsEntry("digest", first.digest())
                .containsEntry("providerSignature", first.providerSignature())
                .containsEntry("requesterSignature", first.requesterSignature()).containsKey("receivedAt");
        JsonPath provider = get("provider=" + first.receipt().provider() + "&limit=1");
        assertThat(provider.getMap("$")).doesNotContainKey("requester");
    }

    @Test
    void aRequesterWithoutReceiptsInTheEpoch_getsAnEmptyLastPage() {
        JsonPath page = get("requester=" + SyntheticReceipts.requester(99));
        assertThat(page.getList("receipts")).isEmpty();
        assertThat(page.getString("next")).isNull();
    }

    @Test
    void hostileInput_isA400WithTheProviderPagesCodes_andStoresNothing() {
        long before = receiptCount();
        String q = SyntheticReceipts.requester(1);
        String p = SyntheticReceipts.provider(1);
        for (String[] c : new String[][] {
                {"requester=0x12", "invalid_address"}, {"requester=0xZZ" + "0".repeat(38), "invalid_address"},
                {"requester=", "invalid_address"}, {"requester=" + "x".repeat(3000), "invalid_address"},
                {"requester=" + q + "&provider=" + p, "invalid_address"}, {"limit=10", "invalid_address"},
                {"requester=" + q + "&after=zz", "invalid_cursor"},
                {"requester=" + q + "&after=0x" + "AB".repeat(32), "invalid_cursor"},
                {"requester=" + q + "&after=%27%20OR%201=1--", "invalid_cursor"},
                {"requester=" + q + "&limit=0", "invalid_limit"}, {"requester=" + q + "&limit=1001", "invalid_limit"},
                {"requester=" + q + "&limit=-1", "invalid_limit"}}) {
            given().urlEncodingEnabled(false).get("/api/v1/epochs/" + EPOCH + "/receipts?" + c[0]).then().statusCode(400)
                    .body("error", equalTo(c[1])).body("message", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
        }
        given().get("/api/v1/epochs/-1/receipts?requester=" + q).then().statusCode(400).body("error", equalTo("invalid_epoch"));
        assertThat(receiptCount()).isEqualTo(before);
    }

    private long receiptCount() {
        return runtime.pool().query("SELECT count(*) FROM settlement.receipts").executeAndAwait().iterator().next().getLong(0);
    }
}
