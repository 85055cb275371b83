package io.cipherocto.settlement.rewards;

/**
 * What a sampled receipt with no attestation at the deadline earns (config {@code octo.settlement.unattested-policy};
 * an operational parameter until governance puts it on chain). Unsampled receipts always earn fees and emission.
 */
public enum UnattestedPolicy {
    /** Default: the fee is paid (the requester got the work), no emission (the work is not verified). */
    FEES_ONLY,
    /** Fee and emission, as if it had passed. */
    FULL,
    /** Neither: the requester is not charged and the provider earns nothing for it. */
    NONE
}
