package io.cipherocto.settlement.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cipherocto.settlement.voucher.VoucherResult;
import java.util.List;

/**
 * The outcome of one envelope. When the envelope itself is refused ({@code status} "rejected", {@code code} names why:
 * a malformed field, a root that is not the receipts' root, a signature that does not recover to its party, the epoch
 * window, the domain), none of its receipts is stored. Otherwise each receipt is decided on its own: the accepted ones
 * are stored and counted, and every receipt that is not accepted is listed in {@code refusals} with its index in the
 * envelope, its job id and its code ({@code duplicate} included, which is an idempotent success).
 *
 * @param digest the envelope's EIP-712 digest (0x-hex), when its fields parse
 * @param status accepted (every receipt stored or already stored), partial (some refused), rejected (nothing stored)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvelopeResult(int index, String digest, String status, String code, String message, int accepted,
        int duplicates, int rejected, List<ReceiptResult> refusals, VoucherResult voucher) {

    static EnvelopeResult refused(int index, String digest, int receipts, ReceiptCode code, String message,
            List<ReceiptResult> refusals, VoucherResult voucher) {
        return new EnvelopeResult(index, digest, "rejected", code.code(), message, 0, 0, receipts, List.copyOf(refusals), voucher);
    }

    static EnvelopeResult decided(int index, String digest, List<ReceiptResult> results, VoucherResult voucher) {
        BatchResult counts = BatchResult.of(results);
        List<ReceiptResult> refusals = results.stream().filter(r -> !"accepted".equals(r.status())).toList();
        String status = counts.rejected() == 0 ? "accepted" : counts.accepted() + counts.duplicates() == 0 ? "rejected" : "partial";
        return new EnvelopeResult(index, digest, status, null, null, counts.accepted(), counts.duplicates(), counts.rejected(),
                refusals, voucher);
    }
}
