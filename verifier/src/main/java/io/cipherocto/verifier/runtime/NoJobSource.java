package io.cipherocto.verifier.runtime;

import io.cipherocto.verifier.reexec.Job;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** Without a settlement module in the process there are no receipts to verify. */
@ApplicationScoped
public class NoJobSource {
    @Produces
    @DefaultBean
    @ApplicationScoped
    JobSource none() {
        return new JobSource() {
            @Override
            public List<Job> jobsOf(long epoch) {
                return List.of();
            }
        };
    }
}
