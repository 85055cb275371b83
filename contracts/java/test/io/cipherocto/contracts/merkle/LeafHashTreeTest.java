package io.cipherocto.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A tree known by its leaf hashes gives the root and, for every leaf, the proof that the full tree gives. */
class LeafHashTreeTest {
    private static final List<String> ENCODING = RootOfLeafHashesTest.ENCODING;

    private static List<List<?>> values(int n, long seed) {
        return RootOfLeafHashesTest.values(n, seed);
    }

    @Test
    void everyLeafsProof_isTheFullTreesProof_andVerifiesAgainstItsRoot() {
        for (int n : new int[] {1, 2, 3, 5, 8, 9, 100, 9_001}) {
            List<List<?>> values = new ArrayList<>(values(n, n));
            StandardMerkleTree full = StandardMerkleTree.of(values, ENCODING);
            Collections.shuffle(values, new Random(n)); // the order the hashes come in does not matter
            LeafHashTree lean = LeafHashTree.of(StandardMerkleTree.leafHashes(values, ENCODING), n);
            assertThat(lean.root()).as("n = %d", n).isEqualTo(full.root());
            assertThat(lean.rootHex()).isEqualTo(full.rootHex());
            assertThat(lean.size()).isEqualTo(n);
            assertThat(lean.bytes()).isEqualTo(32L * (2 * n - 1));
            for (int i = 0; i < n; i += Math.max(1, n / 97)) {
                byte[] leaf = full.leafHash(i);
                List<byte[]> proof = lean.proof(leaf).orElseThrow();
                assertThat(proof).as("n = %d, leaf %d", n, i).containsExactlyElementsOf(full.proof(i));
                assertThat(lean.proofHex(leaf).orElseThrow()).isEqualTo(full.proofHex(i));
                assertThat(StandardMerkleTree.verify(lean.root(), leaf, proof)).isTrue();
            }
        }
    }

    @Test
    void aLeafThatIsNotInTheTree_hasNoProof() {
        List<List<?>> values = values(1_000, 5);
        LeafHashTree lean = LeafHashTree.of(StandardMerkleTree.leafHashes(values, ENCODING), values.size());
        List<?> v = values.get(17);
        byte[] changed = StandardMerkleTree.leafHash(ENCODING, List.of(v.get(0), v.get(1), v.get(2),
                ((BigInteger) v.get(3)).add(BigInteger.ONE)));
        assertThat(lean.proof(changed)).isEmpty();
        assertThat(lean.proofHex(changed)).isEmpty();
        byte[] smallest = new byte[32];
        byte[] largest = new byte[32];
        Arrays.fill(largest, (byte) 0xff);
        assertThat(lean.proof(smallest)).isEmpty();
        assertThat(lean.proof(largest)).isEmpty();
    }

    @Test
    void aLeafHashOfTheWrongLength_andNoLeaves_areRefused() {
        LeafHashTree lean = LeafHashTree.of(new byte[32], 1);
        assertThatThrownBy(() -> lean.proof(new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LeafHashTree.of(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
