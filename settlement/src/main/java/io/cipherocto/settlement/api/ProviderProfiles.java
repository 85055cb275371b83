package io.cipherocto.settlement.api;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.rewards.Reputation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's profile ({@code GET /api/v1/providers/{address}}): stake and unbonding per role (the chain), the verdict
 * history and the reputation multiplier it gives (settlement's samples), earnings per epoch and an APR per staked token
 * (settlement's rewards), what is claimable now, and its slashes with their evidence (indexed events).
 *
 * <p>APR, in basis points, integer arithmetic only: over the provider's newest {@link #APR_EPOCHS} epochs with
 * rewards, {@code earned} is the sum of this-epoch amounts of a token and {@code seconds} the chain time from the start
 * block of the oldest of those epochs to the closing block of the newest; {@code aprBps = floor(earned *
 * 31_536_000 * 10_000 / (seconds * staked))}, where {@code staked} is the provider's current bonded amount of that token
 * (OCTO summed over its roles; a role token in its own role). Absent when nothing of the token is staked or the window
 * is empty.
 */
@ApplicationScoped
public class ProviderProfiles {
    /** Roles of the suite (Roles.COUNT). */
    static final int ROLES = 8;
    static final int VERDICT_EPOCHS = 50;
    static final int EARNING_EPOCHS = 20;
    static final int APR_EPOCHS = 30;
    static final BigInteger SECONDS_PER_YEAR = BigInteger.valueOf(31_536_000);
    static final BigInteger BPS = BigInteger.valueOf(10_000);

    @Inject
    SettlementRuntime runtime;

    @Inject
    RewardQueries rewards;

    @Inject
    AuditQueries audit;

    public record RoleStake(int role, String roleToken, boolean registered, String octo, String roleAmount, String unbondingOcto,
            String unbondingRoleAmount, Long unbondReadyAt) {
    }

    public record ReputationView(long passes, long fails, long multiplierBps) {
    }

    public record Apr(String token, String earned, String staked, long epochs, long seconds, Long aprBps) {
    }

    public record ProviderProfile(String address, List<RoleStake> stakes, ReputationView reputation,
            List<EpochStore.VerdictCounts> verdicts, List<RewardQueries.EpochEarnings> earnings, List<Apr> apr,
            RewardQueries.AddressRewards claimable, Map<String, Object> slashes) {
    }

    public ProviderProfile profile(String address) {
        String a = Address.tryParse(address).map(Address::toString).orElseThrow(() -> ApiException.badRequest("invalid_address",
                "address must be 0x + 40 hex digits"));
        SettlementChain chain = runtime.chain();
        List<RoleStake> stakes = new ArrayList<>();
        List<SettlementChain.StakeView> raw = new ArrayList<>();
        for (int role = 0; role < ROLES; role++) {
            SettlementChain.StakeView s = chain.stake(a, role);
            if (s.registered() || s.octo().signum() > 0 || s.unbondingOcto().signum() > 0 || s.unbondingRoleAmount().signum() > 0) {
                raw.add(s);
                stakes.add(new RoleStake(role, chain.roleToken(role), s.registered(), s.octo().toString(), s.roleAmount().toString(),
                        s.unbondingOcto().toString(), s.unbondingRoleAmount().toString(),
                        s.unbondReadyAt() == 0 ? null : s.unbondReadyAt()));
            }
        }
        EpochStore store = runtime.epochStore();
        Reputation r = store.reputation(a);
        List<RewardQueries.EpochEarnings> recent = rewards.earnings(a, Optional.empty(), APR_EPOCHS).epochs();
        Map<String, Object> slashes = new LinkedHashMap<>(audit.attestations(null, a));
        slashes.remove("settlementVerdicts"); // summarised per epoch in verdicts
        return new ProviderProfile(a, stakes, new ReputationView(r.passes(), r.fails(), r.bps()), store.verdicts(a, VERDICT_EPOCHS),
                recent.subList(0, Math.min(EARNING_EPOCHS, recent.size())), apr(chain, raw, recent), rewards.rewards(a), slashes);
    }

    private static Optional<Long> timestamp(SettlementChain chain, long block) {
        return Optional.ofNullable(chain.block(block)).map(b -> b.getTimestamp().longValueExact());
    }

    private static List<Apr> apr(SettlementChain chain, List<SettlementChain.StakeView> stakes,
            List<RewardQueries.EpochEarnings> window) {
        Map<String, BigInteger> staked = new LinkedHashMap<>();
        for (SettlementChain.StakeView s : stakes) {
            staked.merge(chain.octoAddress(), s.octo(), BigInteger::add);
            staked.merge(chain.roleToken(s.role()), s.roleAmount(), BigInteger::add);
        }
        if (window.isEmpty()) {
            return List.of();
        }
        long newest = window.get(0).epoch();
        long oldest = window.get(window.size() - 1).epoch();
        // 0 (no APR) while either block is not on this chain yet
        long seconds = timestamp(chain, chain.closingBlock(newest)).flatMap(end -> timestamp(chain, chain.epochStartBlock(oldest))
                .map(start -> end - start)).orElse(0L);
        Map<String, BigInteger> earned = new LinkedHashMap<>();
        for (RewardQueries.EpochEarnings e : window) {
            for (EpochStore.EarnerRow row : e.rewards()) {
                earned.merge(row.token(), new BigInteger(row.amount()), BigInteger::add);
            }
        }
        List<Apr> out = new ArrayList<>();
        staked.forEach((token, amount) -> {
            BigInteger got = earned.getOrDefault(token, BigInteger.ZERO);
            Long bps = amount.signum() > 0 && seconds > 0
                    ? got.multiply(SECONDS_PER_YEAR).multiply(BPS).divide(BigInteger.valueOf(seconds).multiply(amount)).longValue()
                    : null;
            out.add(new Apr(token, got.toString(), amount.toString(), window.size(), seconds, bps));
        });
        return out;
    }
}
