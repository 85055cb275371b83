package io.cipherocto.verifier.attestation;

import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** Signs attestations with a verifier key and assembles quorum signature lists in the order the registry demands. */
public final class AttestationSigner {
    private final Credentials key;
    private final Eip712Domain domain;

    public AttestationSigner(Credentials key, Eip712Domain registryDomain) {
        this.key = Objects.requireNonNull(key, "key");
        this.domain = Objects.requireNonNull(registryDomain, "registryDomain");
    }

    public String address() {
        return key.getAddress();
    }

    /** The registry's EIP-712 domain this signer signs under. */
    public Eip712Domain domain() {
        return domain;
    }

    public SignedAttestation sign(Attestation attestation) {
        Objects.requireNonNull(attestation, "attestation");
        return new SignedAttestation(attestation, key.getAddress(),
                Signatures.sign(attestation.digest(domain), key.getEcKeyPair()));
    }

    /**
     * The signatures for {@code submitFailAttestation}: all over the same attestation, one per signer, ordered by
     * strictly ascending signer address (as uint160).
     *
     * @throws IllegalArgumentException on an empty list, different attestations or a repeated signer
     */
    public static List<byte[]> quorumSignatures(List<SignedAttestation> signed) {
        Objects.requireNonNull(signed, "signed");
        if (signed.isEmpty()) {
            throw new IllegalArgumentException("no signatures");
        }
        Attestation first = signed.get(0).attestation();
        List<SignedAttestation> sorted = new ArrayList<>(signed);
        sorted.sort(Comparator.comparing(s -> Numeric.toBigInt(s.signer())));
        List<byte[]> out = new ArrayList<>();
        BigInteger previous = BigInteger.valueOf(-1);
        for (SignedAttestation s : sorted) {
            if (!s.attestation().equals(first)) {
                throw new IllegalArgumentException("signatures over different attestations");
            }
            BigInteger signer = Numeric.toBigInt(s.signer());
            if (signer.equals(previous)) {
                throw new IllegalArgumentException("signer " + s.signer() + " appears twice");
            }
            previous = signer;
            out.add(s.signature());
        }
        return out;
    }
}
