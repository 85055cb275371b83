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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/epochs/{n}/receipts?provider=: one provider's stored receipts of an epoch, keyset-paginated by job id. */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderReceiptsApiTest {
    private static final long EPOCH = 920_001;
    private static final int PROVIDERS = 5;
    private static final int RECEIPTS = 1_235; // provider 3: 247 receipts

    @Inject
    SettlementRuntime runtime;

    private List<SignedReceipt> stored;

    @BeforeAll
    void storeTwoEpochs() {
        stored = SyntheticReceipts.of(EPOCH, 0x8100_0000L, RECEIPTS, PROVIDERS);
        assertThat(runtime.receiptStore().store(stored, q -> BigInteger.TEN.pow(30), 0)).containsOnly(ReceiptCode.ACCEPTED);
        assertThat(runtime.receiptStore().store(SyntheticReceipts.of(EPOCH + 1, 0x8200_0000L, 50, PROVIDERS),
                q -> BigInteger.TEN.pow(30), 0)).containsOnly(ReceiptCode.ACCEPTED);
    }

    private static JsonPath get(String query) {
        return given().get("/api/v1/epochs/" + EPOCH + "/receipts?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aProvidersReceipts_comeInJobIdPages_untilNextIsNull_andOnlyTheirsOfThatEpoch() {
        String provider = SyntheticReceipts.provider(3);
        List<String> expected = stored.stream().filter(s -> s.receipt().provider().equals(provider))
                .map(s -> s.receipt().jobId()).sorted().toList();
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonPath page = get("provider=" + provider + "&limit=100" + (after == null ? "" : "&after=" + after));
            assertThat(page.getLong("epoch")).isEqualTo(EPOCH);
            assertThat(page.getList("receipts.provider", String.class)).containsOnly(provider);
            seen.addAll(page.getList("receipts.jobId", String.class));
            after = page.getString("next");
            pages++;
        } while (after != null);
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aReceipt_isReturnedAsStored_amountsAsDecimalStrings_withBothSignatures() {
        SignedReceipt first = stored.stream().filter(s -> s.receipt().provider().equals(SyntheticReceipts.provider(2)))
                .min(java.util.Comparator.comparing(s -> s.receipt().jobId())).orElseThrow();
        // the address in any case; the default limit is 100
        JsonPath page = get("provider=" + SyntheticReceipts.provider(2).toUpperCase().replace("0X", "0x"));
        assertThat(page.getList("receipts")).hasSize(100);
        Map<String, Object> r = page.getMap("receipts[0]");
        assertThat(r).containsEntry("jobId", first.receipt().jobId()).containsEntry("requester", first.receipt().requester())
                .containsEntry("role", first.receipt().role()).containsEntry("kernel", first.receipt().kernel())
                .containsEntry("specHash", first.receipt().specHash()).containsEntry("outputHash", first.receipt().outputHash())
                .containsEntry("workUnits", first.receipt().workUnits().toString())
                .containsEntry("fee", first.receipt().fee().toString()).containsEntry("digest", first.digest())
                .containsEntry("providerSignature", first.providerSignature())
                .containsEntry("requesterSignature", first.requesterSignature()).containsKey("receivedAt");
    }

    @Test
    void aProviderWithoutReceiptsInTheEpoch_getsAnEmptyLastPage() {
        JsonPath page = get("provider=" + SyntheticReceipts.provider(99));
        assertThat(page.getList("receipts")).isEmpty();
        assertThat(page.getString("next")).isNull();
    }

    @Test
    void badInput_isA400WithAMachineReadableCode() {
        String p = SyntheticReceipts.provider(1);
        for (String[] c : new String[][] {
                {"limit=10", "invalid_address"}, {"provider=0x12", "invalid_address"}, {"provider=" + p + "&after=zz", "invalid_cursor"},
                {"provider=" + p + "&limit=0", "invalid_limit"}, {"provider=" + p + "&limit=1001", "invalid_limit"}}) {
            given().get("/api/v1/epochs/" + EPOCH + "/receipts?" + c[0]).then().statusCode(400).body("error", equalTo(c[1]));
        }
        given().get("/api/v1/epochs/-1/receipts?provider=" + p).then().statusCode(400).body("error", equalTo("invalid_epoch"));
    }
}
