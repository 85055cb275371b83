package io.cipherocto.settlement.receipt;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Words;
import io.cipherocto.contracts.merkle.Keccak256;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.kernel.Hex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * A batch-signed envelope: one EIP-712 struct
 * {@code ReceiptEnvelope(uint64 epoch,address requester,address provider,bytes32 receiptsRoot,uint32 count)} under the
 * settlement domain ({@link SettlementDomain}), signed once by the provider and once by the requester, in place of
 * two signatures per receipt. {@code receiptsRoot} is the root of an OpenZeppelin StandardMerkleTree with leaf encoding
 * {@link #LEAF_TYPES} ({@code ["bytes32"]}) whose leaves are the EIP-712 struct hashes ({@code hashStruct}) of the
 * envelope's {@link JobReceipt}s, each of which has the envelope's epoch, requester and provider; {@code count} is the
 * number of leaves. Every receipt stays provable on its own: its struct hash plus its inclusion proof against the
 * signed root. See docs/settlement.md, "Batch-signed receipts".
 */
public record ReceiptEnvelope(long epoch, String requester, String provider, String receiptsRoot, int count) {
    public static final String TYPE = "ReceiptEnvelope(uint64 epoch,address requester,address provider,bytes32 receiptsRoot,"
            + "uint32 count)";
    public static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));
    public static final List<String> LEAF_TYPES = List.of("bytes32");

    public ReceiptEnvelope {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(receiptsRoot, "receiptsRoot");
        if (count < 1) {
            throw new IllegalArgumentException("an envelope holds at least one receipt");
        }
    }

    /** keccak256 of the EIP-712 encoding of this struct. */
    public byte[] structHash() {
        return Hash.sha3(Words.concat(TYPEHASH, Words.uint(epoch), Words.address(requester), Words.address(provider),
                Hex.decode(receiptsRoot), Words.uint(count)));
    }

    /** keccak256(0x1901 || domainSeparator || structHash): the digest both parties sign. */
    public byte[] digest(Eip712Domain domain) {
        return Objects.requireNonNull(domain, "domain").digest(structHash());
    }

    /**
     * The root of {@link #tree} for these struct hashes (32 bytes each), without the tree's generic leaf encoding: a
     * {@code ["bytes32"]} leaf's hash is {@code keccak256(keccak256(structHash))} (OpenZeppelin's standard leaf,
     * {@code keccak256(bytes.concat(keccak256(abi.encode(h))))}, and the ABI encoding of a bytes32 is the word
     * itself). What the ingestion checks per envelope; {@code ReceiptEnvelopeTest} checks it against {@link #tree}.
     */
    public static byte[] root(byte[][] structHashes) {
        int n = structHashes.length;
        byte[] leaves = new byte[Math.multiplyExact(32, n)];
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
            if (structHashes[i].length != 32) {
                throw new IllegalArgumentException("a struct hash is 32 bytes");
            }
            System.arraycopy(Keccak256.hash(Keccak256.hash(structHashes[i])), 0, leaves, 32 * i, 32);
        });
        return StandardMerkleTree.rootOfLeafHashes(leaves, n);
    }

    /**
     * The envelope tree of receipts' struct hashes (0x-hex, any order; the tree sorts its leaves, so the root does not
     * depend on the order the receipts are listed in).
     */
    public static StandardMerkleTree tree(List<String> structHashes) {
        List<List<String>> rows = new ArrayList<>(structHashes.size());
        for (String h : structHashes) {
            rows.add(List.of(h));
        }
        return StandardMerkleTree.of(rows, LEAF_TYPES);
    }
}
