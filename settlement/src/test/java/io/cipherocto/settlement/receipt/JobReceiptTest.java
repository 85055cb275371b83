package io.cipherocto.settlement.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.StructuredDataEncoder;

class JobReceiptTest {
    private static final String REWARDS = "0xa513e6e4b8f2a923d98304ec87f64353c4d5c853";
    private final Credentials provider = DevAccounts.get(1);
    private final Credentials requester = DevAccounts.get(2);

    private JobReceipt receipt() {
        return new JobReceipt("0x" + "ab".repeat(32), 7, requester.getAddress(), provider.getAddress(), 3, "0x" + "11".repeat(32),
                "0x" + "22".repeat(32), "0x" + "33".repeat(32), BigInteger.valueOf(12_345), new BigInteger("1000000000000000001"));
    }

    @Test
    void digest_equalsTheEthSignTypedDataV4HashOfTheSameTypedData() throws Exception {
        JobReceipt r = receipt();
        String typed = """
                {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
                {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
                "JobReceipt":[{"name":"jobId","type":"bytes32"},{"name":"epoch","type":"uint64"},
                {"name":"requester","type":"address"},{"name":"provider","type":"address"},{"name":"role","type":"uint8"},
                {"name":"kernel","type":"bytes32"},{"name":"specHash","type":"bytes32"},{"name":"outputHash","type":"bytes32"},
                {"name":"workUnits","type":"uint256"},{"name":"fee","type":"uint256"}]},
                "primaryType":"JobReceipt",
                "domain":{"name":"CipherOcto Settlement","version":"1","chainId":31337,"verifyingContract":"%s"},
                "message":{"jobId":"%s","epoch":7,"requester":"%s","provider":"%s","role":3,"kernel":"%s","specHash":"%s",
                "outputHash":"%s","workUnits":12345,"fee":"1000000000000000001"}}
                """.formatted(REWARDS, r.jobId(), r.requester(), r.provider(), r.kernel(), r.specHash(), r.outputHash());
        byte[] expected = new StructuredDataEncoder(typed).hashStructuredData();
        assertThat(Hex.encode(r.digest(SettlementDomain.of(31337, REWARDS)))).isEqualTo(Hex.encode(expected));
    }

    @Test
    void signatures_recoverToTheSigner_andNotUnderAnotherDomain() {
        JobReceipt r = receipt();
        Eip712Domain domain = SettlementDomain.of(31337, REWARDS);
        byte[] sig = Signatures.sign(r.digest(domain), provider.getEcKeyPair());
        assertThat(SignatureRecoveries.best().recoverAddress(r.digest(domain), sig)).contains(provider.getAddress());
        assertThat(SignatureRecoveries.best().recoverAddress(r.digest(SettlementDomain.of(1, REWARDS)), sig))
                .isNotEqualTo(java.util.Optional.of(provider.getAddress()));
    }

    @Test
    void constructor_rejectsMalformedFields() {
        assertThatThrownBy(() -> new JobReceipt("0x12", 0, requester.getAddress(), provider.getAddress(), 0, "0x" + "11".repeat(32),
                "0x" + "22".repeat(32), "0x" + "33".repeat(32), BigInteger.ONE, BigInteger.ONE)).hasMessageContaining("jobId");
        assertThatThrownBy(() -> new JobReceipt("0x" + "ab".repeat(32), 0, requester.getAddress(), provider.getAddress(), 256,
                "0x" + "11".repeat(32), "0x" + "22".repeat(32), "0x" + "33".repeat(32), BigInteger.ONE, BigInteger.ONE))
                .hasMessageContaining("role");
        assertThatThrownBy(() -> new JobReceipt("0x" + "ab".repeat(32), 0, "0x" + "0".repeat(40), provider.getAddress(), 0,
                "0x" + "11".repeat(32), "0x" + "22".repeat(32), "0x" + "33".repeat(32), BigInteger.ONE, BigInteger.ONE))
                .hasMessageContaining("requester");
    }
}
