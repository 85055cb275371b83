package io.cipherocto.settlement.receipt;

import java.util.List;

/** The body of {@code POST /api/v1/receipts}. */
public record ReceiptBatch(List<ReceiptInput> receipts) {
}
