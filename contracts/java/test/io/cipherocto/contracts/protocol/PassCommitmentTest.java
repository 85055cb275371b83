package io.cipherocto.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.eip712.Eip712Domain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class PassCommitmentTest {
    private static final Eip712Domain DOMAIN = Attestation.domain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static final String PROVIDER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

    private static Attestation pass(long epoch, int i) {
        byte[] h = Hash.sha3(new byte[] {(byte) i});
        return new Attestation(epoch, h, PROVIDER, 0, h, h, h, true, h);
    }

    @Test
    void everyPassAttestation_provesAgainstTheRoot_andAForeignOneDoesNot() {
        List<Attestation> passes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            passes.add(pass(3, i));
        }
        PassCommitment c = PassCommitment.of(3, passes, DOMAIN);
        assertThat(c.count()).isEqualTo(5);
        for (Attestation a : passes) {
            assertThat(PassCommitment.verify(c.root(), a.digest(DOMAIN), c.proof(a.digest(DOMAIN)))).isTrue();
        }
        byte[] foreign = pass(3, 99).digest(DOMAIN);
        assertThat(PassCommitment.verify(c.root(), foreign, c.proof(passes.get(0).digest(DOMAIN)))).isFalse();
        assertThat(c.dump()).contains("standard-v1", "bytes32");
    }

    @Test
    void commitment_rejectsFailuresOtherEpochsAndEmptyLists() {
        byte[] h = Hash.sha3(new byte[] {1});
        Attestation fail = new Attestation(3, h, PROVIDER, 0, h, h, Hash.sha3(new byte[] {2}), false, h);
        assertThatThrownBy(() -> PassCommitment.of(3, List.of(fail), DOMAIN)).hasMessageContaining("not a pass");
        assertThatThrownBy(() -> PassCommitment.of(4, List.of(pass(3, 1)), DOMAIN)).hasMessageContaining("epoch 3");
        assertThatThrownBy(() -> PassCommitment.of(3, List.of(), DOMAIN)).hasMessageContaining("no pass");
    }
}
