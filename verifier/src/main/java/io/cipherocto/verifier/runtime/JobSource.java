package io.cipherocto.verifier.runtime;

import io.cipherocto.verifier.reexec.Job;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where the verifier learns an epoch's jobs: every accepted receipt of the epoch with its spec (the verifier samples
 * them itself from the epoch seed). Settlement provides the implementation over its receipts; a receipt whose spec
 * is unknown is left out (it cannot be re-executed) and reported by {@link #unverifiable(long)}.
 */
public interface JobSource {
    /** The epoch's jobs whose spec is known. Called once the epoch is closed, when its receipt set is final. */
    List<Job> jobsOf(long epoch);

    /**
     * One job of the epoch (a co-sign request names it; see {@code CosignService}). The default looks it up in
     * {@link #jobsOf}; an implementation with an index should answer directly.
     */
    default Optional<Job> job(long epoch, byte[] jobId) {
        return jobsOf(epoch).stream().filter(j -> Arrays.equals(j.jobId(), jobId)).findFirst();
    }

    /**
     * The receipt's leaf fields that an attestation does not carry and its inclusion proof against the epoch's
     * receipts root committed on chain (protocol v2): a fail attestation is submitted with it. Empty when unknown.
     */
    default Optional<io.cipherocto.contracts.protocol.ReceiptProof> receiptProof(long epoch, byte[] jobId) {
        return Optional.empty();
    }

    /** Receipts of the epoch whose spec is unknown (job ids, 0x-hex). */
    default List<String> unverifiable(long epoch) {
        return List.of();
    }
}
