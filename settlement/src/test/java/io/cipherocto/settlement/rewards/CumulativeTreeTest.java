package io.cipherocto.settlement.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class CumulativeTreeTest {
    private static final String A = "0x00000000000000000000000000000000000000aa";
    private static final String B = "0x00000000000000000000000000000000000000bb";
    private static final String T = "0x00000000000000000000000000000000000000c0";
    private static final String U = "0x00000000000000000000000000000000000000c1";

    @Test
    void build_addsThisEpochToThePreviousCumulative_andCarriesForwardEarnersWithoutNewRewards() {
        CumulativeTree first = CumulativeTree.build(new java.util.TreeMap<>(), List.of(
                new Allocation(A, T, BigInteger.valueOf(5), "provider"), new Allocation(B, U, BigInteger.valueOf(7), "provider")));
        CumulativeTree second = CumulativeTree.build(first.cumulative(), List.of(
                new Allocation(A, T, BigInteger.valueOf(3), "provider")));
        SortedMap<CumulativeTree.Key, BigInteger> cum = second.cumulative();
        assertThat(cum).containsEntry(new CumulativeTree.Key(A, T), BigInteger.valueOf(8))
                .containsEntry(new CumulativeTree.Key(B, U), BigInteger.valueOf(7));
        assertThat(second.tree().rootHex()).isNotEqualTo(first.tree().rootHex());
    }

    @Test
    void build_dumpsAStandardV1TreeThatLoadsBackWithTheSameRootAndVerifyingProofs() {
        CumulativeTree t = CumulativeTree.build(new java.util.TreeMap<>(), List.of(
                new Allocation(A, T, BigInteger.valueOf(5), "provider"), new Allocation(B, U, BigInteger.valueOf(7), "provider"),
                new Allocation(A, U, BigInteger.TEN, "provider")));
        StandardMerkleTree loaded = StandardMerkleTree.load(t.tree().dump());
        assertThat(loaded.rootHex()).isEqualTo(t.tree().rootHex());
        assertThat(t.tree().dump()).contains("\"format\":\"standard-v1\"").contains("\"leafEncoding\"");
        int i = t.indexOf(new CumulativeTree.Key(A, U));
        assertThat(i).isNotNegative();
        assertThat(StandardMerkleTree.verify(t.tree().root(), t.tree().leafHash(i), t.tree().proof(i))).isTrue();
        assertThat(StandardMerkleTree.verify(t.tree().root(),
                StandardMerkleTree.leafHash(CumulativeTree.LEAF_TYPES, List.of(A, U, BigInteger.valueOf(11))), t.tree().proof(i)))
                .as("a larger cumulative amount does not verify").isFalse();
    }

    @Test
    void leafIndex_isThePositionInTheCumulativeOrder_asEpochStoreRecordsIt() {
        java.util.List<Allocation> allocations = new java.util.ArrayList<>();
        for (int p = 0; p < 300; p++) {
            String earner = String.format("0x%040x", (p * 7919L) % 1_000);
            allocations.add(new Allocation(earner, p % 2 == 0 ? T : U, BigInteger.valueOf(p + 1), "provider"));
        }
        CumulativeTree t = CumulativeTree.build(new java.util.TreeMap<>(), allocations);
        int i = 0;
        for (CumulativeTree.Key k : t.cumulative().keySet()) {
            assertThat(t.indexOf(k)).isEqualTo(i);
            assertThat(t.tree().value(i)).containsExactly(k.earner(), k.token(), t.cumulative().get(k));
            i++;
        }
        assertThat(i).isEqualTo(t.tree().size());
    }
}
