package io.cipherocto.verifier.cosign;

import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.runtime.JobSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The peer operator's receipts in CosignQuorumIT (replaces the default empty JobSource of the Quarkus app): the test
 * decides which jobs the peer knows, and counts the co-sign requests that got as far as looking a job up.
 */
@ApplicationScoped
public class PeerJobs implements JobSource {
    static final List<Job> KNOWN = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();

    static int lookups(byte[] jobId) {
        return LOOKUPS.getOrDefault(HexFormat.of().formatHex(jobId), new AtomicInteger()).get();
    }

    @Override
    public List<Job> jobsOf(long epoch) {
        return KNOWN.stream().filter(j -> j.epoch() == epoch).toList();
    }

    @Override
    public Optional<Job> job(long epoch, byte[] jobId) {
        LOOKUPS.computeIfAbsent(HexFormat.of().formatHex(jobId), k -> new AtomicInteger()).incrementAndGet();
        return KNOWN.stream().filter(j -> j.epoch() == epoch && Arrays.equals(j.jobId(), jobId)).findFirst();
    }
}
