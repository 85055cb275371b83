package io.cipherocto.settlement.epoch;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The settlement worker's parameters (from {@code SettlementConfig}, or set directly in tests). */
public record SettlerSettings(Duration attestationDeadline, Optional<BigInteger> emissionPerEpoch,
        long finalityBlocks) {
    public SettlerSettings {
        Objects.requireNonNull(attestationDeadline, "attestationDeadline");
        Objects.requireNonNull(emissionPerEpoch, "emissionPerEpoch");
        if (finalityBlocks < 0) {
            throw new IllegalArgumentException("finalityBlocks must be >= 0");
        }
    }
}
