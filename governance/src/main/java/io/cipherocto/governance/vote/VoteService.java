package io.cipherocto.governance.vote;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.governance.GovernanceConfig;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.ballot.BallotDigests;
import io.cipherocto.governance.ballot.BallotParser;
import io.cipherocto.governance.ballot.BallotSubmission;
import io.cipherocto.governance.ballot.DomainFields;
import io.cipherocto.governance.chain.ChainVotes;
import io.cipherocto.governance.chain.ProposalState;
import io.cipherocto.governance.chain.ProposalTimes;
import io.cipherocto.governance.store.BallotRecord;
import io.cipherocto.governance.store.DuplicateBallotException;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.crypto.SignatureRecovery;
import io.cipherocto.platform.crypto.SignatureRecoveries;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * Validates a signed ballot and stores it for relay. Each refusal is an {@link ApiException} thrown before anything
 * is stored. Order: client rate limit, size and schema, EIP-712 domain, signature (ECDSA, else ERC-1271 for contract
 * wallets), voter rate limit, nonce, proposal Active, member with voting power at the snapshot, not voted yet (on chain
 * or in flight).
 */
@ApplicationScoped
public class VoteService {
    private static final Logger LOG = Logger.getLogger(VoteService.class);

    @Inject
    GovernanceRuntime runtime;

    @Inject
    GovernanceConfig config;

    private SignatureRecovery recovery;
    private Optional<TokenBuckets> clientLimits = Optional.empty();
    private Optional<TokenBuckets> voterLimits = Optional.empty();

    @PostConstruct
    void init() {
        recovery = SignatureRecoveries.best();
        GovernanceConfig.RateLimit rl = config.rateLimit();
        if (rl.enabled()) {
            clientLimits = Optional.of(new TokenBuckets(rl.clientPerSecond(), rl.clientBurst(), 100_000));
            voterLimits = Optional.of(new TokenBuckets(rl.voterPerSecond(), rl.voterBurst(), 1_000_000));
        }
        LOG.infof("governance ballots: signature recovery %s", recovery.name());
    }

    public int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    /** Charges one request to the client's bucket (429 too_many_requests when empty). */
    public void chargeClient(String client) {
        Objects.requireNonNull(client, "client");
        clientLimits.ifPresent(l -> limit(l, client, "client " + client));
    }

    /**
     * Validates one ballot (refusals are thrown before anything is stored) and stores it; the stage completes once
     * the ballot is committed to PostgreSQL (group commit), or fails with an {@link ApiException}.
     *
     * @param body the raw request body (already checked against {@link #maxBodyBytes()})
     */
    public CompletionStage<AcceptedBallot> submit(byte[] body) {
        Objects.requireNonNull(body, "body");
        if (body.length > config.maxBodyBytes()) {
            throw ApiException.payloadTooLarge("body_too_large", "body exceeds " + config.maxBodyBytes() + " bytes");
        }
        BallotSubmission b = BallotParser.parse(body);
        ChainVotes chain = runtime.chain();
        Eip712Domain domain = chain.gateway().domain();
        b.domain().ifPresent(d -> checkDomain(d, domain));
        byte[] digest = BallotDigests.digest(b, domain);
        checkSignature(chain, b, digest);
        // Charged only for ballots the voter really signed: nobody can spend another voter's allowance.
        voterLimits.ifPresent(l -> limit(l, b.voter(), "voter " + b.voter()));

        PendingBallots.VoterBallots open = runtime.pending().of(b.voter());
        synchronized (open) {
            checkNonce(chain, b, open);
            ProposalTimes p = chain.proposal(b.proposalId()).orElseThrow(() -> ApiException.unprocessable(
                    "unknown_proposal", "no proposal " + b.proposalId() + " on the governor"));
            if (p.state() != ProposalState.Active) {
                throw ApiException.conflict("proposal_not_active", "proposal " + b.proposalId() + " is " + p.state()
                        + " (voting runs from timestamp " + p.snapshot() + " to " + p.deadline() + ")");
            }
            checkVotingPower(chain, b, p);
            if (open.hasOpen(b.proposalId()) || chain.hasVoted(b.proposalId(), b.voter())) {
                throw ApiException.conflict("already_voted", b.voter() + " already voted on proposal " + b.proposalId());
            }
            open.add(b.nonce(), b.proposalId()); // reserved now, released again if the insert fails
        }
        UUID id = UUID.randomUUID();
        CompletableFuture<AcceptedBallot> answer = new CompletableFuture<>();
        runtime.store().insert(BallotRecord.queued(id, b.proposalId(), b.support(), b.voter(), b.nonce(),
                b.signature(), b.reason())).whenComplete((ok, error) -> {
                    if (error == null) {
                        answer.complete(new AcceptedBallot(id));
                        return;
                    }
                    synchronized (open) {
                        open.remove(b.nonce(), b.proposalId());
                    }
                    answer.completeExceptionally(storeFailure(error));
                });
        return answer;
    }

    private void checkDomain(DomainFields d, Eip712Domain governor) {
        if (d.chainId().isPresent() && d.chainId().get() != governor.chainId()) {
            throw ApiException.unprocessable("wrong_chain_id", "domain.chainId " + d.chainId().get()
                    + " is not this chain's (" + governor.chainId() + ")");
        }
        if (d.verifyingContract().isPresent() && !d.verifyingContract().get().equalsIgnoreCase(governor.verifyingContract())) {
            throw ApiException.unprocessable("wrong_verifying_contract", "domain.verifyingContract "
                    + d.verifyingContract().get() + " is not the governor (" + governor.verifyingContract() + ")");
        }
        if (d.name().isPresent() && !d.name().get().equals(governor.name())
                || d.version().isPresent() && !d.version().get().equals(governor.version())) {
            throw ApiException.unprocessable("wrong_domain", "domain name/version must be \"" + governor.name()
                    + "\"/\"" + governor.version() + "\"");
        }
    }

    private void checkSignature(ChainVotes chain, BallotSubmission b, byte[] digest) {
        Optional<String> signer = recovery.recoverAddress(digest, b.signature());
        if (signer.isPresent() && signer.get().equals(b.voter())) {
            return;
        }
        // A contract wallet (EIP-1271) signs with its own rules; the governor accepts it the same way.
        if (chain.gateway().hasCode(b.voter()) && chain.gateway().isValidErc1271(b.voter(), digest, b.signature())) {
            return;
        }
        throw ApiException.unprocessable("bad_signature", "the signature is not the voter's over this ballot"
                + " (EIP-712 " + (b.reason().isPresent() ? "ExtendedBallot" : "Ballot") + " under the governor's domain)");
    }

    private void checkNonce(ChainVotes chain, BallotSubmission b, PendingBallots.VoterBallots open) {
        BigInteger expected = open.expectedNonce(chain.nonce(b.voter()));
        if (!expected.equals(b.nonce()) && expected.compareTo(chain.nonce(b.voter())) > 0) {
            // Our in-flight view may be stale (a ballot relayed or failed by another instance): re-read it once.
            expected = runtime.pending().reload(b.voter()).expectedNonce(chain.nonce(b.voter()));
        }
        if (!expected.equals(b.nonce())) {
            throw ApiException.conflict("nonce_mismatch", "nonce " + b.nonce() + " is not the voter's next ballot nonce ("
                    + expected + ")");
        }
    }

    private void checkVotingPower(ChainVotes chain, BallotSubmission b, ProposalTimes p) {
        BigInteger power = chain.votingPowerAt(b.voter(), p.snapshot());
        if (power.signum() > 0) {
            return;
        }
        if (!chain.isMember(b.voter())) {
            throw ApiException.unprocessable("not_a_member", b.voter() + " is not a registered member");
        }
        throw ApiException.unprocessable("no_voting_power", b.voter() + " had no member stake at the proposal snapshot ("
                + p.snapshot() + ")");
    }

    private static ApiException storeFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DuplicateBallotException d) {
            return d.sameNonce()
                    ? ApiException.conflict("nonce_mismatch", "a ballot with this nonce is already in flight")
                    : ApiException.conflict("already_voted", "a ballot of this voter on this proposal is already in flight");
        }
        LOG.error("cannot store ballot", cause);
        return ApiException.unavailable("store_unavailable", "the ballot could not be stored; try again");
    }

    private static void limit(TokenBuckets buckets, String key, String who) {
        long wait = buckets.take(key);
        if (wait > 0) {
            throw ApiException.tooManyRequests("too_many_requests", "rate limit for " + who + "; retry in " + wait + " s", wait);
        }
    }
}
