package io.cipherocto.verifier.chain;

import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.protocol.Attestation;
import java.math.BigInteger;
import java.util.Objects;

/** Converts attestations to the generated web3j struct of {@code AttestationRegistry}. */
public final class RegistryStructs {
    private RegistryStructs() {
    }

    public static AttestationRegistry.Attestation toStruct(Attestation a) {
        Objects.requireNonNull(a, "attestation");
        return new AttestationRegistry.Attestation(BigInteger.valueOf(a.epoch()), a.jobId(), a.provider(),
                BigInteger.valueOf(a.role()), a.specHash(), a.claimedOutputHash(), a.recomputedOutputHash(), a.passed(),
                a.evidenceHash(), a.finder());
    }

    public static AttestationRegistry.ReceiptProof toStruct(io.cipherocto.contracts.protocol.ReceiptProof p) {
        Objects.requireNonNull(p, "proof");
        return new AttestationRegistry.ReceiptProof(p.requester(), p.workUnits(), p.fee(), p.proof());
    }
}
