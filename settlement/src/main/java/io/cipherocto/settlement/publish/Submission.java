package io.cipherocto.settlement.publish;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/** The arguments of {@code RewardDistributor.submitRoot} for one epoch (addresses lower-case 0x-hex). */
public record Submission(long epoch, String root, List<String> requesters, List<BigInteger> fees, List<String> tokens,
        List<BigInteger> emissions) {
    public Submission {
        Objects.requireNonNull(root, "root");
        requesters = List.copyOf(requesters);
        fees = List.copyOf(fees);
        tokens = List.copyOf(tokens);
        emissions = List.copyOf(emissions);
        if (requesters.size() != fees.size() || tokens.size() != emissions.size()) {
            throw new IllegalArgumentException("length mismatch");
        }
    }
}
