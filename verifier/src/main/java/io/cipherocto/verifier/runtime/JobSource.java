package io.cipherocto.verifier.runtime;

import io.cipherocto.verifier.reexec.Job;
import java.util.List;

/**
 * Where the verifier learns an epoch's jobs: every accepted receipt of the epoch with its spec (the verifier samples
 * them itself from the epoch seed). Settlement provides the implementation over its receipts; a receipt whose spec
 * is unknown is left out (it cannot be re-executed) and reported by {@link #unverifiable(long)}.
 */
public interface JobSource {
    /** The epoch's jobs whose spec is known. Called once the epoch is closed, when its receipt set is final. */
    List<Job> jobsOf(long epoch);

    /** Receipts of the epoch whose spec is unknown (job ids, 0x-hex). */
    default List<String> unverifiable(long epoch) {
        return List.of();
    }
}
