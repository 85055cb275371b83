package io.cipherocto.verifier.cosign;

import io.cipherocto.platform.kernel.Hex;
import java.util.Locale;
import java.util.Objects;

/**
 * A verifier operator's signature over a fail attestation's EIP-712 digest, as {@code POST /api/v1/verifier/cosign}
 * answers it: {@code {"signer": "0x<address>", "signature": "0x<65 bytes r || s || v>"}}.
 */
public record Cosignature(String signer, String signature) {
    public Cosignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(signature, "signature");
    }

    public static Cosignature of(String signer, byte[] signature65) {
        return new Cosignature(signer.toLowerCase(Locale.ROOT), Hex.encode(signature65));
    }

    /** The signature bytes; IllegalArgumentException unless it is 65 bytes of 0x-hex. */
    public byte[] signatureBytes() {
        return Hex.decodeField("signature", signature, 65);
    }
}
