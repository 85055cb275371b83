package io.cipherocto.contracts.eip712;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/** The ballot digest equals what eth_signTypedData_v4 signs (web3j's independent typed-data encoder). */
class BallotTest {
    private static final String GOVERNOR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final Credentials VOTER = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

    private static String typedData(BigInteger proposalId, int support, String voter, BigInteger nonce) {
        return """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},
              {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
             "Ballot":[{"name":"proposalId","type":"uint256"},{"name":"support","type":"uint8"},
              {"name":"voter","type":"address"},{"name":"nonce","type":"uint256"}]},
             "primaryType":"Ballot",
             "domain":{"name":"OctoGovernor","version":"1","chainId":31337,"verifyingContract":"%s"},
             "message":{"proposalId":"%s","support":%d,"voter":"%s","nonce":"%s"}}
            """.formatted(GOVERNOR, proposalId, support, voter, nonce);
    }

    @Test
    void digest_equalsTypedDataV4Hash() throws Exception {
        BigInteger proposalId = new BigInteger("79231581924359917313212447373712348395271937163848210113216312813460532913931");
        Ballot ballot = new Ballot(proposalId, Ballot.FOR, VOTER.getAddress(), BigInteger.valueOf(3));
        Eip712Domain domain = new Eip712Domain("OctoGovernor", "1", 31337, GOVERNOR);
        byte[] expected = new StructuredDataEncoder(typedData(proposalId, 1, VOTER.getAddress(), BigInteger.valueOf(3)))
                .hashStructuredData();
        assertThat(Numeric.toHexString(ballot.digest(domain))).isEqualTo(Numeric.toHexString(expected));
    }

    @Test
    void sign_recoversTheVoter() throws Exception {
        Ballot ballot = new Ballot(BigInteger.TEN, Ballot.AGAINST, VOTER.getAddress(), BigInteger.ZERO);
        byte[] digest = ballot.digest(new Eip712Domain("OctoGovernor", "1", 31337, GOVERNOR));
        byte[] sig = Signatures.sign(digest, VOTER.getEcKeyPair());
        assertThat(sig).hasSize(65);
        Sign.SignatureData data = new Sign.SignatureData(sig[64], java.util.Arrays.copyOfRange(sig, 0, 32),
                java.util.Arrays.copyOfRange(sig, 32, 64));
        BigInteger key = Sign.signedMessageHashToKey(digest, data);
        assertThat("0x" + Keys.getAddress(key)).isEqualTo(VOTER.getAddress());
    }

    @Test
    void digest_changesWithEveryField() {
        Eip712Domain domain = new Eip712Domain("OctoGovernor", "1", 31337, GOVERNOR);
        Ballot base = new Ballot(BigInteger.ONE, 1, VOTER.getAddress(), BigInteger.ZERO);
        assertThat(base.digest(domain)).isNotEqualTo(new Ballot(BigInteger.TWO, 1, VOTER.getAddress(), BigInteger.ZERO).digest(domain));
        assertThat(base.digest(domain)).isNotEqualTo(new Ballot(BigInteger.ONE, 0, VOTER.getAddress(), BigInteger.ZERO).digest(domain));
        assertThat(base.digest(domain)).isNotEqualTo(new Ballot(BigInteger.ONE, 1, GOVERNOR, BigInteger.ZERO).digest(domain));
        assertThat(base.digest(domain)).isNotEqualTo(new Ballot(BigInteger.ONE, 1, VOTER.getAddress(), BigInteger.ONE).digest(domain));
        assertThat(base.digest(domain)).isNotEqualTo(base.digest(new Eip712Domain("OctoGovernor", "1", 1, GOVERNOR)));
    }
}
