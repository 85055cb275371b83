package io.cipherocto.graphql;

import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.protocol.ProviderStakes;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.chain.ChainAccess;
import io.cipherocto.platform.kernel.Address;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * A provider's stake for a role as of a block: {@code StakingManager.providerStake(provider, role)} and
 * {@code unbonding(provider, role)} by eth_call at that block number, read by the shared {@link ProviderStakes} (the
 * chain keeps the history; an archive or non-pruning node answers any past block). Without a block, the latest block
 * (read first, so the answer names it).
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
        ProviderStakes.Stake s = read(staking, p, role, at);
        return new StakeView(p, role, at, s.registered(), s.octo(), s.roleAmount(), s.unbondingOcto(),
                s.unbondingRoleAmount(), s.unbondReadyAt());
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

    private ProviderStakes.Stake read(String staking, String provider, int role, long block) {
        try {
            return new ProviderStakes(chain.web3j(), staking).read(provider, role,
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
        } catch (ProviderStakes.StakeReadException e) {
            String f = e.function();
            throw switch (e.failure()) {
                case UNREACHABLE -> ApiException.unavailable("chain_unavailable", "the chain node did not answer: " + e.getMessage());
                case REVERTED -> ApiException.badRequest("invalid_role", f + " reverted at block " + block + ": " + e.getMessage());
                case NO_CODE -> ApiException.notFound("staking_not_deployed", "no StakingManager at block " + block);
                case RPC_ERROR, MALFORMED -> ApiException.unavailable("chain_unavailable", f + " at block " + block + ": " + e.getMessage());
            };
        }
    }
}
