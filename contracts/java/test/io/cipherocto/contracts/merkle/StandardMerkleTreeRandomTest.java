package io.cipherocto.contracts.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The optimized tree against the straightforward {@link ReferenceMerkleTree} on random trees of many sizes. */
class StandardMerkleTreeRandomTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<List<?>> randomLeaves(int n, SplittableRandom rnd, boolean withDuplicates) {
        List<List<?>> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (withDuplicates && i > 0 && rnd.nextInt(10) == 0) {
                leaves.add(leaves.get(rnd.nextInt(i)));
                continue;
            }
            StringBuilder a = new StringBuilder("0x");
            for (int k = 0; k < 40; k++) {
                a.append("0123456789abcdefABCDEF".charAt(rnd.nextInt(22)));
            }
            BigInteger amount = switch (rnd.nextInt(4)) {
                case 0 -> BigInteger.valueOf(rnd.nextLong(Long.MAX_VALUE));
                case 1 -> BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
                case 2 -> BigInteger.ZERO;
                default -> new BigInteger(256, new java.util.Random(rnd.nextLong()));
            };
            leaves.add(List.of(a.toString(), amount));
        }
        return leaves;
    }

    private static void assertSame(List<List<?>> leaves, List<String> enc, boolean sort, boolean allProofs) throws Exception {
        StandardMerkleTree t = StandardMerkleTree.of(leaves, enc, sort);
        ReferenceMerkleTree r = ReferenceMerkleTree.of(leaves, enc, sort);
        int n = leaves.size();
        assertThat(t.rootHex()).as("root of %d leaves", n).isEqualTo(r.rootHex());
        int step = allProofs ? 1 : Math.max(1, n / 500);
        for (int i = 0; i < n; i += step) {
            assertThat(t.proofHex(i)).as("proof %d of %d", i, n).isEqualTo(r.proofHex(i));
            assertThat(t.leafHash(i)).isEqualTo(r.leafHash(i));
            assertThat(t.value(i)).isEqualTo(r.value(i));
            assertThat(StandardMerkleTree.verify(t.root(), t.leafHash(i), t.proof(i))).isTrue();
        }
        if (n <= 3000) {
            String dump = t.dump();
            assertThat(JSON.readTree(dump)).isEqualTo(JSON.readTree(r.dump()));
            assertThat(StandardMerkleTree.load(dump).rootHex()).isEqualTo(r.rootHex());
        }
    }

    @Test
    void smallAndOddSizesMatchTheReference() throws Exception {
        SplittableRandom rnd = new SplittableRandom(1);
        List<String> enc = List.of("address", "uint256");
        for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 63, 100, 127, 129, 255, 257, 1000, 1023, 1025}) {
            for (boolean sort : new boolean[] {true, false}) {
                assertSame(randomLeaves(n, rnd, n > 4), enc, sort, true);
            }
        }
    }

    @Test
    void largeTreesUseTheParallelPathAndMatchTheReference() throws Exception {
        SplittableRandom rnd = new SplittableRandom(2);
        List<String> enc = List.of("address", "uint256");
        assertSame(randomLeaves(10_000, rnd, false), enc, true, true);
        assertSame(randomLeaves(StandardMerkleTree.PARALLEL_THRESHOLD * 2 + 3, rnd, true), enc, true, false);
        assertSame(randomLeaves(40_001, rnd, true), enc, false, false);
    }

    @Test
    void otherTypesMatchTheReference() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        List<String> enc = List.of("bool", "bytes32", "int256", "uint8", "bytes4", "int64");
        for (int n : new int[] {1, 2, 3, 7, 200}) {
            List<List<?>> leaves = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] b32 = new byte[32];
                rnd.nextBytes(b32);
                long x = rnd.nextLong();
                leaves.add(List.of(rnd.nextBoolean(), org.web3j.utils.Numeric.toHexString(b32),
                        rnd.nextBoolean() ? BigInteger.valueOf(x) : BigInteger.ONE.shiftLeft(255).negate().add(BigInteger.valueOf(i)),
                        BigInteger.valueOf(rnd.nextInt(256)), "0x" + String.format("%08x", rnd.nextInt()),
                        String.valueOf(x)));
            }
            assertSame(leaves, enc, true, true);
        }
    }

    @Test
    void equalLeafHashesKeepInsertionOrder() throws Exception {
        List<List<?>> leaves = new ArrayList<>();
        List<?> same = List.of("0x" + "ab".repeat(20), BigInteger.TEN);
        for (int i = 0; i < 20; i++) {
            leaves.add(i % 3 == 0 ? same : List.of("0x" + "cd".repeat(20), BigInteger.valueOf(i)));
        }
        assertSame(leaves, List.of("address", "uint256"), true, true);
    }

    @Test
    void dumpIsByteForByteTheReferenceDump() throws Exception {
        List<List<?>> leaves = randomLeaves(300, new SplittableRandom(5), true);
        List<String> enc = List.of("address", "uint256");
        assertThat(StandardMerkleTree.of(leaves, enc).dump()).isEqualTo(ReferenceMerkleTree.of(leaves, enc).dump());
        String vectorDump;
        try (var in = getClass().getClassLoader().getResourceAsStream("vectors/merkle_std_1000_dump.json")) {
            vectorDump = new String(in.readAllBytes());
        }
        StandardMerkleTree loaded = StandardMerkleTree.load(vectorDump);
        assertThat(loaded.dump()).isEqualTo(ReferenceMerkleTree.load(vectorDump).dump());
    }

    @Test
    void loadRejectsABadInnerNode() {
        List<List<?>> leaves = randomLeaves(50, new SplittableRandom(6), false);
        StandardMerkleTree t = StandardMerkleTree.of(leaves, List.of("address", "uint256"));
        String dump = t.dump();
        String node3 = t.dump().split("\"tree\":\\[")[1].split(",")[3];
        String bad = dump.replace(node3, "\"0x" + "00".repeat(32) + "\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StandardMerkleTree.load(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("node");
    }
}
