package io.cipherocto.contracts.eip712;

import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * An EIP-712 domain {@code EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)},
 * the form OpenZeppelin's {@code EIP712} uses, and the typed-data digest {@code keccak256(0x1901 || domainSeparator
 * || structHash)}: the one implementation every module uses (receipts, vouchers, ballots, attestations). The domain
 * separator is computed once, when the domain is made, so a digest costs one keccak256 over 66 bytes.
 */
public final class Eip712Domain {
    private static final byte[] DOMAIN_TYPEHASH = Hash.sha3(
            "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.UTF_8));

    private final String name;
    private final String version;
    private final long chainId;
    private final String verifyingContract;
    private final byte[] separator;

    public Eip712Domain(String name, String version, long chainId, String verifyingContract) {
        this.name = Objects.requireNonNull(name, "name");
        this.version = Objects.requireNonNull(version, "version");
        this.verifyingContract = Objects.requireNonNull(verifyingContract, "verifyingContract");
        if (!Address.isValid(verifyingContract)) {
            throw new IllegalArgumentException("verifyingContract is not an address: " + verifyingContract);
        }
        this.chainId = chainId;
        this.separator = Hash.sha3(Words.concat(DOMAIN_TYPEHASH,
                Hash.sha3(name.getBytes(StandardCharsets.UTF_8)),
                Hash.sha3(version.getBytes(StandardCharsets.UTF_8)),
                Words.uint(BigInteger.valueOf(chainId)),
                Words.address(verifyingContract)));
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public long chainId() {
        return chainId;
    }

    public String verifyingContract() {
        return verifyingContract;
    }

    /** The domain separator (a copy). */
    public byte[] separator() {
        return separator.clone();
    }

    /** keccak256("\x19\x01" || separator || structHash). */
    public byte[] digest(byte[] structHash) {
        byte[] buf = new byte[66];
        buf[0] = 0x19;
        buf[1] = 0x01;
        System.arraycopy(separator, 0, buf, 2, 32);
        System.arraycopy(structHash, 0, buf, 34, 32);
        return io.cipherocto.contracts.merkle.Keccak256.hash(buf);
    }

    public String separatorHex() {
        return Hex.encode(separator);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Eip712Domain d && chainId == d.chainId && name.equals(d.name) && version.equals(d.version)
                && verifyingContract.equalsIgnoreCase(d.verifyingContract);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version, chainId, verifyingContract.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return "Eip712Domain[name=" + name + ", version=" + version + ", chainId=" + chainId + ", verifyingContract="
                + verifyingContract + "]";
    }
}
