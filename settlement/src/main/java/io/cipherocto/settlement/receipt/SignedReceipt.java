package io.cipherocto.settlement.receipt;

import java.util.Objects;

/**
 * A receipt with both 65-byte {@code r || s || v} signatures (0x-hex) and its EIP-712 digest (0x-hex), the value
 * stored and compared for idempotency.
 */
public record SignedReceipt(JobReceipt receipt, String providerSignature, String requesterSignature, String digest) {
    public SignedReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(providerSignature, "providerSignature");
        Objects.requireNonNull(requesterSignature, "requesterSignature");
        Objects.requireNonNull(digest, "digest");
    }
}
