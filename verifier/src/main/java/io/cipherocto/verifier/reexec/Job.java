package io.cipherocto.verifier.reexec;

import io.cipherocto.gpuverifier.spec.JobSpec;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.EpochId;
import io.cipherocto.platform.kernel.Hash;
import java.util.Objects;

/**
 * A job as the verifier sees it from a receipt: id, epoch, provider and role, the spec, and the output hash the
 * provider claims.
 */
public record Job(byte[] jobId, long epoch, String provider, int role, JobSpec spec, byte[] claimedOutputHash) {
    public Job {
        jobId = Hash.requireBytes32("jobId", jobId);
        EpochId.require(epoch);
        Objects.requireNonNull(provider, "provider");
        if (!Address.isValid(provider)) {
            throw new IllegalArgumentException("provider is not an address: " + provider);
        }
        if (role < 0 || role > 255) {
            throw new IllegalArgumentException("role is a uint8, got " + role);
        }
        Objects.requireNonNull(spec, "spec");
        claimedOutputHash = Hash.requireBytes32("claimedOutputHash", claimedOutputHash);
    }

    @Override
    public byte[] jobId() {
        return jobId.clone();
    }

    @Override
    public byte[] claimedOutputHash() {
        return claimedOutputHash.clone();
    }
}
