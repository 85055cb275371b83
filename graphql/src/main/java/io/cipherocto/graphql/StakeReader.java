package io.cipherocto.graphql;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.chain.ChainAccess;
import io.cipherocto.platform.kernel.Address;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint128;
import org.web3j.abi.datatypes.generated.Uint48;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.abi.datatypes.generated.Uint96;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * A provider's stake for a role as of a block: {@code StakingManager.providerStake(provider, role)} and
 * {@code unbonding(provider, role)} by eth_call at that block number (the chain keeps the history; an archive or
 * non-pruning node answers any past block). Without a block, the latest block (read first, so the answer names it).
 */
@ApplicationScoped
public class StakeReader {
    /** Role ids of the suite (OCTO-A .. OCTO-N). */
    static final int ROLES = 8;

    @Inject
    ChainAccess chain;

    /** What {@code stake(provider, role, block)} answers. */
    public record StakeView(String provider, int role, long block, boolean registered, BigInteger octo, BigInteger roleAmount,
            BigInteger unbondingOcto, BigInteger unbondingRoleAmount, long unbondReadyAt) {
    }

    /**
     * @throws ApiException 400 invalid_address, invalid_role (not 0..7), invalid_block (negative or above the head),
     *     404 staking_not_deployed (no StakingManager code at that block), 503 chain_unavailable
     */
    public StakeView stake(String provider, int role, Optional<Long> block) {
        String p = Optional.ofNullable(provider).flatMap(Address::tryParse).map(Address::toString).orElseThrow(() ->
                ApiException.badRequest("invalid_address", "provider must be 0x + 40 hex digits"));
        if (role < 0 || role >= ROLES) {
            throw ApiException.badRequest("invalid_role", "role must be 0.." + (ROLES - 1));
        }
        if (block.isPresent() && block.get() < 0) {
            throw ApiException.badRequest("invalid_block", "block must be >= 0");
        }
        String staking = manifest().address(DeploymentManifest.STAKING);
        long head = head();
        long at = block.orElse(head);
        if (at > head) {
            throw ApiException.badRequest("invalid_block", "block " + at + " is above the chain head " + head);
        }
        List<Type> s = call(staking, new Function("providerStake", List.of(new org.web3j.abi.datatypes.Address(p), new Uint8(role)),
                List.of(new TypeReference<Uint96>() {}, new TypeReference<Uint96>() {}, new TypeReference<Uint48>() {},
                        new TypeReference<Bool>() {})), at);
        List<Type> u = call(staking, new Function("unbonding", List.of(new org.web3j.abi.datatypes.Address(p), new Uint8(role)),
                List.of(new TypeReference<Uint128>() {}, new TypeReference<Uint128>() {})), at);
        return new StakeView(p, role, at, (Boolean) s.get(3).getValue(), (BigInteger) s.get(0).getValue(),
                (BigInteger) s.get(1).getValue(), (BigInteger) u.get(0).getValue(), (BigInteger) u.get(1).getValue(),
                ((BigInteger) s.get(2).getValue()).longValueExact());
    }

    private DeploymentManifest manifest() {
        try {
            return chain.manifest();
        } catch (IllegalStateException | UncheckedIOException e) {
            throw ApiException.unavailable("chain_unavailable", "no deployment manifest: " + e.getMessage());
        }
    }

    private long head() {
        try {
            return chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw ApiException.unavailable("chain_unavailable", "the chain node did not answer: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("chain_unavailable", e.getMessage());
        }
    }

    @SuppressWarnings("rawtypes")
    private List<Type> call(String to, Function f, long block) {
        EthCall r;
        try {
            r = chain.web3j().ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(f)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send();
        } catch (IOException e) {
            throw ApiException.unavailable("chain_unavailable", "the chain node did not answer: " + e.getMessage());
        }
        if (r.hasError()) {
            throw ApiException.unavailable("chain_unavailable", f.getName() + " at block " + block + ": " + r.getError().getMessage());
        }
        if (r.isReverted()) {
            throw ApiException.badRequest("invalid_role", f.getName() + " reverted at block " + block + ": " + r.getRevertReason());
        }
        if (r.getValue() == null || "0x".equals(r.getValue())) {
            throw ApiException.notFound("staking_not_deployed", "no StakingManager at block " + block);
        }
        return FunctionReturnDecoder.decode(r.getValue(), f.getOutputParameters());
    }
}
