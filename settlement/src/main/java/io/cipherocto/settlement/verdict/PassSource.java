package io.cipherocto.settlement.verdict;

import io.cipherocto.contracts.protocol.PassAttestations;
import java.util.Optional;

/**
 * Where the pass attestations behind a verifier's on-chain pass commitment come from. Whatever answers, only sets
 * whose root equals the committed one are used ({@link ChainVerdicts}), so the source needs no trust.
 */
public interface PassSource {
    /** The pass attestations {@code verifier} committed for {@code epoch}, when a source has them. */
    Optional<PassAttestations> passes(String verifier, long epoch);

    /** No source: pass commitments are seen on chain but no pass verdict can be checked. */
    static PassSource none() {
        return (verifier, epoch) -> Optional.empty();
    }
}
