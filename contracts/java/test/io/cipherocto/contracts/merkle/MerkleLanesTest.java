package io.cipherocto.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lane (Vector API) Keccak path against the scalar one: the same digests for every batch size and message
 * length it takes, and the same trees, dumps and proofs. The contracts module's tests run with
 * {@code --add-modules jdk.incubator.vector} (surefire argLine), so both paths run here.
 */
class MerkleLanesTest {
    private static final int L = Keccak256Lanes.LANES;

    @Test
    void testJvm_hasTheVectorModule_soTheLanePathIsReallyTested() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(L).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 32, 64, 96, 128})
    void leafHashes_equalTheScalarDoubleHash_forEveryBatchSize(int len) {
        SplittableRandom rnd = new SplittableRandom(len);
        long[] st = Keccak256Lanes.newState();
        for (int count = 1; count <= L; count++) {
            byte[] in = new byte[len * L];
            rnd.nextBytes(in);
            byte[] out = new byte[32 * L + 7];
            Keccak256Lanes.leafHashes(in, len, count, out, 7, st);
            for (int j = 0; j < L; j++) {
                byte[] expected = j < count ? Keccak256.hash(Keccak256.hash(in, j * len, len)) : new byte[32];
                byte[] actual = java.util.Arrays.copyOfRange(out, 7 + 32 * j, 7 + 32 * j + 32);
                assertThat(actual).as("count %d, lane %d", count, j).isEqualTo(expected);
            }
        }
    }

    @Test
    void pairHashes_equalTheScalarPairHash_atArbitraryOffsets() {
        SplittableRandom rnd = new SplittableRandom(3);
        long[] st = Keccak256Lanes.newState();
        for (int count = 1; count <= L; count++) {
            byte[] tree = new byte[32 * 64];
            rnd.nextBytes(tree);
            byte[] before = tree.clone();
            int[] left = new int[L];
            int[] right = new int[L];
            int[] out = new int[L];
            for (int j = 0; j < count; j++) {
                left[j] = 32 * (2 * j + 20);
                right[j] = 32 * (2 * j + 21) + (j % 2); // unaligned too
                out[j] = 32 * j;
            }
            Keccak256Lanes.pairHashes(tree, left, right, out, count, st);
            for (int j = 0; j < count; j++) {
                byte[] expected = new byte[32];
                Keccak256.hash64(before, left[j], before, right[j], expected, 0, new long[25]);
                assertThat(java.util.Arrays.copyOfRange(tree, out[j], out[j] + 32)).as("lane %d", j).isEqualTo(expected);
            }
            assertThat(java.util.Arrays.copyOfRange(tree, 32 * count, 32 * 64))
                    .isEqualTo(java.util.Arrays.copyOfRange(before, 32 * count, 32 * 64));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 8, 9, 17, 100, 1_000, 20_000})
    void tree_isTheSameOnBothPaths_addressUint256(int n) {
        List<List<?>> leaves = StandardMerkleTreeRandomTest.randomLeaves(n, new SplittableRandom(n), true);
        assertSameTree(leaves, List.of("address", "uint256"));
    }

    @Test
    void tree_isTheSameOnBothPaths_forWiderLeaves_andForFiveColumnsThatTakeTheScalarLeafPath() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<List<?>> four = new ArrayList<>();
        List<List<?>> five = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String a = String.format("0x%040x", new BigInteger(160, new java.util.Random(rnd.nextLong())));
            String b = String.format("0x%064x", new BigInteger(256, new java.util.Random(rnd.nextLong())));
            BigInteger v = BigInteger.valueOf(rnd.nextLong(Long.MAX_VALUE));
            four.add(List.of(a, v, i % 2 == 0, b));
            five.add(List.of(a, v, i % 2 == 0, b, BigInteger.valueOf(-i)));
        }
        assertSameTree(four, List.of("address", "uint256", "bool", "bytes32"));
        assertSameTree(five, List.of("address", "uint256", "bool", "bytes32", "int64"));
    }

    private static void assertSameTree(List<List<?>> leaves, List<String> enc) {
        for (boolean sort : new boolean[] {true, false}) {
            StandardMerkleTree scalar = StandardMerkleTree.of(leaves, enc, sort, false);
            StandardMerkleTree lanes = StandardMerkleTree.of(leaves, enc, sort, true);
            assertThat(lanes.rootHex()).isEqualTo(scalar.rootHex());
            assertThat(lanes.dump()).isEqualTo(scalar.dump());
        }
    }

    @Test
    void warmUp_runsOnceInTheBackground_whereTheLanePathIsOn() throws Exception {
        var first = MerkleHashing.warmUp();
        var second = MerkleHashing.warmUp();
        assertThat(first.isPresent()).isEqualTo(MerkleHashing.VECTOR);
        assertThat(second).isEmpty();
        if (first.isPresent()) {
            assertThat(first.get().isDaemon()).isTrue();
            first.get().join(60_000);
            assertThat(first.get().isAlive()).isFalse();
        }
    }
}
