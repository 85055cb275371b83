package io.cipherocto.settlement.receipt;

/** The machine-readable outcome of one receipt in a batch (the {@code code} field of its result). */
public enum ReceiptCode {
    /** Stored now. */
    ACCEPTED("accepted"),
    /** The identical receipt (same digest and signatures) was already stored: idempotent success. */
    DUPLICATE("duplicate"),
    /** A field is missing or malformed (the message names it). */
    INVALID_FIELD("invalid_field"),
    /** The receipt names a chainId or verifyingContract other than this deployment's. */
    WRONG_DOMAIN("wrong_domain"),
    /** The provider signature does not recover to the provider. */
    BAD_PROVIDER_SIGNATURE("bad_provider_signature"),
    /** The requester signature does not recover to the requester. */
    BAD_REQUESTER_SIGNATURE("bad_requester_signature"),
    /** The provider is not registered and staked for the role ({@code StakingManager.isActiveProvider}). */
    PROVIDER_NOT_STAKED("provider_not_staked"),
    /** The requester's escrow minus what its accepted, not yet debited receipts owe is below the fee. */
    INSUFFICIENT_ESCROW("insufficient_escrow"),
    /** The epoch's closing block is reached: no more receipts for it. */
    EPOCH_CLOSED("epoch_closed"),
    /** The epoch has not started yet. */
    EPOCH_NOT_STARTED("epoch_not_started"),
    /** Another receipt with this jobId in the same epoch is stored (or earlier in the same batch); job ids are unique per epoch. */
    JOB_ID_CONFLICT("job_id_conflict"),
    /** A batch-signed envelope's receiptsRoot or count is not the root or number of the receipts it carries. */
    RECEIPTS_ROOT_MISMATCH("receipts_root_mismatch");

    private final String code;

    ReceiptCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public boolean stored() {
        return this == ACCEPTED || this == DUPLICATE;
    }
}
