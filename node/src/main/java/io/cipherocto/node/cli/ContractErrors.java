package io.cipherocto.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Decodes a revert's data into the suite's custom error (looked up by selector in the ABIs octo-contracts ships,
 * OpenZeppelin's errors included) and words the common ones for a human; any other error is shown with its
 * arguments, e.g. {@code StakingFrozen(0x..., 0)}.
 */
final class ContractErrors {
    private static final List<String> KINDS = List.of("OctoToken", "RoleToken", "StakingManager", "RewardDistributor",
            "PaymentEscrow", "OctoGovernor", "AttestationRegistry", "Treasury", "TimelockController");
    private static final String[] PROPOSAL_STATES = {"Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued",
        "Expired", "Executed"};
    private static final Map<String, ErrorDef> BY_SELECTOR = load();

    /** A decoded error: its name and argument values (BigInteger, String address, byte[], Boolean). */
    record Decoded(String name, List<Object> args) {
        String raw() {
            List<String> shown = new ArrayList<>();
            for (Object a : args) {
                shown.add(a instanceof byte[] b ? Numeric.toHexString(b) : String.valueOf(a));
            }
            return name + "(" + String.join(", ", shown) + ")";
        }
    }

    private record ErrorDef(String name, List<String> types) {
    }

    private ContractErrors() {
    }

    /** The revert data {@code 0x<selector><args>} decoded, when the selector is one of the suite's errors. */
    static Optional<Decoded> decode(String data) {
        if (data == null || data.length() < 10) {
            return Optional.empty();
        }
        ErrorDef def = BY_SELECTOR.get(data.substring(0, 10).toLowerCase(Locale.ROOT));
        if (def == null) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        try {
            List<TypeReference<Type>> refs = new ArrayList<>();
            for (String t : def.types()) {
                @SuppressWarnings("unchecked")
                TypeReference<Type> r = (TypeReference<Type>) TypeReference.makeTypeReference(t);
                refs.add(r);
            }
            for (Type<?> v : FunctionReturnDecoder.decode("0x" + data.substring(10), refs)) {
                values.add(v.getValue());
            }
        } catch (ClassNotFoundException | RuntimeException e) {
            values.clear(); // arguments undecodable: the name alone still says what went wrong
        }
        return Optional.of(new Decoded(def.name(), values));
    }

    /** A human sentence for the revert data (or the node's revert message when the data is not a suite error). */
    static String describe(String data, String fallback) {
        return decode(data).map(ContractErrors::humanize).orElse(fallback);
    }

    static String humanize(Decoded e) {
        List<Object> a = e.args();
        String detail = switch (e.name()) {
            case "ERC20InsufficientBalance" -> a.size() == 3 ? "insufficient token balance: " + a.get(1) + " wei, need " + a.get(2) : null;
            case "ERC20InsufficientAllowance" -> a.size() == 3 ? "insufficient allowance: " + a.get(1) + " wei approved, need " + a.get(2) : null;
            case "EnforcedPause" -> "the contract is paused (claims paused by the guardian or governance)";
            case "GovernorNonexistentProposal" -> "no such proposal" + (a.isEmpty() ? "" : " " + a.get(0));
            case "GovernorUnexpectedProposalState" -> a.size() == 3 ? "proposal is not active (state: "
                    + proposalState(((BigInteger) a.get(1)).intValue()) + ")" : null;
            case "GovernorAlreadyCastVote" -> "already voted on this proposal";
            case "GovernorInvalidVoteType" -> "invalid vote type";
            case "RewardsNoActiveRoot" -> "no reward root is active yet (the first root has not passed its activation delay)";
            case "RewardsNothingToClaim" -> a.size() == 2 ? "nothing to claim: cumulative " + a.get(0) + " wei, already claimed "
                    + a.get(1) + " wei" : "nothing to claim";
            case "RewardsInvalidProof" -> "the proof does not match the active root (the node's rewards are for another root?)";
            case "RewardsUnauthorizedClaimer" -> "this key may not claim for that earner";
            case "RewardsInsufficientFunding" -> "the distributor holds too little of that token to pay this claim";
            case "StakingNotRegistered" -> a.size() == 2 ? "not registered as a provider for role " + a.get(1) : null;
            case "StakingAlreadyRegistered" -> a.size() == 2 ? "already registered as a provider for role " + a.get(1) : null;
            case "StakingInsufficientStake" -> a.size() == 2 ? "insufficient bonded stake: " + a.get(0) + " wei, requested "
                    + a.get(1) : null;
            case "StakingUnbondingNotReady" -> a.size() == 1 ? "unbonding not withdrawable yet: ready at " + time(a.get(0)) : null;
            case "StakingNothingToWithdraw" -> "nothing unbonding to withdraw";
            case "StakingZeroAmount" -> "the amounts are zero";
            case "StakingFrozen" -> "the stake is frozen while a slash is queued";
            case "StakingInvalidRole" -> a.size() == 1 ? "no such role " + a.get(0) + " (roles are 0..7)" : null;
            case "EscrowZeroAmount" -> "the amount is zero";
            case "EscrowInsufficientBalance" -> a.size() == 3 ? "insufficient escrow balance: " + a.get(1) + " wei, requested "
                    + a.get(2) : null;
            case "EscrowWithdrawalNotReady" -> a.size() == 1 ? "withdrawal not ready yet: withdrawable at " + time(a.get(0)) : null;
            case "EscrowWithdrawalExpired" -> a.size() == 1 ? "the withdrawal request lapsed at " + time(a.get(0))
                    + ": request it again" : null;
            case "EscrowNoPendingWithdrawal" -> "no withdrawal requested";
            default -> null;
        };
        return detail == null ? "the contract would revert with " + e.raw() : detail + " [" + e.name() + "]";
    }

    static String proposalState(int state) {
        return state >= 0 && state < PROPOSAL_STATES.length ? PROPOSAL_STATES[state] : "unknown " + state;
    }

    private static String time(Object seconds) {
        return Instant.ofEpochSecond(((BigInteger) seconds).longValueExact()) + " (unix " + seconds + ")";
    }

    private static Map<String, ErrorDef> load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, ErrorDef> m = new HashMap<>();
        for (String kind : KINDS) {
            try (InputStream in = ContractErrors.class.getResourceAsStream("/io/cipherocto/contracts/abi/" + kind + ".abi")) {
                if (in == null) {
                    continue;
                }
                for (JsonNode item : json.readTree(in)) {
                    if (!"error".equals(item.path("type").asText())) {
                        continue;
                    }
                    List<String> types = new ArrayList<>();
                    for (JsonNode p : item.path("inputs")) {
                        types.add(p.path("type").asText());
                    }
                    String signature = item.path("name").asText() + "(" + String.join(",", types) + ")";
                    m.putIfAbsent(Hash.sha3String(signature).substring(0, 10), new ErrorDef(item.path("name").asText(), types));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the ABI of " + kind, e);
            }
        }
        return Map.copyOf(m);
    }
}
