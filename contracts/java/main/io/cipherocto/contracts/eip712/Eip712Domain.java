package io.cipherocto.contracts.eip712;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * An EIP-712 domain {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)},
 * the form OpenZeppelin's {@code EIP712} uses, and the typed-data digest {@code keccak256(0x1901 || domainSeparator
 * || structHash)}.
 */
public record Eip712Domain(String name, String version, long chainId, String verifyingContract) {
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));

    public Eip712Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(verifyingContract, "verifyingContract");
        if (!verifyingContract.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("verifyingContract is not an address: " + verifyingContract);
        }
    }

    public byte[] separator() {
        return Hash.sha3(Words.concat(DOMAIN_TYPEHASH,
                Hash.sha3(name.getBytes(StandardCharsets.UTF_8)),
                Hash.sha3(version.getBytes(StandardCharsets.UTF_8)),
                Words.uint(BigInteger.valueOf(chainId)),
                Words.address(verifyingContract)));
    }

    /** keccak256("\x19\x01" || separator || structHash). */
    public byte[] digest(byte[] structHash) {
        byte[] buf = new byte[66];
        buf[0] = 0x19;
        buf[1] = 0x01;
        System.arraycopy(separator(), 0, buf, 2, 32);
        System.arraycopy(structHash, 0, buf, 34, 32);
        return Hash.sha3(buf);
    }

    public String separatorHex() {
        return Numeric.toHexString(separator());
    }
}
