package io.cipherocto.governance;

import static io.cipherocto.governance.GovernanceTestSupport.accept;
import static io.cipherocto.governance.GovernanceTestSupport.assertRefused;
import static io.cipherocto.governance.GovernanceTestSupport.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.cipherocto.contracts.eip712.Ballot;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.governance.relay.Relayer;
import io.cipherocto.governance.relay.RelayerWorker;
import io.cipherocto.governance.store.BallotStatus;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/** POST /api/v1/governance/votes against anvil and embedded PostgreSQL: each refusal stores nothing. */
@QuarkusTest
@WithTestResource(GovernanceTestEnvironment.class)
class VoteSubmissionTest {
    @Inject
    GovernanceRuntime runtime;

    @Inject
    RelayerWorker worker;

    DevChain chain;
    Credentials proposer;

    @BeforeEach
    void connect() {
        chain = DevChain.fromConfig();
        proposer = chain.newAccount();
    }

    private Credentials member(long octo) {
        Credentials c = chain.newAccount();
        chain.registerMember(c, DevChain.octo(octo));
        return c;
    }

    private Relayer relayer() {
        return GovernanceTestSupport.relayer(worker, Duration.ofMinutes(10));
    }

    @Test
    void postVote_acceptsSignedBallot_andRelayerCountsItWithSqrtWeight() throws Exception {
        Credentials voter = member(40_000);
        BigInteger pid = chain.activeProposal(proposer, "accept " + UUID.randomUUID());

        UUID id = accept(chain.signedBallot(voter, pid, Ballot.FOR));
        given().get(GovernanceTestSupport.VOTES + "/" + id).then().statusCode(200)
                .body("status", equalTo("queued")).body("voter", equalTo(chain.lower(voter.getAddress())));

        GovernanceTestSupport.drain(runtime, relayer());

        given().get(GovernanceTestSupport.VOTES + "/" + id).then().statusCode(200)
                .body("status", equalTo("confirmed")).body("txHash", notNullValue());
        // sqrt(40,000e18) = 2e11 voting-power units, as the contract counts.
        var tallies = chain.governor().proposalVotes(pid).send();
        assertThat(tallies.component2()).isEqualTo(BigInteger.valueOf(200_000_000_000L));
        assertThat(chain.governor().hasVoted(pid, voter.getAddress()).send()).isTrue();
    }

    @Test
    void postVote_withReason_isRelayedWithReasonAndCounted() throws Exception {
        Credentials voter = member(10_000);
        BigInteger pid = chain.activeProposal(proposer, "reason " + UUID.randomUUID());
        String reason = "cheaper claims";
        BigInteger nonce = chain.nonce(voter.getAddress());
        byte[] digest = chain.domain().digest(extendedStructHash(pid, Ballot.AGAINST, voter.getAddress(), nonce, reason));
        byte[] sig = io.cipherocto.contracts.eip712.Signatures.sign(digest, voter.getEcKeyPair());
        String body = "{\"proposalId\":\"" + pid + "\",\"support\":0,\"voter\":\"" + voter.getAddress()
                + "\",\"nonce\":\"" + nonce + "\",\"signature\":\"" + Numeric.toHexString(sig) + "\",\"reason\":\"" + reason + "\"}";
        UUID id = accept(body);
        GovernanceTestSupport.drain(runtime, relayer());
        assertThat(GovernanceTestSupport.status(runtime, id)).isEqualTo(BallotStatus.CONFIRMED);
        assertThat(chain.governor().proposalVotes(pid).send().component1()).isEqualTo(BigInteger.valueOf(100_000_000_000L));
    }

    private static byte[] extendedStructHash(BigInteger pid, int support, String voter, BigInteger nonce, String reason) {
        // Independent of the production code: abi.encode by hand.
        String typeHash = org.web3j.crypto.Hash.sha3String(
                "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)");
        String enc = typeHash.substring(2) + word(pid) + word(BigInteger.valueOf(support))
                + word(Numeric.toBigInt(voter)) + word(nonce) + org.web3j.crypto.Hash.sha3String(reason).substring(2)
                + org.web3j.crypto.Hash.sha3("0x").substring(2);
        return org.web3j.crypto.Hash.sha3(Numeric.hexStringToByteArray(enc));
    }

    private static String word(BigInteger v) {
        return Numeric.toHexStringNoPrefixZeroPadded(v, 64);
    }

    @Test
    void postVote_rejectsReplayedNonce_withNonceMismatch() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "replay " + UUID.randomUUID());
        String body = chain.signedBallot(voter, pid, Ballot.FOR);
        accept(body);
        assertRefused(runtime, body, 409, "nonce_mismatch"); // in flight
        GovernanceTestSupport.drain(runtime, relayer());
        assertRefused(runtime, body, 409, "nonce_mismatch"); // used on chain
    }

    @Test
    void postVote_rejectsWrongChainId() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "chain id " + UUID.randomUUID());
        Eip712Domain other = new Eip712Domain("OctoGovernor", "1", 1, chain.governorAddress());
        byte[] sig = DevChain.sign(voter, pid, 1, BigInteger.ZERO, other);
        String body = withDomain(DevChain.ballotJson(pid, 1, voter.getAddress(), BigInteger.ZERO, sig), other);
        assertRefused(runtime, body, 422, "wrong_chain_id");
        // Without the domain in the body the same signature simply does not verify.
        assertRefused(runtime, DevChain.ballotJson(pid, 1, voter.getAddress(), BigInteger.ZERO, sig), 422, "bad_signature");
    }

    @Test
    void postVote_rejectsWrongVerifyingContract() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "contract " + UUID.randomUUID());
        Eip712Domain other = new Eip712Domain("OctoGovernor", "1", chain.chainId(), "0x00000000000000000000000000000000000000aa");
        byte[] sig = DevChain.sign(voter, pid, 1, BigInteger.ZERO, other);
        assertRefused(runtime, withDomain(DevChain.ballotJson(pid, 1, voter.getAddress(), BigInteger.ZERO, sig), other),
                422, "wrong_verifying_contract");
        Eip712Domain renamed = new Eip712Domain("OtherGovernor", "1", chain.chainId(), chain.governorAddress());
        assertRefused(runtime, withDomain(DevChain.ballotJson(pid, 1, voter.getAddress(), BigInteger.ZERO,
                DevChain.sign(voter, pid, 1, BigInteger.ZERO, renamed)), renamed), 422, "wrong_domain");
    }

    @Test
    void postVote_rejectsTamperedSupport_withBadSignature() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "tamper " + UUID.randomUUID());
        byte[] sig = DevChain.sign(voter, pid, Ballot.FOR, BigInteger.ZERO, chain.domain());
        assertRefused(runtime, DevChain.ballotJson(pid, Ballot.AGAINST, voter.getAddress(), BigInteger.ZERO, sig),
                422, "bad_signature");
        // Someone else's valid signature for this voter is refused too.
        Credentials mallory = chain.newAccount();
        byte[] other = DevChain.sign(mallory, pid, Ballot.FOR, BigInteger.ZERO, chain.domain());
        assertRefused(runtime, DevChain.ballotJson(pid, Ballot.FOR, voter.getAddress(), BigInteger.ZERO, other),
                422, "bad_signature");
    }

    @Test
    void postVote_rejectsPendingProposal_withProposalNotActive() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.propose(proposer, "pending " + UUID.randomUUID());
        long before = runtime.store().count();
        post(chain.signedBallot(voter, pid, Ballot.FOR)).statusCode(409)
                .body("error", equalTo("proposal_not_active")).body("message", containsString("Pending"));
        assertThat(runtime.store().count()).isEqualTo(before);
    }

    @Test
    void postVote_rejectsDefeatedProposal_withProposalNotActive() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "defeated " + UUID.randomUUID());
        chain.increaseTime(GovernanceTestEnvironment.VOTING_PERIOD + 1);
        long before = runtime.store().count();
        post(chain.signedBallot(voter, pid, Ballot.FOR)).statusCode(409)
                .body("error", equalTo("proposal_not_active")).body("message", containsString("Defeated"));
        assertThat(runtime.store().count()).isEqualTo(before);
    }

    @Test
    void postVote_rejectsUnknownProposal() {
        Credentials voter = member(1_000);
        assertRefused(runtime, chain.signedBallot(voter, BigInteger.valueOf(12345), Ballot.FOR), 422, "unknown_proposal");
    }

    @Test
    void postVote_rejectsNonMember_withNotAMember() {
        Credentials outsider = chain.newAccount();
        BigInteger pid = chain.activeProposal(proposer, "outsider " + UUID.randomUUID());
        assertRefused(runtime, chain.signedBallot(outsider, pid, Ballot.FOR), 422, "not_a_member");
    }

    @Test
    void postVote_rejectsMemberWithoutStakeAtSnapshot_withNoVotingPower() {
        BigInteger pid = chain.activeProposal(proposer, "late joiner " + UUID.randomUUID());
        Credentials late = member(5_000); // registered after the snapshot: power 0 for this proposal
        assertRefused(runtime, chain.signedBallot(late, pid, Ballot.FOR), 422, "no_voting_power");
    }

    @Test
    void postVote_rejectsSecondBallotOnSameProposal_withAlreadyVoted() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "double " + UUID.randomUUID());
        accept(chain.signedBallot(voter, pid, Ballot.FOR));
        // Next nonce, same proposal, while the first is in flight.
        byte[] sig = DevChain.sign(voter, pid, Ballot.AGAINST, BigInteger.ONE, chain.domain());
        assertRefused(runtime, DevChain.ballotJson(pid, Ballot.AGAINST, voter.getAddress(), BigInteger.ONE, sig),
                409, "already_voted");
        // And once it is counted on chain.
        GovernanceTestSupport.drain(runtime, relayer());
        assertRefused(runtime, chain.signedBallot(voter, pid, Ballot.AGAINST), 409, "already_voted");
    }

    @Test
    void postVote_acceptsNextNonceOnAnotherProposal_whileFirstIsInFlight() {
        Credentials voter = member(1_000);
        BigInteger p1 = chain.activeProposal(proposer, "first " + UUID.randomUUID());
        BigInteger p2 = chain.activeProposal(proposer, "second " + UUID.randomUUID());
        UUID a = accept(chain.signedBallot(voter, p1, Ballot.FOR));
        UUID b = accept(DevChain.ballotJson(p2, Ballot.FOR, voter.getAddress(), BigInteger.ONE,
                DevChain.sign(voter, p2, Ballot.FOR, BigInteger.ONE, chain.domain())));
        GovernanceTestSupport.drain(runtime, relayer());
        assertThat(GovernanceTestSupport.status(runtime, a)).isEqualTo(BallotStatus.CONFIRMED);
        assertThat(GovernanceTestSupport.status(runtime, b)).isEqualTo(BallotStatus.CONFIRMED);
    }

    @Test
    void postVote_rejectsMalformedJson_andInvalidFields() {
        assertRefused(runtime, "{\"proposalId\": ", 400, "malformed_json");
        assertRefused(runtime, "[1,2]", 400, "malformed_json");
        String valid = DevChain.ballotJson(BigInteger.ONE, 1, "0x14dc79964da2c08b23698b3d3cc7ca32193d9955", BigInteger.ZERO,
                new byte[65]);
        assertRefused(runtime, valid.replace("\"support\":1", "\"support\":7"), 400, "invalid_field");
        assertRefused(runtime, valid.replace("\"nonce\":\"0\"", "\"nonce\":\"-1\""), 400, "invalid_field");
        assertRefused(runtime, valid.replace("0x14dc", "0xZZdc"), 400, "invalid_field");
        assertRefused(runtime, valid.replace("\"signature\":\"0x", "\"signature\":\"0x00"), 400, "invalid_field");
        assertRefused(runtime, valid.replace("{", "{\"extra\":1,"), 400, "invalid_field");
    }

    @Test
    void postVote_rejectsOversizedBody_withBodyTooLarge() {
        String big = "{\"reason\":\"" + "x".repeat(17_000) + "\"}";
        assertRefused(runtime, big, 413, "body_too_large");
    }

    @Test
    void postVote_limitsBallotsPerVoter_with429AndRetryAfter() {
        Credentials voter = member(1_000);
        BigInteger pid = chain.activeProposal(proposer, "rate " + UUID.randomUUID());
        // Correctly signed but with a wrong nonce: each one is charged to the voter and refused.
        byte[] sig = DevChain.sign(voter, pid, 1, BigInteger.TEN, chain.domain());
        String body = DevChain.ballotJson(pid, 1, voter.getAddress(), BigInteger.TEN, sig);
        int limited = 0;
        for (int i = 0; i < 100 && limited == 0; i++) {
            var r = post(body).extract();
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.<String>path("error")).isEqualTo("too_many_requests");
            } else {
                assertThat(r.<String>path("error")).isEqualTo("nonce_mismatch");
            }
        }
        assertThat(limited).as("429 after the voter's burst").isEqualTo(1);
    }

    private static String withDomain(String body, Eip712Domain d) {
        return body.substring(0, body.length() - 1) + ",\"domain\":{\"name\":\"" + d.name() + "\",\"version\":\""
                + d.version() + "\",\"chainId\":" + d.chainId() + ",\"verifyingContract\":\"" + d.verifyingContract() + "\"}}";
    }
}
