package io.cipherocto.contracts.protocol;

import java.util.List;
import java.util.Objects;

/**
 * One receipt of a committed epoch as settlement serves it to verifiers ({@code GET /api/v1/epochs/{n}/jobs}): the
 * fields of its leaf in the epoch's receipts tree (job id, provider, role, requester, spec hash, output hash, work
 * units, fee; addresses and hashes lower-case 0x-hex, amounts decimal wei) and the leaf's inclusion proof against the
 * receipts root committed on chain. Anyone can check a job with {@link JobPage#verify}.
 */
public record EpochJob(String jobId, String provider, int role, String requester, String specHash, String outputHash,
        String workUnits, String fee, List<String> proof) {
    public EpochJob {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(outputHash, "outputHash");
        Objects.requireNonNull(workUnits, "workUnits");
        Objects.requireNonNull(fee, "fee");
        proof = List.copyOf(proof);
    }
}
