package io.cipherocto.verifier.work;

import io.cipherocto.verifier.reexec.Job;
import java.util.Objects;

/** A job an instance holds under a lease; {@code attempts} counts claims including this one. */
public record ClaimedJob(Job job, String claimedBy, int attempts) {
    public ClaimedJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(claimedBy, "claimedBy");
    }
}
