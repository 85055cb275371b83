package io.cipherocto.contracts.protocol;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/**
 * A provider's stake in one role as the StakingManager's views answer it at a block: {@code providerStake(provider,
 * role)} (bonded OCTO, bonded role token, unbond-ready time, registered) and {@code unbonding(provider, role)} (the
 * unbonding bucket), by plain {@code eth_call}s decoded as 32-byte words (the generated wrapper cannot decode struct
 * returns with web3j 5.0.2). The latest block unless a block is given; a past block needs an archive or non-pruning
 * node.
 */
public final class ProviderStakes {
    private final Web3j web3j;
    private final String staking;

    /**
     * @param web3j the chain
     * @param staking the StakingManager's address
     */
    public ProviderStakes(Web3j web3j, String staking) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.staking = Objects.requireNonNull(staking, "staking");
    }

    /** One role's stake: bonded OCTO and role token, and the unbonding bucket (ready at {@code unbondReadyAt}, 0 if none). */
    public record Stake(boolean registered, BigInteger octo, BigInteger roleAmount, BigInteger unbondingOcto,
            BigInteger unbondingRoleAmount, long unbondReadyAt) {
    }

    /** Why a read failed. */
    public enum Failure {
        /** The chain node did not answer (an {@link IOException}; the cause). */
        UNREACHABLE,
        /** The node answered the call with a JSON-RPC error. */
        RPC_ERROR,
        /** The view reverted (an invalid role, say). */
        REVERTED,
        /** The call returned no data: no StakingManager code at that block. */
        NO_CODE,
        /** The call returned fewer words than the view has. */
        MALFORMED
    }

    /** A failed stake read: which view, and why. */
    public static final class StakeReadException extends RuntimeException {
        private final Failure failure;
        private final String function;

        StakeReadException(Failure failure, String function, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
            this.function = function;
        }

        public Failure failure() {
            return failure;
        }

        /** The view that failed: {@code providerStake} or {@code unbonding}. */
        public String function() {
            return function;
        }
    }

    /** The stake at the latest block. */
    public Stake read(String provider, int role) {
        return read(provider, role, DefaultBlockParameterName.LATEST);
    }

    /**
     * The stake at {@code block}.
     *
     * @throws StakeReadException when the node does not answer, errs, reverts or returns no or short data
     */
    public Stake read(String provider, int role, DefaultBlockParameter block) {
        List<BigInteger> s = words("providerStake", provider, role, 4, block);
        List<BigInteger> u = words("unbonding", provider, role, 2, block);
        return decode(s, u);
    }

    /** The stake from the views' words: providerStake (octo, roleAmount, unbondReadyAt, registered), unbonding (octo, roleAmount). */
    static Stake decode(List<BigInteger> providerStake, List<BigInteger> unbonding) {
        return new Stake(providerStake.get(3).signum() != 0, providerStake.get(0), providerStake.get(1), unbonding.get(0),
                unbonding.get(1), providerStake.get(2).longValueExact());
    }

    private List<BigInteger> words(String function, String provider, int role, int count, DefaultBlockParameter block) {
        String data = FunctionEncoder.encode(new Function(function, List.of(new Address(provider), new Uint8(role)), List.of()));
        EthCall r;
        try {
            r = web3j.ethCall(Transaction.createEthCallTransaction(null, staking, data), block).send();
        } catch (IOException e) {
            throw new StakeReadException(Failure.UNREACHABLE, function, e.getMessage(), e);
        }
        if (r.hasError()) {
            throw new StakeReadException(Failure.RPC_ERROR, function, r.getError().getMessage(), null);
        }
        if (r.isReverted()) {
            throw new StakeReadException(Failure.REVERTED, function, r.getRevertReason(), null);
        }
        return words(function, r.getValue(), count);
    }

    /** The first {@code count} 32-byte words of a call's return data. */
    static List<BigInteger> words(String function, String out, int count) {
        if (out == null || "0x".equals(out)) {
            throw new StakeReadException(Failure.NO_CODE, function, function + "() returned no data", null);
        }
        String hex = Numeric.cleanHexPrefix(out);
        if (hex.length() < 64 * count) {
            throw new StakeReadException(Failure.MALFORMED, function, function + "() returned " + out, null);
        }
        List<BigInteger> w = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            w.add(new BigInteger(hex.substring(64 * i, 64 * (i + 1)), 16));
        }
        return w;
    }
}
