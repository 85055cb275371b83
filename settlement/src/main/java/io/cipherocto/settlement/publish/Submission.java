package io.cipherocto.settlement.publish;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The arguments of {@code RewardDistributor.submitRoot(epoch, root, bundleHash, tokens, emissions)} for one epoch
 * (addresses lower-case 0x-hex). The OCTO fees are not arguments any more (protocol v2): the escrow settles what it
 * reserved for the epoch at commit time.
 */
public record Submission(long epoch, String root, String bundleHash, List<String> tokens, List<BigInteger> emissions) {
    public Submission {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(bundleHash, "bundleHash");
        tokens = List.copyOf(tokens);
        emissions = List.copyOf(emissions);
        if (tokens.size() != emissions.size()) {
            throw new IllegalArgumentException("length mismatch");
        }
    }
}
