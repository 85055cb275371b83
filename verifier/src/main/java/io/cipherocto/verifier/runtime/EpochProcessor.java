package io.cipherocto.verifier.runtime;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.contracts.protocol.PassCommitment;
import io.cipherocto.verifier.cosign.FailAttestationStore;
import io.cipherocto.verifier.cosign.FailAttestationSubmitter;
import io.cipherocto.verifier.cosign.PeerClient;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.contracts.protocol.SampleRule;
import io.cipherocto.verifier.work.VerifierWorker;
import io.cipherocto.verifier.work.WorkQueue;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One verifier operator's work on one closed epoch, resumable at every step:
 *
 * <ol>
 *   <li>the epoch's seed: read it from the AttestationRegistry, or record it (anyone may, once settlement has committed
 *       the epoch's receipts; until then the epoch waits, and it is never skipped: protocol v2 has no seed deadline);</li>
 *   <li>the sample set: the epoch's jobs (from the {@link JobSource}) for which DESIGN's rule
 *       {@code keccak256(abi.encode(seed, jobId)) % 1e18 < samplingRateWad} holds, queued once;</li>
 *   <li>re-execution: the queue is drained by every instance of this verifier ({@link VerifierWorker});</li>
 *   <li>attestation: each fail attestation collects the registry's quorum of verifier signatures (this operator's and
 *       co-signatures of other operators, {@link FailAttestationSubmitter}) and is submitted with its evidence (which
 *       slashes the provider and pays this verifier as finder); one short of its quorum stays open and is retried by
 *       {@link #retryOpenFails} without holding the epoch back. Pass attestations are committed as one Merkle root.
 *       Before each transaction the chain is asked whether it already happened (a crash between sending and
 *       recording repeats nothing).</li>
 * </ol>
 */
public final class EpochProcessor {
    private static final Logger LOG = Logger.getLogger(EpochProcessor.class);
    private static final byte[] ZERO = new byte[32];

    private final AttestationRegistry registry;
    private final Pool pool;
    private final WorkQueue queue;
    private final VerifierWorker worker;
    private final JobSource jobs;
    private final AttestationSigner signer;
    private final Eip712Domain domain;
    private final FailAttestationSubmitter failSubmitter;

    /** Without peers: fail attestations are submitted only where the registry's quorum is 1. */
    public EpochProcessor(AttestationRegistry registry, Pool pool, WorkQueue queue, VerifierWorker worker, JobSource jobs,
            AttestationSigner signer, Eip712Domain domain) {
        this(registry, pool, queue, worker, jobs, signer, domain, new FailAttestationSubmitter(registry,
                new FailAttestationStore(pool), signer, domain, List.of(), new PeerClient(Duration.ofSeconds(60)),
                DEFAULT_FAIL_RETRY_EPOCHS, Duration.ofSeconds(60), jobs, null));
    }

    /** With {@code failSubmitter} collecting fail-attestation quorums across verifier operators. */
    public EpochProcessor(AttestationRegistry registry, Pool pool, WorkQueue queue, VerifierWorker worker, JobSource jobs,
            AttestationSigner signer, Eip712Domain domain, FailAttestationSubmitter failSubmitter) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.failSubmitter = Objects.requireNonNull(failSubmitter, "failSubmitter");
    }

    /** {@code octo.verifier.fail-retry-epochs} by default. */
    public static final long DEFAULT_FAIL_RETRY_EPOCHS = 16;

    /**
     * Retries the fail attestations of earlier epochs still short of their quorum (peers down or disagreeing when the
     * epoch was attested); gives up on those more than the configured number of epochs before {@code currentEpoch}.
     * Returns how many are still open.
     */
    public int retryOpenFails(long currentEpoch) throws Exception {
        int open = failSubmitter.retryOpen(queue, currentEpoch);
        failSubmitter.executeDue();
        return open;
    }

    /** What {@link #process} did. */
    public enum Outcome { NOT_CLOSED, WORKING, DONE, SKIPPED }

    /** Advances the epoch as far as it can now; DONE or SKIPPED once nothing is left to do. */
    public Outcome process(long epoch, long head) throws Exception {
        Optional<String> status = status(epoch);
        if (status.isPresent() && !status.get().equals("sampling")) {
            return status.get().equals("done") ? Outcome.DONE : Outcome.SKIPPED;
        }
        BigInteger e = BigInteger.valueOf(epoch);
        long closing = registry.closingBlock(e).send().longValueExact();
        if (head <= closing) {
            return Outcome.NOT_CLOSED;
        }
        if (status.isEmpty()) {
            byte[] seed = registry.epochSeed(e).send();
            if (Arrays.equals(seed, ZERO)) {
                // Protocol v2: the seed exists only after settlement has committed the epoch's receipts; anyone may
                // record it then, and there is no deadline (an epoch is never skipped for a missed seed).
                try {
                    registry.recordEpochSeed(e).send();
                } catch (Exception ex) {
                    LOG.debugf("recordEpochSeed(%d): %s (not committed yet, or someone else recorded it)", epoch, ex.getMessage());
                }
                seed = registry.epochSeed(e).send();
                if (Arrays.equals(seed, ZERO)) {
                    return Outcome.WORKING;
                }
            }
            BigInteger rate = registry.epochSamplingRateWad(e).send();
            List<Job> sampled = new ArrayList<>();
            for (Job j : jobs.jobsOf(epoch)) {
                if (SampleRule.sampled(seed, j.jobId(), rate)) {
                    sampled.add(j);
                }
            }
            queue.enqueue(sampled);
            mark(epoch, seed, sampled.size(), "sampling", null);
            if (sampled.isEmpty()) {
                LOG.debugf("verifier: epoch %d closed at block %d: nothing sampled", epoch, closing);
            } else {
                LOG.infof("verifier: epoch %d closed at block %d: %d jobs sampled (rate %s wad)", epoch, closing, sampled.size(), rate);
            }
        }
        while (queue.open(epoch) > 0) {
            if (worker.runBatch().claimed() == 0) {
                return Outcome.WORKING; // others hold the rest: come back later
            }
        }
        attest(epoch);
        return Outcome.DONE;
    }

    private void attest(long epoch) throws Exception {
        BigInteger e = BigInteger.valueOf(epoch);
        List<Attestation> all = queue.attestations(epoch);
        List<Attestation> passes = all.stream().filter(Attestation::passed).toList();
        List<Attestation> fails = all.stream().filter(a -> !a.passed()).toList();
        for (Attestation fail : fails) {
            // slashes now when the quorum is reached; else stays open (verifier.fail_attestations) for retryOpenFails
            failSubmitter.advance(fail, epoch);
        }
        // Committed even when empty (zero root, count 0): the commitment also says this verifier has finished the
        // epoch, so settlement need not wait for its deadline (docs/settlement.md "Verdicts").
        AttestationRegistry.PassCommitment existing = registry.passCommitment(e, signer.address()).send();
        if (existing.committedAt.signum() == 0) {
            byte[] root = passes.isEmpty() ? ZERO : PassCommitment.of(epoch, passes, domain).root();
            registry.commitPassAttestations(e, root, BigInteger.valueOf(passes.size())).send();
        }
        pool.preparedQuery("UPDATE verifier.epochs SET status = 'done', passes = $2, fails = $3, updated_at = now() WHERE epoch = $1")
                .executeAndAwait(Tuple.of(epoch, passes.size(), fails.size()));
        if (!all.isEmpty()) {
            LOG.infof("verifier: epoch %d attested: %d pass, %d fail", epoch, passes.size(), fails.size());
        }
    }

    private Optional<String> status(long epoch) {
        var it = pool.preparedQuery("SELECT status FROM verifier.epochs WHERE epoch = $1").executeAndAwait(Tuple.of(epoch)).iterator();
        return it.hasNext() ? Optional.of(it.next().getString(0)) : Optional.empty();
    }

    private void mark(long epoch, byte[] seed, int sampled, String status, String detail) {
        pool.preparedQuery("INSERT INTO verifier.epochs (epoch, seed, sampled, status, detail) VALUES ($1, $2, $3, $4, $5) "
                + "ON CONFLICT (epoch) DO NOTHING")
                .executeAndAwait(Tuple.tuple(java.util.Arrays.asList(epoch, Buffer.buffer(seed), sampled, status, detail)));
    }
}
