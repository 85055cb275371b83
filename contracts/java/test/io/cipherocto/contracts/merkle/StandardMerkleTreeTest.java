package io.cipherocto.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Checks the tree against the OpenZeppelin {@code @openzeppelin/merkle-tree} 1.0.8 vectors in test-resources/vectors. */
class StandardMerkleTreeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ENCODING = List.of("address", "uint256");
    private static JsonNode vector;
    private static String dump;

    @BeforeAll
    static void load() throws IOException {
        vector = JSON.readTree(resource("vectors/merkle_std_1000.json"));
        dump = new String(resource("vectors/merkle_std_1000_dump.json").readAllBytes());
    }

    private static InputStream resource(String name) {
        return StandardMerkleTreeTest.class.getClassLoader().getResourceAsStream(name);
    }

    /** leaf i = (last 20 bytes of keccak256(uint256 i), i * 1e18), as the vector's description states. */
    private static List<List<?>> vectorLeaves(int n) {
        List<List<?>> leaves = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] h = Hash.sha3(Numeric.toBytesPadded(BigInteger.valueOf(i), 32));
            String address = Numeric.toHexString(h).substring(26);
            leaves.add(List.of("0x" + address, BigInteger.valueOf(i).multiply(BigInteger.TEN.pow(18))));
        }
        return leaves;
    }

    @Test
    void of_buildsTheSameRootAsOpenZeppelin() {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(1000), ENCODING);
        assertThat(tree.rootHex()).isEqualTo(vector.get("root").asText());
    }

    @Test
    void of_withoutSorting_buildsTheSameRootAsOpenZeppelin() {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(1000), ENCODING, false);
        assertThat(tree.rootHex()).isEqualTo(vector.get("root_sortLeaves_false").asText());
    }

    @Test
    void proof_equalsOpenZeppelinProofs() {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(1000), ENCODING);
        for (JsonNode p : vector.get("proofs")) {
            int index = p.get("index").asInt();
            List<String> expected = new ArrayList<>();
            p.get("proof").forEach(x -> expected.add(x.asText()));
            assertThat(tree.proofHex(index)).as("proof of leaf %d", index).isEqualTo(expected);
            assertThat(Numeric.toHexString(tree.leafHash(index))).isEqualTo(p.get("leafHash").asText());
            assertThat(StandardMerkleTree.verify(tree.root(), tree.leafHash(index), tree.proof(index))).isTrue();
        }
    }

    @Test
    void dump_isByteForByteTheOpenZeppelinDump() throws IOException {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(1000), ENCODING);
        assertThat(JSON.readTree(tree.dump())).isEqualTo(JSON.readTree(dump));
    }

    @Test
    void load_readsAnOpenZeppelinDump() {
        StandardMerkleTree tree = StandardMerkleTree.load(dump);
        assertThat(tree.rootHex()).isEqualTo(vector.get("root").asText());
        assertThat(tree.size()).isEqualTo(1000);
        assertThat(tree.proofHex(0)).hasSize(10);
    }

    @Test
    void load_rejectsATamperedTree() throws IOException {
        String tampered = dump.replace("\"1000000000000000000\"", "\"1000000000000000001\"");
        assertThatThrownBy(() -> StandardMerkleTree.load(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not match its leaf");
    }

    @Test
    void verify_failsForAChangedAmount() {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(16), ENCODING);
        List<Object> v = tree.value(3);
        byte[] forged = StandardMerkleTree.leafHash(ENCODING, List.of(v.get(0), ((BigInteger) v.get(1)).add(BigInteger.ONE)));
        assertThat(StandardMerkleTree.verify(tree.root(), forged, tree.proof(3))).isFalse();
    }

    @Test
    void of_singleLeaf_rootIsTheLeafAndProofIsEmpty() {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(1), ENCODING);
        assertThat(tree.root()).isEqualTo(tree.leafHash(0));
        assertThat(tree.proof(0)).isEmpty();
    }

    @Test
    void of_rejectsBadValuesWithTheLeafIndex() {
        assertThatThrownBy(() -> StandardMerkleTree.of(List.of(List.of("0x1234", BigInteger.ONE)), ENCODING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaf 0").hasMessageContaining("address");
        assertThatThrownBy(() -> StandardMerkleTree.of(List.of(List.of("0x" + "11".repeat(20), BigInteger.ONE.negate())), ENCODING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uint256");
        assertThatThrownBy(() -> StandardMerkleTree.of(List.of(List.of("0x" + "11".repeat(20))), ENCODING))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 2");
        assertThatThrownBy(() -> StandardMerkleTree.of(List.of(), ENCODING)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandardMerkleTree.of(List.of(List.of("x")), List.of("string")))
                .hasMessageContaining("unsupported leaf type");
    }

    @Test
    void indexOf_findsLeavesByValue() {
        StandardMerkleTree tree = StandardMerkleTree.of(vectorLeaves(8), ENCODING);
        List<Object> v = tree.value(5);
        assertThat(tree.indexOf(List.of(v.get(0).toString().toUpperCase().replace("0X", "0x"), v.get(1)))).isEqualTo(5);
        assertThat(tree.indexOf(List.of(v.get(0), BigInteger.valueOf(7)))).isEqualTo(-1);
    }
}
