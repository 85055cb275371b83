package io.cipherocto.settlement.receipt;

import java.util.Objects;
import java.util.Optional;

/**
 * A receipt with both 65-byte {@code r || s || v} signatures (0x-hex) and its EIP-712 digest (0x-hex), the value
 * stored and compared for idempotency. For a receipt of a batch-signed envelope, the signatures are the envelope's
 * (over the envelope's digest, not the receipt's) and {@code envelope} is the envelope's digest.
 */
public record SignedReceipt(JobReceipt receipt, String providerSignature, String requesterSignature, String digest,
        Optional<String> envelope) {
    public SignedReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(providerSignature, "providerSignature");
        Objects.requireNonNull(requesterSignature, "requesterSignature");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** A single-signed receipt: both parties signed the receipt's own digest. */
    public SignedReceipt(JobReceipt receipt, String providerSignature, String requesterSignature, String digest) {
        this(receipt, providerSignature, requesterSignature, digest, Optional.empty());
    }
}
