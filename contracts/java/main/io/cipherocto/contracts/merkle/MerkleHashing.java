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
