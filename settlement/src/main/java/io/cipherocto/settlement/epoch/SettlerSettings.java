package io.cipherocto.settlement.epoch;

import io.cipherocto.settlement.rewards.UnattestedPolicy;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The settlement worker's parameters (from {@code SettlementConfig}, or set directly in tests). */
public record SettlerSettings(Duration attestationDeadline, UnattestedPolicy policy, Optional<BigInteger> emissionPerEpoch,
        long finalityBlocks) {
    public SettlerSettings {
        Objects.requireNonNull(attestationDeadline, "attestationDeadline");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(emissionPerEpoch, "emissionPerEpoch");
        if (finalityBlocks < 0) {
            throw new IllegalArgumentException("finalityBlocks must be >= 0");
        }
    }
}
