package io.cipherocto.contracts.protocol;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The pass attestations one verifier committed for one epoch ({@code GET /api/v1/verifier/epochs/{n}/passes}), in the
 * order of its commitment: with them anyone recomputes the root the verifier committed on chain
 * ({@code passCommitment(epoch, verifier)}) and so checks every pass verdict without trusting the server. Hashes are
 * 0x-hex; an epoch in which the verifier passed nothing has no attestations and the zero root.
 */
public record PassAttestations(long epoch, String verifier, List<Item> attestations) {
    private static final byte[] ZERO = new byte[32];

    /** One pass attestation's fields (IAttestationRegistry.Attestation with passed = true). */
    public record Item(String jobId, String provider, int role, String specHash, String claimedOutputHash,
            String recomputedOutputHash, String evidenceHash, String finder) {
        static Item of(Attestation a) {
            return new Item(hex(a.jobId()), a.provider(), a.role(), hex(a.specHash()), hex(a.claimedOutputHash()),
                    hex(a.recomputedOutputHash()), hex(a.evidenceHash()), a.finder());
        }

        Attestation toAttestation(long epoch) {
            return new Attestation(epoch, bytes(jobId), provider, role, bytes(specHash), bytes(claimedOutputHash),
                    bytes(recomputedOutputHash), true, bytes(evidenceHash), finder == null ? Attestation.NO_FINDER : finder);
        }
    }

    public PassAttestations {
        Objects.requireNonNull(verifier, "verifier");
        attestations = List.copyOf(attestations);
    }

    public static PassAttestations of(long epoch, String verifier, List<Attestation> passes) {
        return new PassAttestations(epoch, verifier, passes.stream().map(Item::of).toList());
    }

    /** The attestations; IllegalArgumentException when a field is malformed. */
    public List<Attestation> toAttestations() {
        return attestations.stream().map(i -> i.toAttestation(epoch)).toList();
    }

    /** The root of these attestations' commitment (the zero root for none). */
    public byte[] root(Eip712Domain registryDomain) {
        List<Attestation> list = toAttestations();
        return list.isEmpty() ? ZERO.clone() : PassCommitment.of(epoch, list, registryDomain).root();
    }

    /** Whether these attestations are exactly the ones committed under {@code committedRoot} with {@code count}. */
    public boolean matches(byte[] committedRoot, long count, Eip712Domain registryDomain) {
        try {
            return count == attestations.size() && Arrays.equals(root(registryDomain), committedRoot);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hex(byte[] b) {
        return Hex.encode(b);
    }

    private static byte[] bytes(String h) {
        Objects.requireNonNull(h, "hex field");
        try {
            return Hex.decode(h, 32);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not 32 bytes of 0x-hex: " + h);
        }
    }
}
