package io.cipherocto.verifier.cosign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.gpuverifier.input.MatmulInputs;
import io.cipherocto.gpuverifier.input.MlpInputs;
import io.cipherocto.gpuverifier.kernel.CpuBackend;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.gpuverifier.kernel.KernelBackend;
import io.cipherocto.gpuverifier.spec.MatmulParams;
import io.cipherocto.gpuverifier.spec.MlpParams;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.runtime.JobSource;
import io.cipherocto.verifier.sim.ProviderSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;

/** The peer side's checks: every refusal with its code, a signature only for what it recomputed itself. */
class CosignServiceTest {
    private static final Credentials PEER = DevAccounts.get(6);
    private static final String PROVIDER = DevAccounts.get(2).getAddress();
    private static final Eip712Domain DOMAIN = Attestation.domain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static final ReExecutor CPU = new ReExecutor(new JobExecutor(new CpuBackend()));

    private final ProviderSimulator cheater = new ProviderSimulator(Hash.sha3("cosign-unit".getBytes()),
            List.of(new ProviderSimulator.Provider(PROVIDER, 0, 1000)), new JobExecutor(new CpuBackend()));
    private final ProviderSimulator honest = new ProviderSimulator(Hash.sha3("cosign-unit-honest".getBytes()),
            List.of(new ProviderSimulator.Provider(PROVIDER, 0, 0)), new JobExecutor(new CpuBackend()));

    private boolean seedRecorded = true;
    private final java.util.Set<String> verifiers = new java.util.HashSet<>();
    private boolean sampled = true;
    private final List<Job> known = new ArrayList<>();
    private final List<String> unverifiable = new ArrayList<>();
    private Optional<Attestation> ownVerdict = Optional.empty();

    private CosignService service(ReExecutor reExecutor) {
        CosignService.EpochSamples chain = new CosignService.EpochSamples() {
            @Override
            public boolean seedRecorded(long epoch) {
                return seedRecorded;
            }

            @Override
            public boolean sampledInEpoch(long epoch, byte[] jobId) {
                return sampled;
            }

            @Override
            public boolean isVerifier(String address) {
                return verifiers.contains(address.toLowerCase(java.util.Locale.ROOT));
            }
        };
        JobSource jobs = new JobSource() {
            @Override
            public List<Job> jobsOf(long epoch) {
                return known.stream().filter(j -> j.epoch() == epoch).toList();
            }

            @Override
            public List<String> unverifiable(long epoch) {
                return unverifiable;
            }
        };
        return new CosignService(chain, jobs, (e, id) -> ownVerdict, reExecutor, new AttestationSigner(PEER, DOMAIN), 3);
    }

    private CosignService service() {
        return service(CPU);
    }

    private Job cheatingJob() {
        Job j = cheater.job(3, 0).job();
        known.add(j);
        return j;
    }

    private static ApiException refusal(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void failReproducedByItsOwnReExecution_isSigned_andTheSignatureRecoversToThisVerifier() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        assertThat(fail.passed()).isFalse();

        Cosignature c = service().cosign(fail);

        assertThat(c.signer()).isEqualToIgnoringCase(PEER.getAddress());
        assertThat(SignatureRecoveries.best().recoverAddress(fail.digest(DOMAIN), c.signatureBytes()))
                .hasValueSatisfying(a -> assertThat(a).isEqualToIgnoringCase(PEER.getAddress()));
    }

    @Test
    void passAttestation_isRefusedAsNotAFailure() {
        Job job = honest.job(3, 0).job();
        known.add(job);
        Attestation pass = CPU.verify(job).attestation();
        ApiException e = refusal(() -> service().cosign(pass));
        assertThat(e.code()).isEqualTo("not_a_failure");
        assertThat(e.status()).isEqualTo(422);

        Attestation fail = CPU.verify(cheatingJob()).attestation();
        Attestation saysFailedButHashesMatch = new Attestation(fail.epoch(), fail.jobId(), fail.provider(), fail.role(),
                fail.specHash(), fail.claimedOutputHash(), fail.claimedOutputHash(), false, fail.evidenceHash());
        assertThat(refusal(() -> service().cosign(saysFailedButHashesMatch)).code()).isEqualTo("not_a_failure");
    }

    @Test
    void epochWithoutRecordedSeed_isRefused() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        seedRecorded = false;
        ApiException e = refusal(() -> service().cosign(fail));
        assertThat(e.code()).isEqualTo("seed_not_recorded");
        assertThat(e.status()).isEqualTo(409);
    }

    @Test
    void jobOutsideTheEpochsSampleSet_isRefused() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        sampled = false;
        ApiException e = refusal(() -> service().cosign(fail));
        assertThat(e.code()).isEqualTo("not_sampled");
        assertThat(e.status()).isEqualTo(422);
    }

    @Test
    void jobUnknownToThisVerifier_isRefused() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        known.clear();
        ApiException e = refusal(() -> service().cosign(fail));
        assertThat(e.code()).isEqualTo("unknown_job");
        assertThat(e.status()).isEqualTo(404);
    }

    @Test
    void jobWhoseSpecIsUnknownHere_isRefusedAsNotVerifiable() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        known.clear();
        unverifiable.add(Hex.encode(fail.jobId()));
        assertThat(refusal(() -> service().cosign(fail)).code()).isEqualTo("job_not_verifiable");
    }

    @Test
    void jobThatCannotBeReExecutedHere_isRefusedAsNotVerifiable() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        ReExecutor noInputs = new ReExecutor(new JobExecutor(new Failing(new IllegalArgumentException("inputs unavailable"))));
        ApiException e = refusal(() -> service(noInputs).cosign(fail));
        assertThat(e.code()).isEqualTo("job_not_verifiable");
        assertThat(e.status()).isEqualTo(422);
    }

    @Test
    void attestationWhoseClaimOrProviderDiffersFromThisVerifiersReceipt_isRefused() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        Attestation otherClaim = new Attestation(fail.epoch(), fail.jobId(), fail.provider(), fail.role(), fail.specHash(),
                Hash.sha3("another claim".getBytes()), fail.recomputedOutputHash(), false, fail.evidenceHash());
        assertThat(refusal(() -> service().cosign(otherClaim)).code()).isEqualTo("job_mismatch");
        Attestation otherProvider = new Attestation(fail.epoch(), fail.jobId(), DevAccounts.get(3).getAddress(), fail.role(),
                fail.specHash(), fail.claimedOutputHash(), fail.recomputedOutputHash(), false, fail.evidenceHash());
        assertThat(refusal(() -> service().cosign(otherProvider)).code()).isEqualTo("job_mismatch");
    }

    @Test
    void failClaimedByAFaultyVerifier_whereOwnReExecutionMatchesTheProvider_isRefusedAsOutputsDisagree() {
        Job job = honest.job(3, 1).job();
        known.add(job);
        Attestation wrongFail = new ReExecutor(new JobExecutor(new Faulty())).verify(job).attestation();
        assertThat(wrongFail.passed()).as("the faulty verifier's verdict").isFalse();

        ApiException e = refusal(() -> service().cosign(wrongFail));

        assertThat(e.code()).isEqualTo("outputs_disagree");
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.getMessage()).contains("equal to the provider's claim");
    }

    @Test
    void attestationWithAnotherEvidenceHash_isRefused() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        Attestation otherEvidence = new Attestation(fail.epoch(), fail.jobId(), fail.provider(), fail.role(), fail.specHash(),
                fail.claimedOutputHash(), fail.recomputedOutputHash(), false, Hash.sha3("x".getBytes()));
        assertThat(refusal(() -> service().cosign(otherEvidence)).code()).isEqualTo("attestation_mismatch");
    }

    @Test
    void ownVerdictFromTheWorkTable_isReused_withoutReExecuting() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        ownVerdict = Optional.of(fail);
        Failing neverCalled = new Failing(new AssertionError("re-executed although a verdict exists"));

        Cosignature c = service(new ReExecutor(new JobExecutor(neverCalled))).cosign(fail);

        assertThat(c.signer()).isEqualToIgnoringCase(PEER.getAddress());
        assertThat(neverCalled.calls.get()).isZero();
    }

    @Test
    void wireFormat_roundTrips_andNamesAnInvalidField() {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        AttestationJson json = AttestationJson.of(fail);
        assertThat(json.jobId()).startsWith("0x").hasSize(66);
        assertThat(json.toAttestation()).isEqualTo(fail);
        AttestationJson bad = new AttestationJson(json.epoch(), "0x1234", json.provider(), json.role(), json.specHash(),
                json.claimedOutputHash(), json.recomputedOutputHash(), json.passed(), json.evidenceHash(), json.finder(),
                null);
        assertThatThrownBy(bad::toAttestation).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobId");
        AttestationJson missing = new AttestationJson(null, json.jobId(), json.provider(), json.role(), json.specHash(),
                json.claimedOutputHash(), json.recomputedOutputHash(), json.passed(), json.evidenceHash(), json.finder(),
                null);
        assertThatThrownBy(missing::toAttestation).hasMessageContaining("epoch");

        assertThat(refusal(() -> AttestationJson.parse("{\"epoch\": ")).code()).isEqualTo("malformed_json");
        assertThat(refusal(() -> AttestationJson.parse("")).code()).isEqualTo("malformed_json");
        assertThat(refusal(() -> AttestationJson.parse("{\"epoch\": \"three\"}")).code()).isEqualTo("invalid_field");
        assertThat(refusal(() -> AttestationJson.parse("{\"epoch\": 3}")).code()).isEqualTo("invalid_field");
    }

    @Test
    void finderAcceptsOnlyASignatureByADistinctRegisteredVerifierOverTheSameDigest() throws Exception {
        Attestation fail = CPU.verify(cheatingJob()).attestation();
        byte[] digest = fail.digest(DOMAIN);
        Cosignature good = service().cosign(fail);
        String peer = PEER.getAddress().toLowerCase();
        String me = DevAccounts.get(5).getAddress().toLowerCase();
        FailAttestationSubmitter.VerifierSet all = a -> true;

        assertThat(FailAttestationSubmitter.reject(digest, good, Set.of(me), all)).isEmpty();
        assertThat(FailAttestationSubmitter.reject(digest, good, Set.of(me, peer), all)).hasValueSatisfying(
                r -> assertThat(r).contains("signed already"));
        assertThat(FailAttestationSubmitter.reject(digest, good, Set.of(me), a -> false)).hasValueSatisfying(
                r -> assertThat(r).contains("not a registered verifier"));
        Cosignature claimsAnother = new Cosignature(me, good.signature());
        assertThat(FailAttestationSubmitter.reject(digest, claimsAnother, Set.of(), all)).hasValueSatisfying(
                r -> assertThat(r).contains("not by the claimed signer"));
        byte[] otherDigest = Hash.sha3("another attestation".getBytes());
        assertThat(FailAttestationSubmitter.reject(otherDigest, good, Set.of(me), all)).hasValueSatisfying(
                r -> assertThat(r).contains("not by the claimed signer"));
        assertThat(FailAttestationSubmitter.reject(digest, new Cosignature(peer, "0x12"), Set.of(me), all)).isPresent();
    }

    /** A broken backend (a bad GPU): the CPU result with the first output byte changed. */
    static final class Faulty implements KernelBackend {
        private final CpuBackend cpu = new CpuBackend();

        @Override
        public String name() {
            return "faulty";
        }

        @Override
        public byte[] mlpInt8(MlpParams params, MlpInputs inputs) {
            byte[] out = cpu.mlpInt8(params, inputs);
            out[0] ^= 0x5A;
            return out;
        }

        @Override
        public float[] matmulFp32(MatmulParams params, MatmulInputs inputs) {
            float[] out = cpu.matmulFp32(params, inputs);
            out[0] = out[0] + 1.0f;
            return out;
        }
    }

    /** A backend that throws (and counts the calls). */
    static final class Failing implements KernelBackend {
        final AtomicInteger calls = new AtomicInteger();
        private final Throwable error;

        Failing(Throwable error) {
            this.error = error;
        }

        @Override
        public String name() {
            return "failing";
        }

        @Override
        public byte[] mlpInt8(MlpParams params, MlpInputs inputs) {
            calls.incrementAndGet();
            throw sneaky(error);
        }

        @Override
        public float[] matmulFp32(MatmulParams params, MatmulInputs inputs) {
            calls.incrementAndGet();
            throw sneaky(error);
        }

        private static RuntimeException sneaky(Throwable t) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            throw (Error) t;
        }
    }

    // ------------------------------------------------------------------ authenticated requests (issue #14)

    private static final org.web3j.crypto.Credentials FINDER_KEY =
            org.web3j.crypto.Credentials.create("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");

    private byte[] signedByFinder(Attestation a) {
        return new AttestationSigner(FINDER_KEY, DOMAIN).sign(a).signature();
    }

    @Test
    void cosignRequest_byARegisteredVerifier_signingAsFinder_isServed() {
        verifiers.add(FINDER_KEY.getAddress().toLowerCase(java.util.Locale.ROOT));
        Attestation fail = CPU.verify(cheatingJob()).attestation().withFinder(FINDER_KEY.getAddress());
        Cosignature c = service().cosign(fail, signedByFinder(fail));
        assertThat(c.signer()).isEqualToIgnoringCase(PEER.getAddress());
    }

    @Test
    void cosignRequest_refusesMissingOrForeignFinderSignatures_with401_beforeAnyReExecution() {
        verifiers.add(FINDER_KEY.getAddress().toLowerCase(java.util.Locale.ROOT));
        Attestation fail = CPU.verify(cheatingJob()).attestation().withFinder(FINDER_KEY.getAddress());
        ReExecutor neverCalled = new ReExecutor(new JobExecutor(new Faulty())); // a re-execution would disagree
        assertThat(refusal(() -> service(neverCalled).cosign(fail, new byte[0])).code()).isEqualTo("bad_finder_signature");
        byte[] byPeer = new AttestationSigner(PEER, DOMAIN).sign(fail).signature();
        ApiException e = refusal(() -> service(neverCalled).cosign(fail, byPeer));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo("bad_finder_signature");
        // signed for another finder: the signature does not cover this attestation
        Attestation other = fail.withFinder(PEER.getAddress());
        assertThat(refusal(() -> service(neverCalled).cosign(fail, signedByFinder(other))).code())
                .isEqualTo("bad_finder_signature");
    }

    @Test
    void cosignRequest_fromAnAddressThatIsNotAVerifier_isRefused403() {
        Attestation fail = CPU.verify(cheatingJob()).attestation().withFinder(FINDER_KEY.getAddress());
        ApiException e = refusal(() -> service().cosign(fail, signedByFinder(fail)));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("finder_not_verifier");
    }

    @Test
    void cosignRequests_beyondTheFindersPerMinuteAllowance_areRefused429WithRetryAfter() {
        verifiers.add(FINDER_KEY.getAddress().toLowerCase(java.util.Locale.ROOT));
        Attestation fail = CPU.verify(cheatingJob()).attestation().withFinder(FINDER_KEY.getAddress());
        CosignService s = service();
        for (int i = 0; i < 3; i++) {
            s.cosign(fail, signedByFinder(fail));
        }
        ApiException e = refusal(() -> s.cosign(fail, signedByFinder(fail)));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo("too_many_requests");
        assertThat(e.retryAfterSeconds()).hasValueSatisfying(v -> assertThat(v).isBetween(1L, 60L));
    }
}
