package io.cipherocto.settlement.audit;

import java.util.List;

/**
 * The result of recomputing one epoch: {@code match} is true only when the recomputed root equals the root on chain
 * (and the stored one) and every other check agrees; {@code differences} says what did not.
 */
public record AuditReport(long epoch, boolean match, String onChainRoot, String storedRoot, String recomputedRoot,
        long receipts, long sampled, List<String> differences) {
}
