package io.cipherocto.contracts.protocol;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What {@code submitFailAttestation} needs besides the attestation (IAttestationRegistry.ReceiptProof): the receipt's
 * requester, work units and fee, and the standard-tree proof of its leaf against the epoch's committed receipts root.
 */
public record ReceiptProof(String requester, BigInteger workUnits, BigInteger fee, List<byte[]> proof) {
    public ReceiptProof {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(workUnits, "workUnits");
        Objects.requireNonNull(fee, "fee");
        proof = List.copyOf(proof);
    }
}
