package io.cipherocto.settlement.receipt;

import java.util.List;

/** The answer to a receipt batch: counts and one result per receipt, in the order posted. */
public record BatchResult(int accepted, int duplicates, int rejected, List<ReceiptResult> results) {
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
        return new BatchResult(a, d, r, List.copyOf(results));
    }
}
