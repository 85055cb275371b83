package io.cipherocto.settlement.receipt;

import java.util.List;

/** The answer to {@code POST /api/v1/receipts/envelopes}: receipt counts over all envelopes and one result per envelope. */
public record EnvelopeBatchResult(int accepted, int duplicates, int rejected, List<EnvelopeResult> envelopes) {
    static EnvelopeBatchResult of(List<EnvelopeResult> envelopes) {
        int a = 0;
        int d = 0;
        int r = 0;
        for (EnvelopeResult e : envelopes) {
            a += e.accepted();
            d += e.duplicates();
            r += e.rejected();
        }
        return new EnvelopeBatchResult(a, d, r, List.copyOf(envelopes));
    }
}
