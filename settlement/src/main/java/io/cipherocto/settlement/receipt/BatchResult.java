package io.cipherocto.settlement.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cipherocto.settlement.voucher.VoucherResult;
import java.util.List;

/**
 * The answer to a receipt batch: counts and one result per receipt, in the order posted, and one result per voucher
 * when the batch carried vouchers.
 */
public record BatchResult(int accepted, int duplicates, int rejected, List<ReceiptResult> results,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<VoucherResult> vouchers) {
    public static BatchResult of(List<ReceiptResult> results) {
        int a = 0;
        int d = 0;
        int r = 0;
        for (ReceiptResult x : results) {
            switch (x.status()) {
                case "accepted" -> a++;
                case "duplicate" -> d++;
                default -> r++;
            }
        }
        return new BatchResult(a, d, r, List.copyOf(results), List.of());
    }

    public BatchResult withVouchers(List<VoucherResult> voucherResults) {
        return new BatchResult(accepted, duplicates, rejected, results, List.copyOf(voucherResults));
    }
}
