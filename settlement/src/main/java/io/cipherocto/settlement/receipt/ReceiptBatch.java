package io.cipherocto.settlement.receipt;

import java.util.List;

/**
 * The body of {@code POST /api/v1/receipts}: receipts and, optionally, the requesters' vouchers for their epochs
 * (stored first, exactly as {@code POST /api/v1/vouchers} would).
 */
public record ReceiptBatch(List<ReceiptInput> receipts, List<io.cipherocto.settlement.voucher.VoucherInput> vouchers) {
}
