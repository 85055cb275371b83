package io.cipherocto.contracts.protocol;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Words;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.EpochId;
import io.cipherocto.platform.kernel.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * The Proof-of-Useful-Work attestation of {@code IAttestationRegistry.Attestation}, as EIP-712 typed data under the
 * registry's domain ("CipherOcto AttestationRegistry", "2", chainId, registry). {@code finder} is bound into the signed
 * struct (protocol v2): the finder share of a slash goes to it whoever submits, so front-running gains nothing; pass
 * attestations and unsigned verdicts carry the zero address until the finder names itself ({@link #withFinder}). {@code epoch} is a uint64 held in a
 * non-negative long (epochs beyond 2^63 - 1 are not representable here).
 */
public record Attestation(long epoch, byte[] jobId, String provider, int role, byte[] specHash, byte[] claimedOutputHash,
        byte[] recomputedOutputHash, boolean passed, byte[] evidenceHash, String finder) {
    public static final String TYPE = "Attestation(uint64 epoch,bytes32 jobId,address provider,uint8 role,bytes32 specHash,"
            + "bytes32 claimedOutputHash,bytes32 recomputedOutputHash,bool passed,bytes32 evidenceHash,address finder)";
    public static final String NO_FINDER = "0x0000000000000000000000000000000000000000";
    public static final byte[] TYPEHASH = Hash.sha3(TYPE.getBytes(StandardCharsets.UTF_8));
    public static final String DOMAIN_NAME = "CipherOcto AttestationRegistry";
    public static final String DOMAIN_VERSION = "2";

    public Attestation {
        EpochId.require(epoch);
        jobId = bytes32("jobId", jobId);
        Objects.requireNonNull(provider, "provider");
        if (!Address.isValid(provider)) {
            throw new IllegalArgumentException("provider is not an address: " + provider);
        }
        if (role < 0 || role > 255) {
            throw new IllegalArgumentException("role is a uint8, got " + role);
        }
        specHash = bytes32("specHash", specHash);
        claimedOutputHash = bytes32("claimedOutputHash", claimedOutputHash);
        recomputedOutputHash = bytes32("recomputedOutputHash", recomputedOutputHash);
        evidenceHash = bytes32("evidenceHash", evidenceHash);
        Objects.requireNonNull(finder, "finder");
        if (!Address.isValid(finder)) {
            throw new IllegalArgumentException("finder is not an address: " + finder);
        }
        finder = finder.toLowerCase(java.util.Locale.ROOT);
    }

    /** An attestation without a finder yet (pass attestations; a fail before its finder names itself). */
    public Attestation(long epoch, byte[] jobId, String provider, int role, byte[] specHash, byte[] claimedOutputHash,
            byte[] recomputedOutputHash, boolean passed, byte[] evidenceHash) {
        this(epoch, jobId, provider, role, specHash, claimedOutputHash, recomputedOutputHash, passed, evidenceHash, NO_FINDER);
    }

    /** The same attestation naming {@code finderAddress} as its finder. */
    public Attestation withFinder(String finderAddress) {
        return new Attestation(epoch, jobId, provider, role, specHash, claimedOutputHash, recomputedOutputHash, passed,
                evidenceHash, finderAddress);
    }

    /** The registry's EIP-712 domain. */
    public static Eip712Domain domain(long chainId, String registry) {
        return new Eip712Domain(DOMAIN_NAME, DOMAIN_VERSION, chainId, registry);
    }

    public byte[] structHash() {
        return Hash.sha3(Words.concat(TYPEHASH, Words.uint(epoch), jobId, Words.address(provider), Words.uint(role),
                specHash, claimedOutputHash, recomputedOutputHash, Words.bool(passed), evidenceHash, Words.address(finder)));
    }

    /** What {@code AttestationRegistry.attestationDigest} returns: keccak256(0x1901 || separator || structHash). */
    public byte[] digest(Eip712Domain registryDomain) {
        return Objects.requireNonNull(registryDomain, "registryDomain").digest(structHash());
    }

    private static byte[] bytes32(String name, byte[] b) {
        return io.cipherocto.platform.kernel.Hash.requireBytes32(name, b);
    }

    @Override
    public byte[] jobId() {
        return jobId.clone();
    }

    @Override
    public byte[] specHash() {
        return specHash.clone();
    }

    @Override
    public byte[] claimedOutputHash() {
        return claimedOutputHash.clone();
    }

    @Override
    public byte[] recomputedOutputHash() {
        return recomputedOutputHash.clone();
    }

    @Override
    public byte[] evidenceHash() {
        return evidenceHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attestation a && epoch == a.epoch && Arrays.equals(jobId, a.jobId)
                && provider.equalsIgnoreCase(a.provider) && role == a.role && Arrays.equals(specHash, a.specHash)
                && Arrays.equals(claimedOutputHash, a.claimedOutputHash)
                && Arrays.equals(recomputedOutputHash, a.recomputedOutputHash) && passed == a.passed
                && Arrays.equals(evidenceHash, a.evidenceHash) && finder.equals(a.finder);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, Arrays.hashCode(jobId), provider.toLowerCase(java.util.Locale.ROOT), role, passed);
    }

    @Override
    public String toString() {
        return "Attestation[epoch=" + epoch + ", jobId=" + Hex.encode(jobId) + ", provider=" + provider + ", role="
                + role + ", passed=" + passed + ", claimed=" + Hex.encode(claimedOutputHash) + ", recomputed="
                + Hex.encode(recomputedOutputHash) + ", finder=" + finder + "]";
    }
}
