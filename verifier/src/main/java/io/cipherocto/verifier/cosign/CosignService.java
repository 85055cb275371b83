package io.cipherocto.verifier.cosign;

import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.attestation.SignedAttestation;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.runtime.JobSource;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The peer side of fail-attestation quorums: another verifier operator (the finder) asks this one to co-sign a fail
 * attestation ({@code POST /api/v1/verifier/cosign}). Nothing the caller says is trusted: this operator signs only
 * what it recomputed itself. In order, each check refusing with its code ({@link ApiException}, nothing signed):
 *
 * <ol>
 *   <li>{@code not_a_failure} (422): the attestation says passed, or its claimed and recomputed hashes are equal;</li>
 *   <li>{@code seed_not_recorded} (409): the epoch's seed is not on chain yet (retry later);
 *       {@code not_sampled} (422): the job is not in the epoch's sample set ({@code isSampledInEpoch});</li>
 *   <li>{@code unknown_job} (404): this operator's {@link JobSource} does not know the job;
 *       {@code job_not_verifiable} (422): it knows the receipt but not its spec, or the inputs cannot be resolved;
 *       {@code job_mismatch} (422): provider, role, specHash or claimed output hash differ from its own receipt;</li>
 *   <li>re-execution: its own verdict from {@code verifier.work} when it has one for (epoch, jobId), else the job is
 *       re-executed now ({@link ReExecutor}); {@code outputs_disagree} (422) unless its recomputed output hash equals
 *       the attestation's (e.g. its re-execution matches the provider's claim); {@code attestation_mismatch} (422) if
 *       another field (the evidence hash) is not what it computes;</li>
 *   <li>only then it signs its own attestation (equal to the request) with its verifier key.</li>
 * </ol>
 */
public final class CosignService {
    private static final Logger LOG = Logger.getLogger(CosignService.class);

    /** What the chain says about an epoch's sample set. */
    public interface EpochSamples {
        boolean seedRecorded(long epoch) throws Exception;

        boolean sampledInEpoch(long epoch, byte[] jobId) throws Exception;

        /** Whether {@code address} is a registered verifier (the registry's {@code isVerifier}). */
        default boolean isVerifier(String address) throws Exception {
            return false;
        }

        static EpochSamples of(AttestationRegistry registry) {
            Objects.requireNonNull(registry, "registry");
            return new EpochSamples() {
                @Override
                public boolean seedRecorded(long epoch) throws Exception {
                    return !Arrays.equals(registry.epochSeed(BigInteger.valueOf(epoch)).send(), new byte[32]);
                }

                @Override
                public boolean sampledInEpoch(long epoch, byte[] jobId) throws Exception {
                    return registry.isSampledInEpoch(BigInteger.valueOf(epoch), jobId).send();
                }

                @Override
                public boolean isVerifier(String address) throws Exception {
                    return registry.isVerifier(address).send();
                }
            };
        }
    }

    /** This operator's own finished verdicts ({@code WorkQueue::attestation}). */
    public interface OwnVerdicts {
        Optional<Attestation> attestation(long epoch, byte[] jobId);
    }

    private final EpochSamples chain;
    private final JobSource jobs;
    private final OwnVerdicts own;
    private final ReExecutor reExecutor;
    private final AttestationSigner signer;
    private final CosignLimiter limiter;

    public CosignService(EpochSamples chain, JobSource jobs, OwnVerdicts own, ReExecutor reExecutor,
            AttestationSigner signer) {
        this(chain, jobs, own, reExecutor, signer, DEFAULT_REQUESTS_PER_MINUTE);
    }

    /** Default of {@code octo.verifier.cosign-requests-per-minute}: co-sign requests accepted per finder and minute. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 120;

    /** @param requestsPerMinute co-sign requests accepted per finder and minute (more: 429 too_many_requests) */
    public CosignService(EpochSamples chain, JobSource jobs, OwnVerdicts own, ReExecutor reExecutor,
            AttestationSigner signer, int requestsPerMinute) {
        this.limiter = new CosignLimiter(requestsPerMinute, System::currentTimeMillis);
        this.chain = Objects.requireNonNull(chain, "chain");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.own = Objects.requireNonNull(own, "own");
        this.reExecutor = Objects.requireNonNull(reExecutor, "reExecutor");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /** This operator's verifier address (the signer of every co-signature). */
    public String signer() {
        return signer.address();
    }

    /**
     * A co-sign request from another verifier: only a registered verifier may ask, and only for an attestation it
     * signed itself as its finder ({@code finderSignature}: 65 bytes over the attestation's EIP-712 digest, recovering
     * to {@code a.finder()}); at most {@code requestsPerMinute} per finder. Refusals: 400 {@code not_a_failure} first
     * (as below), 401 {@code bad_finder_signature}, 403 {@code finder_not_verifier}, 429 {@code too_many_requests};
     * then every check of {@link #cosign(Attestation)}.
     */
    public Cosignature cosign(Attestation a, byte[] finderSignature) {
        Objects.requireNonNull(a, "attestation");
        requireFailure(a);
        if (finderSignature == null || finderSignature.length != 65 || !io.cipherocto.platform.crypto.SignatureRecoveries.best()
                .recoverAddress(a.digest(signer.domain()), finderSignature).map(a.finder()::equalsIgnoreCase).orElse(false)) {
            throw ApiException.unauthorized("bad_finder_signature", "finderSignature must be the finder's (" + a.finder()
                    + ") 65-byte signature over the attestation's EIP-712 digest");
        }
        try {
            if (!chain.isVerifier(a.finder())) {
                throw ApiException.forbidden("finder_not_verifier", a.finder() + " is not a registered verifier");
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.unavailable("chain_unavailable", "cannot read the AttestationRegistry: " + e.getMessage());
        }
        java.util.OptionalLong wait = limiter.acquire(a.finder());
        if (wait.isPresent()) {
            throw ApiException.tooManyRequests("too_many_requests", "too many co-sign requests from " + a.finder()
                    + " this minute", wait.getAsLong());
        }
        return cosign(a);
    }

    /** Checks the fail attestation against this operator's own data and re-execution, and signs it, or refuses. */
    Cosignature cosign(Attestation a) {
        Objects.requireNonNull(a, "attestation");
        String job = Hex.encode(a.jobId());
        requireFailure(a);
        try {
            if (!chain.seedRecorded(a.epoch())) {
                throw ApiException.conflict("seed_not_recorded", "the seed of epoch " + a.epoch() + " is not recorded on chain");
            }
            if (!chain.sampledInEpoch(a.epoch(), a.jobId())) {
                throw ApiException.unprocessable("not_sampled", "job " + job + " is not in the sample set of epoch " + a.epoch());
            }
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw ApiException.unavailable("chain_unavailable", "cannot read the AttestationRegistry: " + e.getMessage());
        }
        Optional<Job> known = jobs.job(a.epoch(), a.jobId());
        if (known.isEmpty()) {
            if (jobs.unverifiable(a.epoch()).stream().anyMatch(job::equalsIgnoreCase)) {
                throw ApiException.unprocessable("job_not_verifiable", "job " + job + " is known here but its spec is not");
            }
            throw ApiException.notFound("unknown_job", "this verifier knows no job " + job + " in epoch " + a.epoch());
        }
        Job j = known.get();
        if (!j.provider().equalsIgnoreCase(a.provider()) || j.role() != a.role()
                || !Arrays.equals(j.spec().specHash(), a.specHash()) || !Arrays.equals(j.claimedOutputHash(), a.claimedOutputHash())) {
            throw ApiException.unprocessable("job_mismatch", "job " + job + " has another provider, role, specHash or "
                    + "claimed output hash in this verifier's receipts");
        }
        // The finder is the requester's to name (it is paid the finder share); everything else must be ours.
        Attestation mine = own.attestation(a.epoch(), a.jobId()).orElseGet(() -> reExecute(j)).withFinder(a.finder());
        if (!Arrays.equals(mine.recomputedOutputHash(), a.recomputedOutputHash())) {
            LOG.warnf("verifier: co-sign refused for epoch %d job %s: own re-execution gives %s, the request says %s", a.epoch(),
                    job, Hex.encode(mine.recomputedOutputHash()), Hex.encode(a.recomputedOutputHash()));
            throw ApiException.unprocessable("outputs_disagree", "this verifier's re-execution gives output hash "
                    + Hex.encode(mine.recomputedOutputHash()) + (mine.passed() ? " (equal to the provider's claim)" : "")
                    + ", not " + Hex.encode(a.recomputedOutputHash()));
        }
        if (!mine.equals(a)) {
            throw ApiException.unprocessable("attestation_mismatch",
                    "the attestation differs from the one this verifier computes (evidenceHash " + Hex.encode(mine.evidenceHash()) + ")");
        }
        SignedAttestation signed = signer.sign(mine);
        LOG.infof("verifier: co-signed the fail attestation of epoch %d job %s (provider %s)", a.epoch(), job, a.provider());
        return Cosignature.of(signed.signer(), signed.signature());
    }

    private static void requireFailure(Attestation a) {
        if (a.passed() || Arrays.equals(a.claimedOutputHash(), a.recomputedOutputHash())) {
            throw ApiException.unprocessable("not_a_failure",
                    "only fail attestations are co-signed (passed = false, claimed != recomputed output hash)");
        }
    }

    private Attestation reExecute(Job j) {
        try {
            return reExecutor.verify(j).attestation();
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable("job_not_verifiable", "the job cannot be re-executed here: " + e.getMessage());
        }
    }
}
