package io.cipherocto.settlement.receipt;

import java.util.List;
import java.util.Objects;

/**
 * A batch-signed envelope whose signatures recovered to its provider and requester and whose root is the root of
 * {@code structHashes}: what is stored next to its accepted receipts, so that each of them stays provable (the tree
 * is rebuilt from the struct hashes, refused receipts' included).
 *
 * @param digest the envelope's EIP-712 digest (0x-hex), its id
 * @param structHashes the struct hashes of all the envelope's receipts (0x-hex), in the order posted
 */
public record SignedEnvelope(ReceiptEnvelope envelope, String digest, String providerSignature, String requesterSignature,
        List<String> structHashes) {
    public SignedEnvelope {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(providerSignature, "providerSignature");
        Objects.requireNonNull(requesterSignature, "requesterSignature");
        structHashes = List.copyOf(structHashes);
    }
}
