package io.cipherocto.contracts.merkle;

/**
 * Which Keccak path {@link StandardMerkleTree} takes: {@link Keccak256Lanes} (several hashes per vector instruction)
 * when this JVM was started with {@code --add-modules jdk.incubator.vector} and the Vector API has at least 4 long
 * lanes here, else the scalar {@link Keccak256}. Both give the same bits. {@code -Docto.merkle.vector=false} forces
 * the scalar path. Decided once, at first use.
 */
final class MerkleHashing {
    /** Whether the lane path is used by default. */
    static final boolean VECTOR = detect();

    private MerkleHashing() {
    }

    private static final java.util.concurrent.atomic.AtomicBoolean WARMING = new java.util.concurrent.atomic.AtomicBoolean();
    /** Permutations the warm-up runs: far past C2's thresholds for {@code Keccak256Lanes.round}. */
    static final int WARM_UP_PERMUTATIONS = 40_000;

    /**
     * Starts, once, a low-priority daemon thread that runs the lane permutation until C2 has compiled it. Until then
     * each vector operation allocates and a permutation costs tens of microseconds: a first large tree in a fresh JVM
     * pays about a second for it (measured: 200,000 leaves 1.2 s cold against about 0.1 s warm). No-op on the scalar
     * path. Returns the thread, if one was started.
     */
    static java.util.Optional<Thread> warmUp() {
        if (!VECTOR || !WARMING.compareAndSet(false, true)) {
            return java.util.Optional.empty();
        }
        Thread t = Thread.ofPlatform().daemon().name("merkle-lanes-warm-up").priority(Thread.MIN_PRIORITY).unstarted(() -> {
            long[] st = Keccak256Lanes.newState();
            for (int i = 0; i < WARM_UP_PERMUTATIONS; i++) {
                Keccak256Lanes.permute(st);
            }
        });
        t.start();
        return java.util.Optional.of(t);
    }

    private static boolean detect() {
        if ("false".equals(System.getProperty("octo.merkle.vector"))
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return Keccak256Lanes.LANES >= 4;
        } catch (LinkageError e) { // module present but unusable: stay scalar
            return false;
        }
    }
}
