package io.cipherocto.contracts.merkle.bench;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Plain timing and heap of a 1,000,000-leaf build (JMH measures time; this measures memory):
 * heap used by the inputs, peak heap during the build (sum of the heap pools' peaks: includes garbage not yet
 * collected, an upper bound), heap retained by the tree, build times, and the time of all proofs.
 * Usage: java -Xmx... MerkleHeapProbe [leaves] [builds] [dump]
 */
public final class MerkleHeapProbe {
    private MerkleHeapProbe() {
    }

    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int builds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<List<?>> values = MerkleTreeBenchmark.randomLeaves(n, 4);
        long inputs = usedAfterGc();
        System.out.printf("leaves %,d; max heap %d MB; heap used by the inputs (after GC) %d MB%n",
                n, Runtime.getRuntime().maxMemory() >> 20, inputs >> 20);
        StandardMerkleTree tree = null;
        for (int b = 0; b < builds; b++) {
            tree = null;
            usedAfterGc();
            resetPeaks();
            long c0 = cpuNanos();
            long t0 = System.nanoTime();
            tree = StandardMerkleTree.of(values, MerkleTreeBenchmark.ENCODING);
            long t1 = System.nanoTime();
            long c1 = cpuNanos();
            System.out.printf("build %d: %.0f ms wall, %.0f ms CPU (process, all threads incl. GC/JIT), peak heap during build %d MB (inputs included)%n",
                    b + 1, (t1 - t0) / 1e6, (c1 - c0) / 1e6, peakHeap() >> 20);
        }
        long retained = usedAfterGc() - inputs;
        System.out.printf("heap retained by the tree (after GC, minus inputs) %d MB; root %s%n", retained >> 20, tree.rootHex());
        for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < n; i++) {
                sink += tree.proof(i).size();
            }
            long t1 = System.nanoTime();
            System.out.printf("all %,d proofs: %.0f ms (%.2f us each, %d nodes)%n", n, (t1 - t0) / 1e6, (t1 - t0) / 1e3 / n, sink);
        }
        long t0 = System.nanoTime();
        int bad = 0;
        byte[] root = tree.root();
        for (int i = 0; i < n; i++) {
            if (!StandardMerkleTree.verify(root, tree.leafHash(i), tree.proof(i))) {
                bad++;
            }
        }
        if (args.length > 2 && args[2].equals("dump")) {
            long d0 = System.nanoTime();
            String dump = tree.dump();
            long d1 = System.nanoTime();
            StandardMerkleTree loaded = StandardMerkleTree.load(dump);
            long d2 = System.nanoTime();
            System.out.printf("dump(): %.0f ms, %d MB of JSON; load() (parse + validate): %.0f ms, same root %b%n",
                    (d1 - d0) / 1e6, dump.length() >> 20, (d2 - d1) / 1e6, loaded.rootHex().equals(tree.rootHex()));
        }
        System.out.printf("verify() of all %,d proofs: %.0f ms, %d failed%n", n, (System.nanoTime() - t0) / 1e6, bad);
    }
}
