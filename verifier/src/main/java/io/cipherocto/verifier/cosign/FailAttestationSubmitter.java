package io.cipherocto.verifier.cosign;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.attestation.SignedAttestation;
import io.cipherocto.verifier.chain.RegistryStructs;
import io.cipherocto.contracts.protocol.ReceiptProof;
import io.cipherocto.verifier.runtime.JobSource;
import io.cipherocto.verifier.work.WorkQueue;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The finder side of a fail attestation: collects the registry's quorum of verifier signatures across operators and
 * submits it with its evidence ({@code submitFailAttestation}, which slashes the provider and pays this operator the
 * finder share). One {@link #advance} is one attempt:
 *
 * <ol>
 *   <li>nothing to do when the chain says the job is already slashed (by this operator earlier, or another finder);</li>
 *   <li>its own signature, plus the co-signatures stored by earlier attempts (re-checked: each must still recover to a
 *       registered verifier);</li>
 *   <li>while fewer than {@code quorum}: each configured peer not yet holding a stored signature is asked
 *       ({@link PeerClient}); a signature is kept only when it recovers, over the same digest, to the signer it
 *       claims, a registered verifier ({@code isVerifier}) distinct from every signer held (this operator included),
 *       and is stored at once, so a restart neither loses it nor asks that peer again;</li>
 *   <li>with the quorum: {@code slashed} is checked again, then the signatures are submitted in ascending signer
 *       order ({@link AttestationSigner#quorumSignatures}); without it the attestation stays open
 *       ({@code verifier.fail_attestations.status = 'collecting'}, with the reasons in {@code last_error}) and is
 *       retried by {@link #retryOpen} on later cycles, until more than {@code retryEpochs} epochs have passed
 *       ({@code expired}). The epoch's pass commitment never waits for it.</li>
 * </ol>
 */
public final class FailAttestationSubmitter {
    private static final Logger LOG = Logger.getLogger(FailAttestationSubmitter.class);

    /** The state an attempt left the fail attestation in. */
    public enum Result { SLASHED, OPEN, EXPIRED }

    /** Whether an address is a registered verifier (the registry's {@code isVerifier}). */
    public interface VerifierSet {
        boolean isVerifier(String address) throws Exception;
    }

    private final AttestationRegistry registry;
    private final FailAttestationStore store;
    private final AttestationSigner signer;
    private final Eip712Domain domain;
    private final List<String> peers;
    private final PeerClient client;
    private final long retryEpochs;
    private final Duration retryInterval;
    private final JobSource proofs;
    private final Optional<org.web3j.protocol.Web3j> web3j;

    /**
     * @param peers base URLs of the other verifier operators ({@code octo.verifier.peers})
     * @param retryEpochs an open fail attestation is given up (expired) once more than this many epochs have passed
     * @param retryInterval the least time between two attempts of {@link #retryOpen} on one attestation
     */
    public FailAttestationSubmitter(AttestationRegistry registry, FailAttestationStore store, AttestationSigner signer,
            Eip712Domain domain, List<String> peers, PeerClient client, long retryEpochs, Duration retryInterval) {
        this(registry, store, signer, domain, peers, client, retryEpochs, retryInterval, new JobSource() {
            @Override
            public List<io.cipherocto.verifier.reexec.Job> jobsOf(long epoch) {
                return List.of();
            }
        }, null);
    }

    /**
     * @param proofs where the receipts' inclusion proofs come from ({@link JobSource#receiptProof})
     * @param web3j for the registry's struct views and the chain time ({@link #executeDue}); null disables executeDue
     */
    public FailAttestationSubmitter(AttestationRegistry registry, FailAttestationStore store, AttestationSigner signer,
            Eip712Domain domain, List<String> peers, PeerClient client, long retryEpochs, Duration retryInterval,
            JobSource proofs, org.web3j.protocol.Web3j web3j) {
        this.proofs = Objects.requireNonNull(proofs, "proofs");
        this.web3j = Optional.ofNullable(web3j);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.peers = Objects.requireNonNull(peers, "peers").stream().map(PeerClient::base).filter(p -> !p.isEmpty())
                .distinct().toList();
        this.client = Objects.requireNonNull(client, "client");
        if (retryEpochs < 0) {
            throw new IllegalArgumentException("retryEpochs must be >= 0, got " + retryEpochs);
        }
        this.retryEpochs = retryEpochs;
        this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
    }

    /** One attempt at bringing a fail attestation (found by this operator) on chain; {@code currentEpoch} bounds retries. */
    public Result advance(Attestation found, long currentEpoch) throws Exception {
        Objects.requireNonNull(found, "fail");
        if (found.passed()) {
            throw new IllegalArgumentException("not a fail attestation: " + found);
        }
        // This operator is the finder: bound into what every verifier signs (protocol v2).
        Attestation fail = found.withFinder(signer.address());
        long epoch = fail.epoch();
        byte[] jobId = fail.jobId();
        BigInteger e = BigInteger.valueOf(epoch);
        store.open(epoch, jobId);
        if (registry.slashed(e, jobId).send()) {
            store.slashed(epoch, jobId, null, null, 0);
            return Result.SLASHED;
        }
        if (registry.failedInEpoch(e, fail.provider()).send()) {
            // another job of the provider in the epoch was slashed: at most one slash per (provider, role, epoch)
            store.expired(epoch, jobId, "provider " + fail.provider() + " already slashed in epoch " + epoch
                    + " (one slash per provider, role and epoch)");
            return Result.EXPIRED;
        }
        if (currentEpoch - epoch > retryEpochs) {
            String why = Optional.ofNullable(store.state(epoch, jobId).map(FailAttestationStore.State::lastError).orElse(null))
                    .orElse("quorum not reached");
            store.expired(epoch, jobId, why);
            LOG.errorf("verifier: epoch %d job %s (provider %s): fail attestation given up after %d epochs without a quorum of "
                    + "verifier signatures: %s (evidence kept in verifier.work)", epoch, Hex.encode(jobId), fail.provider(),
                    retryEpochs, why);
            return Result.EXPIRED;
        }
        int quorum = registry.quorum().send().intValueExact();
        byte[] digest = fail.digest(domain);
        Map<String, SignedAttestation> held = new LinkedHashMap<>(); // lower-case signer -> signature
        List<String> problems = new ArrayList<>();
        String me = signer.address().toLowerCase(Locale.ROOT);
        if (!registry.isVerifier(me).send()) {
            String why = "this operator's key " + me + " is not a registered verifier: it can neither sign nor submit";
            store.attempted(epoch, jobId, quorum, 0, why);
            LOG.errorf("verifier: epoch %d job %s: %s", epoch, Hex.encode(jobId), why);
            return Result.OPEN;
        }
        held.put(me, signer.sign(fail));
        VerifierSet verifiers = a -> registry.isVerifier(a).send();
        List<String> peersHeld = new ArrayList<>();
        for (FailAttestationStore.Stored s : store.cosignatures(epoch, jobId)) {
            Optional<String> rejected = reject(digest, new Cosignature(s.signer(), Hex.encode(s.signature())), held.keySet(),
                    verifiers);
            if (rejected.isPresent()) {
                store.dropCosignature(epoch, jobId, s.signer());
                problems.add("stored signature of " + s.signer() + " dropped: " + rejected.get());
                continue;
            }
            held.put(s.signer(), new SignedAttestation(fail, s.signer(), s.signature()));
            peersHeld.add(s.peer());
        }
        for (String peer : peers) {
            if (held.size() >= quorum) {
                break;
            }
            if (peersHeld.contains(peer)) {
                continue;
            }
            switch (client.ask(peer, fail, held.get(me).signature())) {
                case PeerClient.Answer.Signed(Cosignature c) -> {
                    Optional<String> rejected = reject(digest, c, held.keySet(), verifiers);
                    if (rejected.isPresent()) {
                        problems.add(peer + ": signature not accepted: " + rejected.get());
                    } else {
                        String who = c.signer().toLowerCase(Locale.ROOT);
                        store.addCosignature(epoch, jobId, who, c.signatureBytes(), peer);
                        held.put(who, new SignedAttestation(fail, who, c.signatureBytes()));
                        peersHeld.add(peer);
                        LOG.infof("verifier: epoch %d job %s: co-signed by %s (%s), %d of %d signatures", epoch,
                                Hex.encode(jobId), who, peer, held.size(), quorum);
                    }
                }
                case PeerClient.Answer.Refused(int status, String code, String message) ->
                        problems.add(peer + ": refused " + code + " (" + status + "): " + message);
                case PeerClient.Answer.Failed(String reason) -> problems.add(peer + ": " + reason);
            }
        }
        if (held.size() < quorum) {
            String why = held.size() + " of " + quorum + " verifier signatures"
                    + (peers.isEmpty() ? "; no peers configured (octo.verifier.peers)" : "")
                    + (problems.isEmpty() ? "" : "; " + String.join("; ", problems));
            store.attempted(epoch, jobId, quorum, held.size(), why);
            LOG.warnf("verifier: epoch %d job %s (provider %s) failed re-execution but the fail attestation has %s; kept "
                    + "open and retried on later cycles (until epoch %d)", epoch, Hex.encode(jobId), fail.provider(), why,
                    epoch + retryEpochs);
            return Result.OPEN;
        }
        if (registry.slashed(e, jobId).send()) {
            store.slashed(epoch, jobId, null, quorum, held.size());
            return Result.SLASHED;
        }
        Optional<ReceiptProof> proof = proofs.receiptProof(epoch, jobId);
        if (proof.isEmpty()) {
            String why = "no inclusion proof of the receipt against the epoch's committed receipts root";
            store.attempted(epoch, jobId, quorum, held.size(), why);
            LOG.warnf("verifier: epoch %d job %s: %s; retried later", epoch, Hex.encode(jobId), why);
            return Result.OPEN;
        }
        try {
            TransactionReceipt r = registry.submitFailAttestation(RegistryStructs.toStruct(fail),
                    RegistryStructs.toStruct(proof.get()),
                    AttestationSigner.quorumSignatures(new ArrayList<>(held.values()))).send();
            store.slashed(epoch, jobId, r.getTransactionHash(), quorum, held.size());
            store.queued(epoch, jobId, Hex.encode(slashId(epoch, fail.provider(), fail.role())));
            LOG.warnf("verifier: epoch %d: slash of provider %s queued for a wrong output (fail attestation with %d verifier "
                    + "signatures submitted, tx %s); executed after the veto window", epoch, fail.provider(), held.size(),
                    r.getTransactionHash());
            return Result.SLASHED;
        } catch (Exception ex) {
            if (registry.slashed(e, jobId).send()) {
                store.slashed(epoch, jobId, null, quorum, held.size());
                return Result.SLASHED;
            }
            // refused (e.g. the provider has left) or not sent: keep it open, the evidence and signatures stay stored
            String why = "submission failed: " + ex.getMessage();
            store.attempted(epoch, jobId, quorum, held.size(), why);
            LOG.errorf("verifier: epoch %d: fail attestation for provider %s not submitted: %s", epoch, fail.provider(),
                    ex.getMessage());
            return Result.OPEN;
        }
    }

    /** keccak256(abi.encode(epoch, provider, role)): the registry's id of a queued slash. */
    public static byte[] slashId(long epoch, String provider, int role) {
        return org.web3j.crypto.Hash.sha3(io.cipherocto.contracts.eip712.Words.concat(
                io.cipherocto.contracts.eip712.Words.uint(epoch), io.cipherocto.contracts.eip712.Words.address(provider),
                io.cipherocto.contracts.eip712.Words.uint(role)));
    }

    /**
     * Executes the slashes this operator queued once their veto window has passed (anyone may; the finder does it so
     * that a slash never waits for a stranger). A slash a guardian cancelled, or someone else executed, is only marked.
     * Returns how many were executed now.
     */
    public int executeDue() throws Exception {
        if (web3j.isEmpty()) {
            return 0;
        }
        int executed = 0;
        for (FailAttestationStore.Queued q : store.queued()) {
            byte[] id = io.cipherocto.platform.kernel.Hex.decode(q.slashId());
            QueuedSlashView v = queuedSlash(id);
            if (v.status() == 2 || v.status() == 3) {
                store.executed(q.epoch(), q.jobId(), v.status() == 2 ? "executed" : "cancelled");
                continue;
            }
            long now = latestTimestamp();
            if (v.status() != 1 || now < v.executableAt()) {
                continue;
            }
            try {
                TransactionReceipt r = registry.executeSlash(id).send();
                store.executed(q.epoch(), q.jobId(), "executed");
                executed++;
                LOG.warnf("verifier: epoch %d: slash %s executed after its veto window (tx %s)", q.epoch(), q.slashId(),
                        r.getTransactionHash());
            } catch (Exception ex) {
                LOG.warnf("verifier: executing slash %s failed: %s", q.slashId(), ex.getMessage());
            }
        }
        return executed;
    }

    /** The fields of {@code queuedSlash(id)} the finder needs: status (1 queued, 2 executed, 3 cancelled), executableAt. */
    record QueuedSlashView(int status, long executableAt) {
    }

    private QueuedSlashView queuedSlash(byte[] id) throws Exception {
        String data = org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function("queuedSlash",
                List.of(new org.web3j.abi.datatypes.generated.Bytes32(id)), List.of()));
        String out = web3j().ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(null,
                registry.getContractAddress(), data), org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getValue();
        String hex = org.web3j.utils.Numeric.cleanHexPrefix(out);
        if (hex.length() < 64 * 5) {
            throw new IllegalStateException("queuedSlash() returned " + out);
        }
        return new QueuedSlashView(new BigInteger(hex.substring(256, 320), 16).intValueExact(),
                new BigInteger(hex.substring(192, 256), 16).longValueExact());
    }

    private long latestTimestamp() throws Exception {
        return web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    private org.web3j.protocol.Web3j web3j() {
        return web3j.orElseThrow();
    }

    /**
     * Retries the fail attestations left open by earlier attempts (their last attempt at least the retry interval
     * ago). Returns how many are still open.
     */
    public int retryOpen(WorkQueue queue, long currentEpoch) throws Exception {
        int open = 0;
        for (FailAttestationStore.Key k : store.open(retryInterval)) {
            Optional<Attestation> fail = queue.attestation(k.epoch(), k.jobId());
            if (fail.isEmpty() || fail.get().passed()) {
                store.expired(k.epoch(), k.jobId(), "no fail verdict in verifier.work any more");
                continue;
            }
            if (advance(fail.get(), currentEpoch) == Result.OPEN) {
                open++;
            }
        }
        return open;
    }

    /**
     * Why a peer's co-signature is not accepted, or empty when it is: it must recover over {@code digest} to the
     * signer it claims, a registered verifier not among {@code held} (lower-case addresses, this operator included).
     */
    public static Optional<String> reject(byte[] digest, Cosignature c, Set<String> held, VerifierSet verifiers)
            throws Exception {
        byte[] sig;
        try {
            sig = c.signatureBytes();
        } catch (IllegalArgumentException ex) {
            return Optional.of(ex.getMessage());
        }
        Optional<String> recovered = SignatureRecoveries.best().recoverAddress(digest, sig);
        if (recovered.isEmpty()) {
            return Optional.of("the signature does not recover (malformed or high-s)");
        }
        String who = recovered.get().toLowerCase(Locale.ROOT);
        if (!who.equalsIgnoreCase(c.signer())) {
            return Optional.of("the signature is by " + who + ", not by the claimed signer " + c.signer());
        }
        if (held.contains(who)) {
            return Optional.of(who + " has signed already");
        }
        if (!verifiers.isVerifier(who)) {
            return Optional.of(who + " is not a registered verifier");
        }
        return Optional.empty();
    }

    /** The configured peers, normalised. */
    public List<String> peers() {
        return peers;
    }
}
