package io.cipherocto.verifier.reexec;

import io.cipherocto.contracts.protocol.Attestation;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * The outcome of re-executing a job: passed iff the recomputed output hash equals the claimed one.
 *
 * <p>Evidence: {@code evidenceHash = keccak256(canonical spec bytes || claimedOutputHash || recomputedOutputHash)}; anyone
 * holding the spec can re-run it and check the claim.
 */
public record Verdict(Job job, byte[] specHash, byte[] recomputedOutputHash, String backend) {
    public Verdict {
        Objects.requireNonNull(job, "job");
        specHash = io.cipherocto.platform.kernel.Hash.requireBytes32("specHash", specHash);
        recomputedOutputHash = io.cipherocto.platform.kernel.Hash.requireBytes32("recomputedOutputHash", recomputedOutputHash);
        Objects.requireNonNull(backend, "backend");
    }

    public boolean passed() {
        return Arrays.equals(job.claimedOutputHash(), recomputedOutputHash);
    }

    @Override
    public byte[] specHash() {
        return specHash.clone();
    }

    @Override
    public byte[] recomputedOutputHash() {
        return recomputedOutputHash.clone();
    }

    public byte[] evidenceHash() {
        byte[] spec = job.spec().encode();
        byte[] buf = new byte[spec.length + 64];
        System.arraycopy(spec, 0, buf, 0, spec.length);
        System.arraycopy(job.claimedOutputHash(), 0, buf, spec.length, 32);
        System.arraycopy(recomputedOutputHash, 0, buf, spec.length + 32, 32);
        return Hash.sha3(buf);
    }

    /** The attestation the verifier signs for this verdict. */
    public Attestation attestation() {
        return new Attestation(job.epoch(), job.jobId(), job.provider(), job.role(), specHash, job.claimedOutputHash(),
                recomputedOutputHash, passed(), evidenceHash());
    }
}
