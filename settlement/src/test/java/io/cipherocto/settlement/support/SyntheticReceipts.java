package io.cipherocto.settlement.support;

import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.SignedReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Receipts for storage tests, stored through {@code ReceiptStore} directly (already "checked"): no real signatures, and
 * synthetic provider and requester addresses that no chain account has, so their running escrow totals touch no test
 * that posts real receipts.
 */
public final class SyntheticReceipts {
    private SyntheticReceipts() {
    }

    /** Provider {@code p}'s address (lower-case 0x-hex, as stored). */
    public static String provider(int p) {
        return String.format("0x%040x", 0x100000 + p);
    }

    public static String requester(int q) {
        return String.format("0x%040x", 0x200000 + q);
    }

    /** Receipt {@code i} is job {@code jobBase + i}, of provider {@code i % providers} and one of 10 requesters. */
    public static List<SignedReceipt> of(long epoch, long jobBase, int n, int providers) {
        List<SignedReceipt> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JobReceipt r = new JobReceipt(Actors.word(jobBase + i), epoch, requester(i % 10), provider(i % providers), i % 8,
                    Actors.word(1), Actors.word(2), Actors.word(3), BigInteger.valueOf(100 + i % 1000),
                    BigInteger.valueOf(1_000_000_000L + i));
            out.add(new SignedReceipt(r, "0x" + "ab".repeat(65), "0x" + "cd".repeat(65), Actors.word(jobBase + i + 7)));
        }
        return out;
    }
}
