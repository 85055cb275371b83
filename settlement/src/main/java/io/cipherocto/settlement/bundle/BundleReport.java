package io.cipherocto.settlement.bundle;

import java.util.List;

/**
 * What {@link BundleVerifier} found: {@code match} only when every check passed. {@code differences} lists each failed
 * check in the order they ran; {@code firstDifference} is the first (it names the receipt, verdict or leaf where the
 * bundle and the chain part). {@code notes} are facts an auditor should know that do not make a mismatch.
 */
public record BundleReport(long epoch, boolean match, String bundleHash, String onChainBundleHash, String onChainRoot,
        String recomputedRoot, int receipts, int sampled, String firstDifference, List<String> differences,
        List<String> notes) {
    public BundleReport {
        differences = List.copyOf(differences);
        notes = List.copyOf(notes);
    }
}
