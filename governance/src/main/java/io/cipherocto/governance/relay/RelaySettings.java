package io.cipherocto.governance.relay;

import io.cipherocto.governance.GovernanceConfig;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How the relayer sends: gas limit, fee bumping, pipelining and confirmation depth. */
public record RelaySettings(long gasLimit, Duration stuckAfter, int bumpPercent, Optional<BigInteger> maxGasPriceWei,
        int maxInFlight, int confirmations) {

    public RelaySettings {
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        Objects.requireNonNull(maxGasPriceWei, "maxGasPriceWei");
        if (gasLimit <= 0 || bumpPercent < 10 || maxInFlight < 1 || confirmations < 1) {
            throw new IllegalArgumentException("relayer settings: gasLimit > 0, bumpPercent >= 10, maxInFlight >= 1, "
                    + "confirmations >= 1");
        }
    }

    public static RelaySettings of(GovernanceConfig.Relayer c) {
        return new RelaySettings(c.gasLimit(), c.stuckAfter(), c.bumpPercent(), c.maxGasPriceWei(), c.maxInFlight(),
                c.confirmations());
    }
}
