package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Signatures;
import io.cipherocto.contracts.generated.OctoGovernor;
import io.cipherocto.contracts.generated.StakingManager;
import io.cipherocto.governance.ballot.BallotDigests;
import io.cipherocto.governance.ballot.BallotSubmission;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.utils.Numeric;

/**
 * {@code octo vote PROPOSAL_ID for|against|abstain [--reason TEXT] [--gasless]}: checks the proposal is Active, the
 * key's voting power at the snapshot and that it has not voted, then either sends {@code castVote} /
 * {@code castVoteWithReason} to the governor, or (gasless) signs the EIP-712 ballot ({@link BallotDigests}, the digest
 * the API checks) and POSTs it to the node's {@code /api/v1/governance/votes}, following the ballot until it is
 * confirmed on chain.
 */
public final class VoteCommand {
    static final String USAGE = "usage: octo vote PROPOSAL_ID for|against|abstain [--reason TEXT] [--gasless [--node URL] "
            + "[--wait SECONDS]] [--rpc URL] [--manifest FILE] [--keystore FILE]";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ACTIVE = 1;

    private VoteCommand() {
    }

    public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
        return VerbRunner.run("vote", USAGE, err, () -> {
            Set<String> options = new HashSet<>(TxSender.OPTIONS);
            options.addAll(List.of("--reason", "--node", "--wait"));
            Args args = new Args(argv, Set.of("--gasless"), options, true);
            if (args.positionals().size() != 2) {
                throw new Args.UsageException("expected PROPOSAL_ID and for|against|abstain");
            }
            BigInteger proposalId = proposalId(args.positionals().get(0));
            int support = support(args.positionals().get(1));
            Optional<String> reason = args.value("--reason");
            try (TxSender tx = TxSender.open(args, env, out, err)) {
                OctoGovernor governor = OctoGovernor.load(tx.manifest().address(DeploymentManifest.GOVERNOR), tx.web3j(),
                        tx.chain().txManager(), tx.chain().gas());
                BigInteger power = checkCanVote(tx, governor, proposalId);
                String what = "voted " + args.positionals().get(1).toUpperCase(Locale.ROOT) + " on proposal " + proposalId
                        + " as " + tx.address() + " with voting power " + power + reason.map(r -> " (reason: " + r + ")").orElse("");
                if (args.flag("--gasless")) {
                    long wait = args.value("--wait").map(VoteCommand::seconds).orElse(120L);
                    return gasless(tx, governor, proposalId, support, reason, NodeApi.of(args.value("--node"), env), wait,
                            what, out);
                }
                String data = reason.isPresent()
                        ? governor.castVoteWithReason(proposalId, BigInteger.valueOf(support), reason.get()).encodeFunctionCall()
                        : governor.castVote(proposalId, BigInteger.valueOf(support)).encodeFunctionCall();
                tx.send(what, governor.getContractAddress(), data);
                return 0;
            }
        });
    }

    /** Refuses unless the proposal is Active, the key has voting power at its snapshot and has not voted; the power. */
    static BigInteger checkCanVote(TxSender tx, OctoGovernor governor, BigInteger proposalId) {
        int state;
        try {
            state = governor.state(proposalId).send().intValueExact();
        } catch (Exception e) {
            throw new Refusal("no proposal " + proposalId + " on the governor " + governor.getContractAddress());
        }
        if (state != ACTIVE) {
            throw new Refusal("proposal " + proposalId + " is not active (state: " + ContractErrors.proposalState(state) + ")");
        }
        String voter = tx.address();
        BigInteger snapshot = TxSender.read(() -> governor.proposalSnapshot(proposalId).send());
        BigInteger power = TxSender.read(() -> governor.getVotes(voter, snapshot).send());
        if (power.signum() == 0) {
            StakingManager staking = StakingManager.load(tx.manifest().address(DeploymentManifest.STAKING), tx.web3j(),
                    tx.chain().txManager(), tx.chain().gas());
            boolean member = TxSender.read(() -> staking.isMember(voter).send());
            throw new Refusal(member
                    ? voter + " has no voting power at the proposal's snapshot (" + snapshot + "): it became a member later"
                    : voter + " is not a member (no voting power): register with StakingManager.registerMember first");
        }
        if (TxSender.read(() -> governor.hasVoted(proposalId, voter).send())) {
            throw new Refusal(voter + " has already voted on proposal " + proposalId);
        }
        return power;
    }

    private static int gasless(TxSender tx, OctoGovernor governor, BigInteger proposalId, int support, Optional<String> reason,
            NodeApi api, long waitSeconds, String what, PrintStream out) {
        String voter = tx.address();
        BigInteger nonce = TxSender.read(() -> governor.nonces(voter).send());
        String name = TxSender.read(() -> governor.name().send());
        Eip712Domain domain = new Eip712Domain(name, "1", tx.chain().chainId(), governor.getContractAddress());
        byte[] signature = sign(proposalId, support, voter, nonce, reason, domain, tx);
        ObjectNode body = JSON.createObjectNode();
        body.put("proposalId", proposalId.toString());
        body.put("support", support);
        body.put("voter", voter);
        body.put("nonce", nonce.toString());
        body.put("signature", Numeric.toHexString(signature));
        reason.ifPresent(r -> body.put("reason", r));
        ObjectNode d = body.putObject("domain");
        d.put("name", domain.name());
        d.put("version", domain.version());
        d.put("chainId", domain.chainId());
        d.put("verifyingContract", domain.verifyingContract());
        NodeApi.Answer posted = api.post("/api/v1/governance/votes", body);
        if (posted.status() != 202) {
            throw new Refusal("the node refused the ballot: " + posted.errorText());
        }
        String ballotId = posted.body().path("ballotId").asText();
        String statusUrl = posted.body().path("statusUrl").asText("/api/v1/governance/votes/" + ballotId);
        out.println("ballot " + ballotId + " signed and queued at " + api.base() + " (nonce " + nonce + "); following it");
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            JsonNode s = api.get(statusUrl).body();
            String status = s.path("status").asText();
            if (!status.equals(last)) {
                out.println("ballot " + ballotId + ": " + status + (s.path("txHash").isTextual() ? " tx " + s.path("txHash").asText() : ""));
                last = status;
            }
            if (status.equals("confirmed")) {
                out.println(what + " (gasless): tx " + s.path("txHash").asText() + " (block " + s.path("blockNumber").asText() + ")");
                return 0;
            }
            if (status.equals("failed")) {
                throw new IllegalStateException("the relay failed: " + s.path("failure").asText());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        throw new IllegalStateException("ballot " + ballotId + " not confirmed after " + waitSeconds + " s (status " + last
                + "); follow it at " + api.base() + statusUrl);
    }

    /** The 65-byte signature of the ballot (ExtendedBallot when there is a reason), over the digest the API checks. */
    static byte[] sign(BigInteger proposalId, int support, String voter, BigInteger nonce, Optional<String> reason,
            Eip712Domain domain, TxSender tx) {
        BallotSubmission unsigned = new BallotSubmission(proposalId, support, voter.toLowerCase(Locale.ROOT), nonce, new byte[0],
                reason, Optional.empty());
        return Signatures.sign(BallotDigests.digest(unsigned, domain), tx.chain().credentials().getEcKeyPair());
    }

    private static BigInteger proposalId(String s) {
        try {
            BigInteger id = s.startsWith("0x") ? new BigInteger(s.substring(2), 16) : new BigInteger(s);
            if (id.signum() < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw new Args.UsageException("PROPOSAL_ID must be a non-negative integer (decimal or 0x hex), got '" + s + "'");
        }
    }

    private static long seconds(String s) {
        try {
            long v = Long.parseLong(s);
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new Args.UsageException("--wait must be a positive number of seconds, got '" + s + "'");
        }
    }

    static int support(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "against" -> 0;
            case "for" -> 1;
            case "abstain" -> 2;
            default -> throw new Args.UsageException("the vote must be for, against or abstain, got '" + s + "'");
        };
    }
}
