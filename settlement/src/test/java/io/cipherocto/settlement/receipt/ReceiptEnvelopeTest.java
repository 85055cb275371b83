package io.cipherocto.settlement.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/settlement.md "Batch-signed receipts", produced by ethers 6 ({@code signTypedData}) and
 * {@code @openzeppelin/merkle-tree} (settlement/tools/envelope-example.mjs): the server's struct hashes, envelope root,
 * digest and signature recovery agree with what a client built with those libraries signs.
 */
class ReceiptEnvelopeTest {
    private static final Eip712Domain DOMAIN = SettlementDomain.of(31337, "0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final String PROVIDER = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String REQUESTER = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    private static String word(long v) {
        return String.format("0x%064x", v);
    }

    private static JobReceipt receipt(int i) {
        return new JobReceipt(word(0xa0 + i), 7, REQUESTER, PROVIDER, 0, word(0x11), word(0x22), word(0x30 + i),
                BigInteger.valueOf(1000L * i), BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(i)));
    }

    @Test
    void structHashesRootAndDigest_matchWhatEthersAndOpenZeppelinsMerkleTreeCompute() {
        List<String> hashes = List.of(Hex.encode(receipt(1).structHash()), Hex.encode(receipt(2).structHash()));
        assertThat(hashes).containsExactly("0xfef856bffc3ce22fd40ab58819a5d76755c82c41ae1c114d449c4651410dc452",
                "0xcc6c81f09b80d7a63354176ef82430207c4ac72916b0fbeea0207639287c79b0");
        StandardMerkleTree tree = ReceiptEnvelope.tree(hashes);
        assertThat(tree.rootHex()).isEqualTo("0xe5a2c3b7175e925e321cbb4f36ddcc411ee38515075afb625c30a6e6f80a24df");
        assertThat(tree.proofHex(0)).containsExactly("0x3d808df201ae20853c9b054e99a10cfcacd403714ffc6c00f9280584890f67ab");
        ReceiptEnvelope env = new ReceiptEnvelope(7, REQUESTER, PROVIDER, tree.rootHex(), 2);
        assertThat(Hex.encode(env.digest(DOMAIN))).isEqualTo("0x2778ca66f218a65bf31d3b9984b98b77a28d49ee59af0e67c99a563afcab8978");
    }

    @Test
    void signaturesMadeWithEthersSignTypedData_recoverToTheProviderAndTheRequester() {
        byte[] digest = new ReceiptEnvelope(7, REQUESTER, PROVIDER,
                "0xe5a2c3b7175e925e321cbb4f36ddcc411ee38515075afb625c30a6e6f80a24df", 2).digest(DOMAIN);
        var recovery = SignatureRecoveries.best();
        assertThat(recovery.recoverAddress(digest, Hex.decode("0x824802875e267a80ba1db77ee28c8f9ab86091fbacee88433a2745cde252aa98"
                + "5ae8c3f52044d16e786a60c0a28c914c87f663a1936199a50d91ec3eb72daaee1c"))).contains(PROVIDER);
        assertThat(recovery.recoverAddress(digest, Hex.decode("0xab7225b7ad1eeda134d66d43cadd15bba27b9784b3026083623f057737b0421b"
                + "1b840c09e0356d54c97fcad74c6f615c65831e31397a7e213d2418a318595ba51c"))).contains(REQUESTER);
    }

    @Test
    void theRoot_doesNotDependOnTheOrderTheReceiptsAreListedIn() {
        String a = Hex.encode(receipt(1).structHash());
        String b = Hex.encode(receipt(2).structHash());
        assertThat(ReceiptEnvelope.tree(List.of(a, b)).rootHex()).isEqualTo(ReceiptEnvelope.tree(List.of(b, a)).rootHex());
    }

    @Test
    void theByteLevelRoot_equalsTheStandardTreesRoot_forOneLeafAndForMany() {
        for (int n : new int[] {1, 2, 3, 7, 1000}) {
            byte[][] raw = new byte[n][];
            List<String> hex = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                raw[i] = receipt(i).structHash();
                hex.add(Hex.encode(raw[i]));
            }
            assertThat(Hex.encode(ReceiptEnvelope.root(raw))).as("n = " + n).isEqualTo(ReceiptEnvelope.tree(hex).rootHex());
        }
    }
}
