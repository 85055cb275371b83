package io.cipherocto.contracts.merkle.bench;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * StandardMerkleTree of {@code leaves} random {@code (address, uint256)} leaves (issue #4: 1,000,000): the build, and
 * one proof (a different leaf each call). Run with contracts/tools/bench-merkle.sh, never by surefire.
 */
@State(Scope.Benchmark)
public class MerkleTreeBenchmark {
    static final List<String> ENCODING = List.of("address", "uint256");

    @Param("1000000")
    public int leaves;

    List<List<?>> values;
    StandardMerkleTree tree;
    int next;

    /** Random leaves like an airdrop's: lowercase addresses, amounts up to 2^96. */
    public static List<List<?>> randomLeaves(int n, long seed) {
        Random rnd = new Random(seed);
        char[] hex = "0123456789abcdef".toCharArray();
        List<List<?>> out = new ArrayList<>(n);
        char[] a = new char[42];
        a[0] = '0';
        a[1] = 'x';
        for (int i = 0; i < n; i++) {
            for (int k = 2; k < 42; k++) {
                a[k] = hex[rnd.nextInt(16)];
            }
            out.add(List.of(new String(a), new BigInteger(96, rnd)));
        }
        return out;
    }

    @Setup(Level.Trial)
    public void setUp() {
        values = randomLeaves(leaves, 4);
        tree = StandardMerkleTree.of(values, ENCODING);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public StandardMerkleTree build() {
        return StandardMerkleTree.of(values, ENCODING);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<byte[]> proof() {
        int i = next;
        next = i + 1 == leaves ? 0 : i + 1;
        return tree.proof(i);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void proofHex(Blackhole bh) {
        int i = next;
        next = i + 1 == leaves ? 0 : i + 1;
        bh.consume(tree.proofHex(i));
    }
}
