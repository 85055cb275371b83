package io.cipherocto.settlement.receipt;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Words;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.EpochId;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.platform.kernel.Wei;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * A job receipt as EIP-712 typed data:
 * {@code JobReceipt(bytes32 jobId,uint64 epoch,address requester,address provider,uint8 role,bytes32 kernel,
 * bytes32 specHash,bytes32 outputHash,uint256 workUnits,uint256 fee)} under the settlement domain
 * ({@link SettlementDomain}). Addresses and bytes32 values are lower-case 0x-hex; amounts are wei.
 * Both the provider and the requester sign {@link #digest(Eip712Domain)} (what {@code eth_signTypedData_v4} signs).
 */
public record JobReceipt(String jobId, long epoch, String requester, String provider, int role, String kernel,
        String specHash, String outputHash, BigInteger workUnits, BigInteger fee) {
    public static final String TYPE = "JobReceipt(bytes32 jobId,uint64 epoch,address requester,address provider,"
            + "uint8 role,bytes32 kernel,bytes32 specHash,bytes32 outputHash,uint256 workUnits,uint256 fee)";
    public static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));

    public JobReceipt {
        jobId = bytes32("jobId", jobId);
        EpochId.require(epoch);
        requester = address("requester", requester);
        provider = address("provider", provider);
        if (role < 0 || role > 255) {
            throw new IllegalArgumentException("role is a uint8, got " + role);
        }
        kernel = bytes32("kernel", kernel);
        specHash = bytes32("specHash", specHash);
        outputHash = bytes32("outputHash", outputHash);
        workUnits = uint256("workUnits", workUnits);
        fee = uint256("fee", fee);
    }

    /** keccak256 of the EIP-712 encoding of this struct. */
    public byte[] structHash() {
        return io.cipherocto.contracts.merkle.Keccak256.hash(Words.concat(TYPEHASH, Hex.decode(jobId), Words.uint(epoch), Words.address(requester),
                Words.address(provider), Words.uint(role), Hex.decode(kernel), Hex.decode(specHash), Hex.decode(outputHash),
                Words.uint(workUnits), Words.uint(fee)));
    }

    /** keccak256(0x1901 || domainSeparator || structHash): the digest both parties sign. */
    public byte[] digest(Eip712Domain domain) {
        return Objects.requireNonNull(domain, "domain").digest(structHash());
    }

    private static String bytes32(String name, String v) {
        return io.cipherocto.platform.kernel.Hash.tryParse(v).map(Object::toString)
                .orElseThrow(() -> new IllegalArgumentException(name + " must be 0x + 64 hex digits"));
    }

    private static String address(String name, String v) {
        Address a = Address.tryParse(v).orElseThrow(() -> new IllegalArgumentException(name + " must be an address"));
        if (a.isZero()) {
            throw new IllegalArgumentException(name + " must not be the zero address");
        }
        return a.toString();
    }

    private static BigInteger uint256(String name, BigInteger v) {
        Objects.requireNonNull(v, name);
        if (!Wei.fitsUint256(v)) {
            throw new IllegalArgumentException(name + " must be a uint256");
        }
        return v;
    }
}
