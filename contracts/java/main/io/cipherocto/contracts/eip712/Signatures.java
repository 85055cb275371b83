package io.cipherocto.contracts.eip712;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/** secp256k1 signatures over 32-byte digests in the 65-byte {@code r || s || v} form (v = 27 or 28) OpenZeppelin's ECDSA takes. */
public final class Signatures {
    private Signatures() {
    }

    public static byte[] sign(byte[] digest, ECKeyPair key) {
        Sign.SignatureData sig = Sign.signMessage(digest, key, false);
        return Words.concat(sig.getR(), sig.getS(), sig.getV());
    }
}
