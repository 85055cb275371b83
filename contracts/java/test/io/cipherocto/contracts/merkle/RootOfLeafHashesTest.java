package io.cipherocto.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The root from leaf hashes alone, in any order, is the root of the tree built from the values. */
class RootOfLeafHashesTest {
    static final List<String> ENCODING = List.of("bytes32", "address", "uint8", "uint256");

    /** {@code n} leaves of {@link #ENCODING}: random ids and amounts, from {@code seed}. */
    static List<List<?>> values(int n, long seed) {
        Random random = new Random(seed);
        List<List<?>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] word = new byte[32];
            random.nextBytes(word);
            out.add(List.of(String.format("0x%064x", new BigInteger(1, word)), String.format("0x%040x", random.nextInt(1_000)),
                    BigInteger.valueOf(i % 8), BigInteger.valueOf(random.nextLong() >>> 1)));
        }
        return out;
    }

    @Test
    void theRootOfTheLeafHashes_isTheTreesRoot_forSmallAndLargeTrees() {
        for (int n : new int[] {1, 2, 3, 5, 8, 9, 100, 9_001, 20_000}) {
            List<List<?>> values = values(n, n);
            byte[] hashes = StandardMerkleTree.leafHashes(values, ENCODING);
            assertThat(hashes).hasSize(32 * n);
            StandardMerkleTree tree = StandardMerkleTree.of(values, ENCODING);
            assertThat(StandardMerkleTree.rootOfLeafHashes(hashes, n)).as("n = %d", n).isEqualTo(tree.root());
            for (int i = 0; i < Math.min(n, 50); i++) {
                assertThat(java.util.Arrays.copyOfRange(hashes, 32 * i, 32 * i + 32)).isEqualTo(tree.leafHash(i));
            }
        }
    }

    @Test
    void theOrderOfTheLeafHashes_doesNotMatter() {
        List<List<?>> values = new ArrayList<>(values(1_000, 7));
        byte[] root = StandardMerkleTree.of(values, ENCODING).root();
        Collections.shuffle(values, new Random(3));
        byte[] hashes = StandardMerkleTree.leafHashes(values, ENCODING);
        assertThat(StandardMerkleTree.rootOfLeafHashes(hashes, values.size())).isEqualTo(root);
    }

    @Test
    void noLeaf_isRefused() {
        assertThatThrownBy(() -> StandardMerkleTree.rootOfLeafHashes(new byte[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StandardMerkleTree.rootOfLeafHashes(new byte[31], 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
