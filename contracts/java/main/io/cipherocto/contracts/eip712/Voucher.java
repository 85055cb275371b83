package io.cipherocto.contracts.eip712;

import io.cipherocto.platform.kernel.EpochId;
import io.cipherocto.platform.kernel.Wei;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * A requester's authorisation of its fees for one epoch (protocol v2, docs/protocol.md "Debits"):
 * {@code Voucher(address requester,uint64 epoch,uint256 maxAmount)} under the PaymentEscrow's EIP-712 domain
 * ({@link #domain}). The escrow reserves at most {@code maxAmount} from the requester for the epoch; a requester
 * signs a new voucher with a higher ceiling as it sends more receipts, and settlement presents the highest.
 */
public record Voucher(String requester, long epoch, BigInteger maxAmount) {
    public static final String TYPE = "Voucher(address requester,uint64 epoch,uint256 maxAmount)";
    public static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));
    /** The escrow's EIP-712 domain name and version (readable on chain through ERC-5267 {@code eip712Domain()}). */
    public static final String DOMAIN_NAME = "CipherOcto PaymentEscrow";
    public static final String DOMAIN_VERSION = "1";

    public Voucher {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(maxAmount, "maxAmount");
        EpochId.require(epoch);
        if (!Wei.fitsUint256(maxAmount)) {
            throw new IllegalArgumentException("maxAmount must be a uint256");
        }
    }

    /** The escrow's domain: ("CipherOcto PaymentEscrow", "1", chainId, escrow). */
    public static Eip712Domain domain(long chainId, String escrow) {
        return new Eip712Domain(DOMAIN_NAME, DOMAIN_VERSION, chainId, escrow);
    }

    public byte[] structHash() {
        return Hash.sha3(Words.concat(TYPEHASH, Words.address(requester), Words.uint(epoch), Words.uint(maxAmount)));
    }

    /** What the requester signs (eth_signTypedData_v4). */
    public byte[] digest(Eip712Domain domain) {
        return domain.digest(structHash());
    }
}
