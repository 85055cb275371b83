package io.cipherocto.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.eip712.Eip712Domain;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pass set counts only when it is exactly the set whose root and count a verifier committed on chain. */
class PassAttestationsTest {
    private static final Eip712Domain DOMAIN = Attestation.domain(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final String PROVIDER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    private static byte[] word(int v) {
        byte[] b = new byte[32];
        b[31] = (byte) v;
        b[30] = (byte) (v >> 8);
        return b;
    }

    private static Attestation pass(int job) {
        return new Attestation(7, word(job), PROVIDER, 0, word(0x5bec), word(0x0a), word(0x0a), true, word(0xe0));
    }

    private final List<Attestation> committed = List.of(pass(1), pass(2), pass(3));
    private final byte[] root = PassCommitment.of(7, committed, DOMAIN).root();

    @Test
    void theCommittedSet_matchesItsRootAndCount_andReadsBackTheSameAttestations() {
        PassAttestations served = PassAttestations.of(7, "0xverifier", committed);
        assertThat(served.matches(root, 3, DOMAIN)).isTrue();
        assertThat(served.toAttestations()).hasSize(3);
        assertThat(served.toAttestations().get(1).digest(DOMAIN)).isEqualTo(pass(2).digest(DOMAIN));
    }

    @Test
    void aSetWithAnAddedDroppedOrChangedAttestation_doesNotMatch() {
        assertThat(PassAttestations.of(7, "0xv", List.of(pass(1), pass(2), pass(3), pass(4))).matches(root, 3, DOMAIN)).isFalse();
        assertThat(PassAttestations.of(7, "0xv", List.of(pass(1), pass(2))).matches(root, 3, DOMAIN)).isFalse();
        Attestation changed = new Attestation(7, word(3), PROVIDER, 1, word(0x5bec), word(0x0a), word(0x0a), true, word(0xe0));
        assertThat(PassAttestations.of(7, "0xv", List.of(pass(1), pass(2), changed)).matches(root, 3, DOMAIN)).isFalse();
        assertThat(PassAttestations.of(7, "0xv", committed).matches(root, 2, DOMAIN)).as("count differs").isFalse();
    }

    @Test
    void anEmptySet_matchesOnlyTheZeroRootWithCountZero() {
        PassAttestations none = PassAttestations.of(7, "0xv", List.of());
        assertThat(none.matches(new byte[32], 0, DOMAIN)).isTrue();
        assertThat(none.matches(root, 0, DOMAIN)).isFalse();
        byte[] zero = new byte[32];
        Arrays.fill(zero, (byte) 0);
        assertThat(none.root(DOMAIN)).isEqualTo(zero);
    }

    @Test
    void aMalformedField_doesNotMatch_insteadOfThrowing() {
        PassAttestations.Item bad = new PassAttestations.Item("0x12", PROVIDER, 0, "0x" + "00".repeat(32), "0x" + "00".repeat(32),
                "0x" + "00".repeat(32), "0x" + "00".repeat(32), Attestation.NO_FINDER);
        assertThat(new PassAttestations(7, "0xv", List.of(bad)).matches(root, 1, DOMAIN)).isFalse();
    }
}
