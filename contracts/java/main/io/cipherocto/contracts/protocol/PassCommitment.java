package io.cipherocto.contracts.protocol;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.kernel.Hex;
import java.util.List;
import java.util.Objects;

/**
 * A verifier's commitment to its pass attestations of one epoch ({@code commitPassAttestations(epoch, root, count)}):
 * an OpenZeppelin standard Merkle tree with one {@code bytes32} leaf per pass attestation, the leaf value being the
 * attestation's EIP-712 digest. Anyone holding an attestation and its proof can check it against the root on chain.
 */
public final class PassCommitment {
    private static final List<String> LEAF = List.of("bytes32");

    private final long epoch;
    private final StandardMerkleTree tree;

    private PassCommitment(long epoch, StandardMerkleTree tree) {
        this.epoch = epoch;
        this.tree = tree;
    }

    /**
     * @throws IllegalArgumentException when {@code passes} is empty, or holds a failure or another epoch's attestation
     */
    public static PassCommitment of(long epoch, List<Attestation> passes, Eip712Domain registryDomain) {
        Objects.requireNonNull(passes, "passes");
        Objects.requireNonNull(registryDomain, "registryDomain");
        if (passes.isEmpty()) {
            throw new IllegalArgumentException("no pass attestations to commit");
        }
        for (Attestation a : passes) {
            if (!a.passed()) {
                throw new IllegalArgumentException("not a pass attestation: " + a);
            }
            if (a.epoch() != epoch) {
                throw new IllegalArgumentException("attestation of epoch " + a.epoch() + " in the commitment of epoch " + epoch);
            }
        }
        List<List<String>> leaves = passes.stream().map(a -> List.of(Hex.encode(a.digest(registryDomain)))).toList();
        return new PassCommitment(epoch, StandardMerkleTree.of(leaves, LEAF));
    }

    public long epoch() {
        return epoch;
    }

    public byte[] root() {
        return tree.root();
    }

    public int count() {
        return tree.size();
    }

    /** The standard-v1 dump of the tree (to publish next to the on-chain root). */
    public String dump() {
        return tree.dump();
    }

    /** The proof of the attestation with this digest. */
    public List<byte[]> proof(byte[] digest) {
        int i = tree.indexOf(List.of(Hex.encode(Objects.requireNonNull(digest, "digest"))));
        return tree.proof(i);
    }

    /** Whether {@code digest} with {@code proof} is a leaf under {@code root}. */
    public static boolean verify(byte[] root, byte[] digest, List<byte[]> proof) {
        return StandardMerkleTree.verify(root, StandardMerkleTree.leafHash(LEAF, List.of(Hex.encode(digest))), proof);
    }
}
