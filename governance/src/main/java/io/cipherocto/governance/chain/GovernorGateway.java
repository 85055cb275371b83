package io.cipherocto.governance.chain;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Bytes4;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Uncached view calls on OctoGovernor and StakingManager over JSON-RPC (eth_call at the latest block). Thread-safe.
 * Callers that need speed go through {@link ChainVotes}, which caches what can be cached.
 */
public class GovernorGateway {
    private static final byte[] ERC1271_MAGIC = Hex.decode("0x1626ba7e");

    private final Web3j web3j;
    private final String governor;
    private final String staking;
    private final long deployBlock;
    private volatile Eip712Domain domain;
    private final java.util.concurrent.atomic.LongAdder calls = new java.util.concurrent.atomic.LongAdder();

    public GovernorGateway(Web3j web3j, String governor, String staking, long deployBlock) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.governor = Objects.requireNonNull(governor, "governor").toLowerCase(Locale.ROOT);
        this.staking = Objects.requireNonNull(staking, "staking").toLowerCase(Locale.ROOT);
        this.deployBlock = deployBlock;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** eth_call / eth_getBlockByNumber / eth_getCode requests sent so far (for benchmarks and metrics). */
    public long calls() {
        return calls.sum();
    }

    public String governor() {
        return governor;
    }

    public String staking() {
        return staking;
    }

    public long deployBlock() {
        return deployBlock;
    }

    /** The governor's EIP-712 domain, read once: name(), version(), eth_chainId, its address. */
    public Eip712Domain domain() {
        Eip712Domain d = domain;
        if (d == null) {
            String name = call(governor, fn("name", List.of(), new TypeReference<Utf8String>() {})).get(0).toString();
            String version = call(governor, fn("version", List.of(), new TypeReference<Utf8String>() {})).get(0).toString();
            try {
                long chainId = web3j.ethChainId().send().getChainId().longValueExact();
                d = new Eip712Domain(name, version, chainId, governor);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            domain = d;
        }
        return d;
    }

    public Head head() {
        calls.increment();
        try {
            EthBlock.Block b = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
            return new Head(b.getNumber().longValueExact(), b.getTimestamp().longValueExact());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** State, snapshot and deadline; empty when no such proposal exists (snapshot 0). */
    public Optional<ProposalTimes> proposal(BigInteger proposalId, long atBlock) {
        long snapshot = uint(governor, "proposalSnapshot", proposalId).longValueExact();
        if (snapshot == 0) {
            return Optional.empty();
        }
        long deadline = uint(governor, "proposalDeadline", proposalId).longValueExact();
        ProposalState state = ProposalState.of(uint(governor, "state", proposalId).intValueExact());
        return Optional.of(new ProposalTimes(proposalId, state, snapshot, deadline, atBlock));
    }

    public BigInteger nonce(String voter) {
        return uint(governor, "nonces", new Address(voter));
    }

    public boolean hasVoted(BigInteger proposalId, String voter) {
        return ((Bool) call(governor, fn("hasVoted", List.of(new Uint256(proposalId), new Address(voter)),
                new TypeReference<Bool>() {})).get(0)).getValue();
    }

    /** Against, for, abstain. */
    public List<BigInteger> proposalVotes(BigInteger proposalId) {
        List<Type> out = call(governor, new Function("proposalVotes", List.of(new Uint256(proposalId)),
                List.of(new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {})));
        return out.stream().map(t -> (BigInteger) t.getValue()).toList();
    }

    public BigInteger quorum(long timepoint) {
        return uint(governor, "quorum", BigInteger.valueOf(timepoint));
    }

    /**
     * {@link #quorum} of several timepoints in one JSON-RPC batch request (one round trip however many), in the order
     * given; a revert or an RPC error of any is a {@link ChainCallException}.
     */
    public List<BigInteger> quorums(List<Long> timepoints) {
        if (timepoints.isEmpty()) {
            return List.of();
        }
        if (timepoints.size() == 1) {
            return List.of(quorum(timepoints.get(0)));
        }
        calls.increment();
        List<Function> functions = timepoints.stream().map(t -> fn("quorum", List.of(new Uint256(t)),
                new TypeReference<Uint256>() {})).toList();
        org.web3j.protocol.core.BatchRequest batch = web3j.newBatch();
        for (Function f : functions) {
            batch.add(web3j.ethCall(Transaction.createEthCallTransaction(null, governor, FunctionEncoder.encode(f)),
                    DefaultBlockParameterName.LATEST));
        }
        try {
            List<? extends org.web3j.protocol.core.Response<?>> responses = batch.send().getResponses();
            if (responses.size() != functions.size()) {
                throw new ChainCallException("quorum batch: " + responses.size() + " answers to " + functions.size() + " calls");
            }
            List<BigInteger> out = new java.util.ArrayList<>(functions.size());
            for (int i = 0; i < functions.size(); i++) {
                out.add((BigInteger) decoded(functions.get(i), (EthCall) responses.get(i)).get(0).getValue());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("JSON-RPC quorum batch failed", e);
        }
    }

    public BigInteger proposalEta(BigInteger proposalId) {
        return uint(governor, "proposalEta", proposalId);
    }

    public String proposalProposer(BigInteger proposalId) {
        return call(governor, fn("proposalProposer", List.of(new Uint256(proposalId)), new TypeReference<Address>() {}))
                .get(0).toString();
    }

    public BigInteger votingPowerAt(String account, long timepoint) {
        return uint(staking, "votingPowerAt", new Address(account), new Uint256(timepoint));
    }

    public BigInteger memberStakeAt(String account, long timepoint) {
        return uint(staking, "memberStakeAt", new Address(account), new Uint256(timepoint));
    }

    public BigInteger memberStake(String account) {
        return uint(staking, "memberStake", new Address(account));
    }

    public boolean isMember(String account) {
        return ((Bool) call(staking, fn("isMember", List.of(new Address(account)), new TypeReference<Bool>() {}))
                .get(0)).getValue();
    }

    public boolean hasCode(String account) {
        calls.increment();
        try {
            String code = web3j.ethGetCode(account, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ERC-1271: does contract {@code wallet} accept {@code signature} over {@code digest}? False on any revert. */
    public boolean isValidErc1271(String wallet, byte[] digest, byte[] signature) {
        Function f = fn("isValidSignature", List.of(new Bytes32(digest), new DynamicBytes(signature)),
                new TypeReference<Bytes4>() {});
        try {
            EthCall r = web3j.ethCall(Transaction.createEthCallTransaction(null, wallet, FunctionEncoder.encode(f)),
                    DefaultBlockParameterName.LATEST).send();
            if (r.hasError() || r.isReverted() || r.getValue() == null || r.getValue().length() < 10) {
                return false;
            }
            byte[] out = Hex.decode(r.getValue());
            return Arrays.equals(Arrays.copyOf(out, 4), ERC1271_MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BigInteger balance(String account) {
        try {
            return web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private static Function fn(String name, List<Type> inputs, TypeReference<?> output) {
        return new Function(name, inputs, List.of(output));
    }

    private BigInteger uint(String to, String name, BigInteger arg) {
        return uint(to, name, new Uint256(arg));
    }

    @SuppressWarnings("rawtypes")
    private BigInteger uint(String to, String name, Type... args) {
        List<Type> out = call(to, fn(name, List.of(args), new TypeReference<Uint256>() {}));
        return (BigInteger) out.get(0).getValue();
    }

    /** eth_call at the latest block; a revert or an RPC error is a {@link ChainCallException}. */
    @SuppressWarnings("rawtypes")
    private List<Type> call(String to, Function f) {
        calls.increment();
        try {
            return decoded(f, web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(f)),
                    DefaultBlockParameterName.LATEST).send());
        } catch (IOException e) {
            throw new UncheckedIOException("JSON-RPC " + f.getName() + " failed", e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static List<Type> decoded(Function f, EthCall r) {
        if (r.hasError()) {
            throw new ChainCallException(f.getName() + ": " + r.getError().getMessage());
        }
        if (r.isReverted() || r.getValue() == null || "0x".equals(r.getValue())) {
            throw new ChainCallException(f.getName() + " reverted");
        }
        return FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
    }

    /** A view call reverted or the node answered with an error. */
    public static final class ChainCallException extends RuntimeException {
        public ChainCallException(String message) {
            super(message);
        }
    }
}
