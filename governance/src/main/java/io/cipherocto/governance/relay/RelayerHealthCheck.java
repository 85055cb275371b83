package io.cipherocto.governance.relay;

import io.cipherocto.governance.GovernanceConfig;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check "relayer": DOWN when the governance role runs but ballots cannot be relayed: no relayer key, no
 * chain, or a relayer balance below {@code octo.governance.relayer.min-balance-wei}. The balance is read at most
 * every 5 seconds.
 */
@Readiness
@ApplicationScoped
public class RelayerHealthCheck implements HealthCheck {
    private static final long CACHE_NANOS = 5_000_000_000L;

    @Inject
    GovernanceRuntime runtime;

    @Inject
    GovernanceConfig config;

    @Inject
    NodeRoles roles;

    @Inject
    RelayerWorker worker;

    private volatile Optional<BigInteger> balance = Optional.empty();
    private volatile long balanceReadAt;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("relayer");
        if (!roles.runs(NodeRole.GOVERNANCE)) {
            return r.up().withData("role", "governance not run here").build();
        }
        Optional<String> address;
        try {
            address = worker.address();
        } catch (RuntimeException e) {
            return r.down().withData("reason", e.getMessage()).build();
        }
        if (address.isEmpty()) {
            return r.down().withData("reason", "octo.governance.relayer-key is not set").build();
        }
        BigInteger min = config.relayer().minBalanceWei();
        r.withData("address", address.get()).withData("minBalanceWei", min.toString());
        try {
            BigInteger b = balance(address.get());
            r.withData("balanceWei", b.toString());
            if (b.compareTo(min) < 0) {
                return r.down().withData("reason", "relayer balance below octo.governance.relayer.min-balance-wei").build();
            }
            return r.up().build();
        } catch (RuntimeException e) {
            return r.down().withData("reason", "cannot read the relayer balance: " + e.getMessage()).build();
        }
    }

    private BigInteger balance(String address) {
        long now = System.nanoTime();
        if (balance.isEmpty() || now - balanceReadAt > CACHE_NANOS) {
            balance = Optional.of(runtime.gateway().balance(address));
            balanceReadAt = now;
        }
        return balance.get();
    }
}
