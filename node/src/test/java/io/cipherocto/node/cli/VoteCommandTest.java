package io.cipherocto.node.cli;

import static io.cipherocto.node.cli.CliChain.octo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.DevAccounts;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.devkit.DevEnvironment;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.utils.Numeric;

/**
 * {@code octo vote} against anvil with the deployed suite. The gasless path POSTs to a small in-test relay that does
 * what the governance role's relayer does with an accepted ballot (castVoteBySig / castVoteWithReasonAndParamsBySig
 * with the relayer key, dev account #7), so the real governor checks the CLI's EIP-712 signature; the node's own
 * validation of the POST is covered by the governance module's tests.
 */
class VoteCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static CliChain chain;
    private static OctoGovernor governor;
    private static HttpServer relay;
    private static final Map<String, TransactionReceipt> RELAYED = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        chain = new CliChain();
        Chain relayer = chain.operator.as(DevAccounts.get(DevEnvironment.RELAYER_ACCOUNT));
        governor = OctoGovernor.load(chain.manifest.address(DeploymentManifest.GOVERNOR), chain.anvil.web3j(),
                relayer.txManager(), relayer.gas());
        relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.createContext("/api/v1/governance/votes", VoteCommandTest::relay);
        relay.start();
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.stop(0);
        }
        chain.close();
    }

    private static void relay(HttpExchange exchange) throws IOException {
        try {
            if (exchange.getRequestMethod().equals("POST")) {
                JsonNode b = JSON.readTree(exchange.getRequestBody());
                BigInteger id = new BigInteger(b.path("proposalId").asText());
                BigInteger support = BigInteger.valueOf(b.path("support").asInt());
                byte[] sig = Numeric.hexStringToByteArray(b.path("signature").asText());
                TransactionReceipt r = b.hasNonNull("reason")
                        ? governor.castVoteWithReasonAndParamsBySig(id, support, b.path("voter").asText(), b.path("reason").asText(),
                                new byte[0], sig).send()
                        : governor.castVoteBySig(id, support, b.path("voter").asText(), sig).send();
                String ballotId = UUID.randomUUID().toString();
                RELAYED.put(ballotId, r);
                answer(exchange, 202, Map.of("ballotId", ballotId, "status", "queued", "statusUrl",
                        "/api/v1/governance/votes/" + ballotId));
            } else {
                String id = exchange.getRequestURI().getPath().substring("/api/v1/governance/votes/".length());
                TransactionReceipt r = RELAYED.get(id);
                answer(exchange, 200, Map.of("ballotId", id, "status", r.isStatusOK() ? "confirmed" : "failed", "txHash",
                        r.getTransactionHash(), "blockNumber", r.getBlockNumber(), "failure", r.isStatusOK() ? "" : "reverted"));
            }
        } catch (Exception e) {
            answer(exchange, 422, Map.of("error", "bad_signature", "message", String.valueOf(e.getMessage())));
        }
    }

    private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Credentials member(BigInteger stake) throws Exception {
        return chain.member(stake);
    }

    private static BigInteger proposal(String description, boolean active) throws Exception {
        return chain.proposal(description, active);
    }

    @Test
    void vote_castsTheVoteWithItsReason_andTheGovernorCountsTheSquareRootOfTheStake() throws Exception {
        Credentials voter = member(octo(400));
        BigInteger id = proposal("direct vote", true);
        CliChain.Run r = chain.run(VoteCommand::run, voter, id.toString(), "for", "--reason", "longer delay is safer");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(CliChain.txLines(r.out())).isEqualTo(1);
        assertThat(r.out()).contains("voted FOR on proposal " + id).contains("reason: longer delay is safer");
        assertThat(governor.hasVoted(id, voter.getAddress()).send()).isTrue();
        Tuple3<BigInteger, BigInteger, BigInteger> votes = governor.proposalVotes(id).send();
        assertThat(votes.component2()).isEqualTo(octo(400).sqrt()); // (against, for, abstain)
    }

    @Test
    void vote_refuses_aNonMember_andSendsNothing() throws Exception {
        Credentials stranger = chain.newAccount(BigInteger.ZERO, BigInteger.ZERO);
        BigInteger id = proposal("stranger", true);
        CliChain.Run r = chain.run(VoteCommand::run, stranger, id.toString(), "against");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refused, nothing sent").contains("is not a member");
        assertThat(chain.sent(stranger.getAddress())).isZero();
    }

    @Test
    void vote_refuses_whenTheProposalIsNotActiveYet_orAlreadyVoted() throws Exception {
        Credentials voter = member(octo(100));
        BigInteger pending = proposal("pending", false);
        CliChain.Run r = chain.run(VoteCommand::run, voter, pending.toString(), "abstain");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("is not active (state: Pending)");

        chain.increaseTime(6);
        assertThat(chain.run(VoteCommand::run, voter, pending.toString(), "abstain").exit()).isZero();
        BigInteger sent = chain.sent(voter.getAddress());
        CliChain.Run twice = chain.run(VoteCommand::run, voter, pending.toString(), "for");
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).contains("has already voted");
        assertThat(chain.sent(voter.getAddress())).isEqualTo(sent);
    }

    @Test
    void vote_refuses_anUnknownProposal() throws Exception {
        Credentials voter = member(octo(100));
        CliChain.Run r = chain.run(VoteCommand::run, voter, "12345", "for");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no proposal 12345");
    }

    @Test
    void gaslessVote_signsTheBallot_theRelayedVoteIsOnChain_andTheVoterSendsNothing() throws Exception {
        Credentials voter = member(octo(900));
        BigInteger id = proposal("gasless vote", true);
        CliChain.Run r = chain.run(VoteCommand::run, voter, id.toString(), "against", "--gasless", "--reason", "too slow",
                "--node", "http://127.0.0.1:" + relay.getAddress().getPort());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("ballot ").contains("confirmed").contains("voted AGAINST on proposal " + id)
                .contains("(gasless): tx 0x");
        assertThat(governor.hasVoted(id, voter.getAddress()).send()).isTrue();
        assertThat(governor.proposalVotes(id).send().component1()).isEqualTo(octo(900).sqrt());
        assertThat(chain.sent(voter.getAddress())).isEqualTo(BigInteger.ONE.add(BigInteger.ONE)); // approve + registerMember only
    }

    @Test
    void gaslessVote_withoutReason_usesThePlainBallot() throws Exception {
        Credentials voter = member(octo(100));
        BigInteger id = proposal("gasless plain", true);
        CliChain.Run r = chain.run(VoteCommand::run, voter, id.toString(), "for", "--gasless", "--node",
                "http://127.0.0.1:" + relay.getAddress().getPort());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(governor.proposalVotes(id).send().component2()).isEqualTo(octo(100).sqrt());
    }

    @Test
    void wrongSupport_isAUsageError() {
        Credentials voter = chain.newAccount(BigInteger.ZERO, BigInteger.ZERO);
        CliChain.Run r = chain.run(VoteCommand::run, voter, "1", "yes");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("for, against or abstain");
    }
}
