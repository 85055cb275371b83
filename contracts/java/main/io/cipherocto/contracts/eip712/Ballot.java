package io.cipherocto.contracts.eip712;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/**
 * The OpenZeppelin Governor ballot {@code Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)}, as a
 * wallet signs it with {@code eth_signTypedData_v4} under the governor's domain (name, "1", chain id, governor).
 */
public record Ballot(BigInteger proposalId, int support, String voter, BigInteger nonce) {
    public static final String TYPE = "Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)";
    public static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));
    public static final int AGAINST = 0;
    public static final int FOR = 1;
    public static final int ABSTAIN = 2;

    public Ballot {
        if (support < 0 || support > 255) {
            throw new IllegalArgumentException("support is a uint8: " + support);
        }
    }

    public byte[] structHash() {
        return Hash.sha3(Words.concat(TYPEHASH, Words.uint(proposalId), Words.uint(support), Words.address(voter),
                Words.uint(nonce)));
    }

    public byte[] digest(Eip712Domain governorDomain) {
        return governorDomain.digest(structHash());
    }
}
