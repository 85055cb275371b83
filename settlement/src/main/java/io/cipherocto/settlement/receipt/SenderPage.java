package io.cipherocto.settlement.receipt;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of {@code GET /api/v1/receipts/senders} (see {@link SenderActivity#page}): counts since this instance
 * started.
 *
 * @param senders tracked senders in address order, provider before requester
 * @param next the {@code after} of the next page; null on the last page
 * @param tracked (address, side) pairs tracked by name
 * @param maxSenders the bound on {@code tracked} (octo.settlement.sender-metrics.max-senders)
 * @param dropped new senders counted under {@code other} because the bound was reached (once per batch)
 * @param buckets the {@code invalid}, {@code unproven} and {@code other} counts, those used, after the same filters
 */
public record SenderPage(List<Sender> senders, String next, int tracked, int maxSenders, long dropped, List<Sender> buckets) {
    public SenderPage {
        senders = List.copyOf(senders);
        buckets = List.copyOf(buckets);
    }

    /**
     * One (address or bucket, side): receipts naming it by outcome, the rejected ones by code, its last receipt and its
     * last accepted one (ISO-8601, UTC; lastAccepted null when none was accepted since start).
     */
    @Schema(name = "ReceiptSender")
    public record Sender(@Schema(examples = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String sender,
            @Schema(examples = "provider") String side, long accepted, long duplicates, long rejected,
            Map<String, Long> rejectedByCode, @Schema(examples = "2026-12-07T11:00:00Z") String lastSeen,
            String lastAccepted) {
        public Sender {
            rejectedByCode = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rejectedByCode));
        }
    }
}
