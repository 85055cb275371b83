package io.cipherocto.verifier.attestation;

import io.cipherocto.contracts.protocol.Attestation;
import java.util.Objects;

/** One verifier's signature (65 bytes r || s || v) over an attestation digest, with the signer's address. */
public record SignedAttestation(Attestation attestation, String signer, byte[] signature) {
    public SignedAttestation {
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signature, "signature");
        if (signature.length != 65) {
            throw new IllegalArgumentException("signature must be 65 bytes, got " + signature.length);
        }
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }
}
