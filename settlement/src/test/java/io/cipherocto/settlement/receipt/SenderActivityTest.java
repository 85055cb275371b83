package io.cipherocto.settlement.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.settlement.receipt.SenderActivity.Side;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** SenderActivity without a server: counts, last seen, buckets, the bound, the silent count, paging, meters. */
class SenderActivityTest {
    private static final String PROVIDER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String REQUESTER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";
    private static final long T0 = Instant.parse("2026-12-07T10:00:00Z").toEpochMilli();

    private final AtomicLong now = new AtomicLong(T0);
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private SenderActivity activity(int maxSenders) {
        return new SenderActivity(registry, maxSenders, Duration.ofMinutes(10), () -> Instant.ofEpochMilli(now.get()));
    }

    private static ReceiptInput input(String requester, String provider) {
        return new ReceiptInput(null, 0L, requester, provider, 0, null, null, null, "1", "1", null, null, null, null);
    }

    /** Records one batch: each pair (requester, provider) decided with its code. */
    private static void batch(SenderActivity a, List<ReceiptInput> inputs, List<ReceiptCode> codes) {
        List<ReceiptResult> results = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            results.add(ReceiptResult.of(i, null, codes.get(i), null));
        }
        a.record(inputs, results);
    }

    private static String address(int n) {
        return String.format("0x%040x", n);
    }

    @Test
    void record_countsEachOutcomePerAddressAndSide_withLastSeenAndLastAccepted() {
        SenderActivity a = activity(100);
        ReceiptInput r = input(REQUESTER, PROVIDER);
        batch(a, List.of(r, r, r, r), List.of(ReceiptCode.ACCEPTED, ReceiptCode.DUPLICATE, ReceiptCode.INSUFFICIENT_ESCROW,
                ReceiptCode.INSUFFICIENT_ESCROW));
        now.addAndGet(60_000);
        batch(a, List.of(r), List.of(ReceiptCode.EPOCH_CLOSED));

        SenderPage.Sender p = a.sender(PROVIDER, Side.PROVIDER).orElseThrow();
        assertThat(p.accepted()).isEqualTo(1);
        assertThat(p.duplicates()).isEqualTo(1);
        assertThat(p.rejected()).isEqualTo(3);
        assertThat(p.rejectedByCode()).containsExactly(Map.entry("epoch_closed", 1L), Map.entry("insufficient_escrow", 2L));
        assertThat(p.lastSeen()).isEqualTo("2026-12-07T10:01:00Z");
        assertThat(p.lastAccepted()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(a.sender(REQUESTER.toUpperCase().replace("0X", "0x"), Side.REQUESTER).orElseThrow().rejected()).isEqualTo(3);
        // an address is tracked per side: the provider never appeared as a requester
        assertThat(a.sender(PROVIDER, Side.REQUESTER)).isEmpty();
        assertThat(a.tracked()).isEqualTo(2);
    }

    @Test
    void record_countsUnparseableAddressesAndNullReceiptsUnderOneInvalidBucket_notByName() {
        SenderActivity a = activity(100);
        List<ReceiptInput> inputs = new ArrayList<>();
        inputs.add(input("garbage-1", PROVIDER));
        inputs.add(input("0x1234", PROVIDER));
        inputs.add(null);
        batch(a, inputs, List.of(ReceiptCode.INVALID_FIELD, ReceiptCode.INVALID_FIELD, ReceiptCode.INVALID_FIELD));

        assertThat(a.bucketCounts(SenderActivity.INVALID, Side.REQUESTER).orElseThrow().rejected()).isEqualTo(3);
        assertThat(a.bucketCounts(SenderActivity.INVALID, Side.PROVIDER).orElseThrow().rejected()).isEqualTo(1);
        assertThat(a.tracked()).isZero();
        assertThat(registry.find("octo.receipts.sender").tag("sender", "garbage-1").meters()).isEmpty();
    }

    @Test
    void record_keepsAnAddressWithoutAStoredReceiptUnderUnproven_andTracksItOnceOneIsStored() {
        SenderActivity a = activity(100);
        ReceiptInput r = input(REQUESTER, PROVIDER);
        batch(a, List.of(r, r), List.of(ReceiptCode.BAD_PROVIDER_SIGNATURE, ReceiptCode.BAD_PROVIDER_SIGNATURE));
        assertThat(a.sender(PROVIDER, Side.PROVIDER)).isEmpty();
        assertThat(a.bucketCounts(SenderActivity.UNPROVEN, Side.PROVIDER).orElseThrow().rejected()).isEqualTo(2);

        // the batch that stores one of its receipts counts all of the batch's receipts under its name
        batch(a, List.of(r, r), List.of(ReceiptCode.BAD_PROVIDER_SIGNATURE, ReceiptCode.ACCEPTED));
        SenderPage.Sender p = a.sender(PROVIDER, Side.PROVIDER).orElseThrow();
        assertThat(p.accepted()).isEqualTo(1);
        assertThat(p.rejected()).isEqualTo(1);
        batch(a, List.of(r), List.of(ReceiptCode.BAD_PROVIDER_SIGNATURE));
        assertThat(a.sender(PROVIDER, Side.PROVIDER).orElseThrow().rejected()).isEqualTo(2);
        assertThat(a.bucketCounts(SenderActivity.UNPROVEN, Side.PROVIDER).orElseThrow().rejected()).isEqualTo(2);
    }

    @Test
    void record_pastMaxSenders_countsNewSendersUnderOther_andCountsTheDrop() {
        SenderActivity a = activity(3); // the first receipt's two sides and one more
        batch(a, List.of(input(address(1), address(2))), List.of(ReceiptCode.ACCEPTED));
        batch(a, List.of(input(address(1), address(3)), input(address(1), address(4))),
                List.of(ReceiptCode.ACCEPTED, ReceiptCode.ACCEPTED));

        assertThat(a.tracked()).isEqualTo(3);
        assertThat(a.dropped()).isEqualTo(1);
        assertThat(a.sender(address(1), Side.REQUESTER).orElseThrow().accepted()).isEqualTo(3);
        assertThat(a.sender(address(3), Side.PROVIDER)).isPresent();
        assertThat(a.sender(address(4), Side.PROVIDER)).isEmpty();
        assertThat(a.bucketCounts(SenderActivity.OTHER, Side.PROVIDER).orElseThrow().accepted()).isEqualTo(1);
        // tracked senders still count when the bound is reached
        batch(a, List.of(input(address(1), address(2))), List.of(ReceiptCode.ACCEPTED));
        assertThat(a.sender(address(2), Side.PROVIDER).orElseThrow().accepted()).isEqualTo(2);
        assertThat(a.dropped()).isEqualTo(1);
    }

    @Test
    void silent_countsTrackedSendersNotSeenForLongerThanTheWindow() {
        SenderActivity a = activity(100);
        batch(a, List.of(input(REQUESTER, address(1))), List.of(ReceiptCode.ACCEPTED));
        now.addAndGet(Duration.ofMinutes(8).toMillis());
        batch(a, List.of(input(REQUESTER, address(2))), List.of(ReceiptCode.ACCEPTED));
        now.addAndGet(Duration.ofMinutes(3).toMillis());

        // address(1) last seen 11 min ago; the requester and address(2) 3 min ago
        assertThat(a.silent(Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(registry.get("octo.receipts.senders.silent").gauge().value()).isEqualTo(1);
        assertThat(registry.get("octo.receipts.senders").gauge().value()).isEqualTo(3);
        SenderPage silent = a.page(null, "PT10M", null, null);
        assertThat(silent.senders()).extracting(SenderPage.Sender::sender).containsExactly(address(1));
    }

    @Test
    void meters_showEachTrackedSendersOutcomesAndLastSeen_andTheBuckets() {
        SenderActivity a = activity(100);
        ReceiptInput r = input(REQUESTER, PROVIDER);
        batch(a, List.of(r, r, input("nope", PROVIDER)), List.of(ReceiptCode.ACCEPTED, ReceiptCode.JOB_ID_CONFLICT,
                ReceiptCode.INVALID_FIELD));

        assertThat(count(PROVIDER, "provider", "accepted")).isEqualTo(1);
        assertThat(count(PROVIDER, "provider", "duplicate")).isZero();
        assertThat(count(PROVIDER, "provider", "rejected")).isEqualTo(2);
        assertThat(count(SenderActivity.INVALID, "requester", "rejected")).isEqualTo(1);
        assertThat(registry.get("octo.receipts.sender.last.seen").tags("sender", PROVIDER, "side", "provider").timeGauge()
                .value(TimeUnit.MILLISECONDS)).isEqualTo(T0);
    }

    private double count(String sender, String side, String outcome) {
        return registry.get("octo.receipts.sender").tags("sender", sender, "side", side, "outcome", outcome)
                .functionCounter().count();
    }

    @Test
    void close_removesTheMeters_soThatANewInstanceOnTheSameRegistryCountsAfresh() {
        SenderActivity old = activity(100);
        batch(old, List.of(input(REQUESTER, PROVIDER)), List.of(ReceiptCode.ACCEPTED));
        old.close();
        assertThat(registry.find("octo.receipts.sender").meters()).isEmpty();

        SenderActivity fresh = activity(100);
        assertThat(registry.get("octo.receipts.senders").gauge().value()).isZero();
        batch(fresh, List.of(input(REQUESTER, PROVIDER)), List.of(ReceiptCode.DUPLICATE));
        assertThat(count(PROVIDER, "provider", "accepted")).isZero();
        assertThat(count(PROVIDER, "provider", "duplicate")).isEqualTo(1);
    }

    @Test
    void page_listsSendersByAddress_keepsBothSidesOfAnAddressOnOnePage_andFiltersBySide() {
        SenderActivity a = activity(100);
        // address(2) is a provider and a requester
        batch(a, List.of(input(address(2), address(1)), input(address(3), address(2))),
                List.of(ReceiptCode.ACCEPTED, ReceiptCode.ACCEPTED));

        SenderPage first = a.page(null, null, null, "2");
        assertThat(first.senders()).extracting(s -> s.sender() + "/" + s.side())
                .containsExactly(address(1) + "/provider", address(2) + "/provider", address(2) + "/requester");
        assertThat(first.next()).isEqualTo(address(2));
        SenderPage second = a.page(null, null, first.next(), "2");
        assertThat(second.senders()).extracting(SenderPage.Sender::sender).containsExactly(address(3));
        assertThat(second.next()).isNull();
        assertThat(a.page("requester", null, null, null).senders()).extracting(SenderPage.Sender::sender)
                .containsExactly(address(2), address(3));
        assertThat(a.page(null, null, address(3), null).senders()).isEmpty();
    }

    @Test
    void page_refusesBadQueryParametersWithTheirCodes() {
        SenderActivity a = activity(100);
        assertThat(code(() -> a.page("both", null, null, null))).isEqualTo("invalid_side");
        assertThat(code(() -> a.page(null, "10m", null, null))).isEqualTo("invalid_duration");
        assertThat(code(() -> a.page(null, "PT0S", null, null))).isEqualTo("invalid_duration");
        assertThat(code(() -> a.page(null, null, "0x12", null))).isEqualTo("invalid_address");
        assertThat(code(() -> a.page(null, null, null, "0"))).isEqualTo("invalid_page");
        assertThat(code(() -> a.page(null, null, null, "1001"))).isEqualTo("invalid_page");
        assertThat(code(() -> a.page(null, null, null, "ten"))).isEqualTo("invalid_page");
        assertThat(code(() -> a.page(null, null, null, "1\u0660"))).isEqualTo("invalid_page"); // an Arabic-Indic zero
        assertThat(code(() -> a.page(null, null, "0x" + "1".repeat(39) + "\u0663", null))).isEqualTo("invalid_address");
    }

    private static String code(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e.code();
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void record_neverThrows_evenOnResultsThatDoNotMatchTheInputs() {
        SenderActivity a = activity(100);
        a.record(List.of(), List.of(ReceiptResult.of(5, null, ReceiptCode.ACCEPTED, null)));
        assertThat(a.bucketCounts(SenderActivity.INVALID, Side.PROVIDER).orElseThrow().accepted()).isEqualTo(1);
        a.record(null, List.of(ReceiptResult.of(0, null, ReceiptCode.ACCEPTED, null)));
        assertThat(a.tracked()).isZero();
        assertThatThrownBy(() -> activity(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
