package io.cipherocto.verifier.attestation;

import io.cipherocto.contracts.protocol.Attestation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.eip712.Eip712Domain;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class AttestationTest {
    private static byte[] fill(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    static Attestation sample() {
        return new Attestation(7, fill(0x11), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 2, fill(0x22), fill(0x33),
                fill(0x44), false, fill(0x55));
    }

    private static final Eip712Domain DOMAIN = Attestation.domain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");

    @Test
    void typehash_isKeccakOfTheSolidityTypeString() {
        // node + js-sha3 over the string in AttestationRegistry.ATTESTATION_TYPEHASH
        assertThat(Numeric.toHexString(Attestation.TYPEHASH))
                .isEqualTo("0x673cf06073b27c0e2da4df3cdaa6bb3cc4b0bdd2b95fd674f5d012e0163763dc");
    }

    @Test
    void digest_matchesAnIndependentEip712Computation() {
        // Computed with node + js-sha3 from the raw ABI words (protocol v2: domain version "2", finder = zero address).
        assertThat(DOMAIN.separatorHex()).isEqualTo("0xb488e94b89c226bd5dca1512a6b6875daf072647cebaab3b61ac05600adad73e");
        assertThat(Numeric.toHexString(sample().structHash()))
                .isEqualTo("0xfb33863ee42e1599779c578f7121f2eac8f01309ada077fead8f8624be834c7a");
        assertThat(Numeric.toHexString(sample().digest(DOMAIN)))
                .isEqualTo("0x5bae72c9fb46fd5344d501f182ed4ebfb3a30547d53a5a9eff89e9ff12bc8667");
    }

    @Test
    void digest_changesWithEveryField() {
        byte[] base = sample().digest(DOMAIN);
        Attestation passed = new Attestation(7, fill(0x11), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 2, fill(0x22),
                fill(0x33), fill(0x44), true, fill(0x55));
        Attestation epoch = new Attestation(8, fill(0x11), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 2, fill(0x22),
                fill(0x33), fill(0x44), false, fill(0x55));
        assertThat(passed.digest(DOMAIN)).isNotEqualTo(base);
        assertThat(epoch.digest(DOMAIN)).isNotEqualTo(base);
        assertThat(sample().digest(Attestation.domain(1, "0x5FbDB2315678afecb367f032d93F642f64180aa3")))
                .isNotEqualTo(base);
        assertThat(sample().withFinder("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC").digest(DOMAIN))
                .as("the finder is signed").isNotEqualTo(base);
    }

    @Test
    void signature_recoversToTheVerifier() throws Exception {
        Credentials key = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        SignedAttestation s = new AttestationSigner(key, DOMAIN).sign(sample());
        byte[] sig = s.signature();
        Sign.SignatureData data = new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32),
                Arrays.copyOfRange(sig, 32, 64));
        BigInteger pub = Sign.signedMessageHashToKey(sample().digest(DOMAIN), data);
        assertThat("0x" + Keys.getAddress(pub)).isEqualToIgnoringCase(key.getAddress());
        assertThat(sig[64]).isIn((byte) 27, (byte) 28);
    }

    @Test
    void quorumSignatures_areSortedBySignerAddress_andRejectDuplicatesAndMixedAttestations() {
        Credentials k1 = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
        Credentials k2 = Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
        Credentials k3 = Credentials.create("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
        List<SignedAttestation> signed = List.of(k1, k2, k3).stream()
                .map(k -> new AttestationSigner(k, DOMAIN).sign(sample())).toList();
        List<byte[]> sigs = AttestationSigner.quorumSignatures(signed);
        List<String> order = signed.stream().map(SignedAttestation::signer)
                .sorted((a, b) -> Numeric.toBigInt(a).compareTo(Numeric.toBigInt(b))).toList();
        for (int i = 0; i < 3; i++) {
            final int idx = i;
            SignedAttestation expected = signed.stream().filter(s -> s.signer().equals(order.get(idx))).findFirst().orElseThrow();
            assertThat(sigs.get(i)).isEqualTo(expected.signature());
        }
        assertThatThrownBy(() -> AttestationSigner.quorumSignatures(List.of(signed.get(0), signed.get(0))))
                .hasMessageContaining("appears twice");
        SignedAttestation other = new AttestationSigner(k2, DOMAIN).sign(new Attestation(9, fill(1),
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 0, fill(2), fill(3), fill(4), false, fill(5)));
        assertThatThrownBy(() -> AttestationSigner.quorumSignatures(List.of(signed.get(0), other)))
                .hasMessageContaining("different attestations");
    }

    @Test
    void preconditions_rejectBadFields() {
        assertThatThrownBy(() -> new Attestation(-1, fill(1), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 0, fill(2),
                fill(3), fill(4), false, fill(5))).hasMessageContaining("epoch");
        assertThatThrownBy(() -> new Attestation(0, fill(1), "0x1234", 0, fill(2), fill(3), fill(4), false, fill(5)))
                .hasMessageContaining("not an address");
        assertThatThrownBy(() -> new Attestation(0, fill(1), "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", 256,
                fill(2), fill(3), fill(4), false, fill(5))).hasMessageContaining("uint8");
    }
}
