package io.cipherocto.settlement.rewards;

/**
 * What a sampled receipt without an on-chain verdict at the deadline earns. Governed on chain
 * ({@code AttestationRegistry.setUnattestedPolicy}) and frozen per epoch when its seed is recorded
 * ({@code epochUnattestedPolicy(epoch)}, read with {@link #ofChain}). Unsampled receipts always earn fees and emission.
 */
public enum UnattestedPolicy {
    /**
     * The fee is paid (the requester got the work), no emission. Never chosen on chain (it would pay a provider who
     * withholds its spec); read only from epochs settled before the policy was governed.
     */
    FEES_ONLY,
    /**
     * Fee and emission, as if it had passed. Never chosen on chain (it would reward a provider who withholds its spec);
     * read only from epochs settled before the policy was governed.
     */
    FULL,
    /** On chain 0, REFUND, the default: the requester is not charged and the provider earns nothing for it. */
    NONE,
    /** On chain 1: the requester is charged, the fee (net of the protocol fee) goes to the treasury leaf; the provider earns nothing. */
    FORFEIT;

    /** The policy of an on-chain code (0 REFUND, 1 FORFEIT). */
    public static UnattestedPolicy ofChain(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> FORFEIT;
            default -> throw new IllegalArgumentException("unknown unattested-sample policy code " + code);
        };
    }
}
