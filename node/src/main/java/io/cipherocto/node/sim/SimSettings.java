package io.cipherocto.node.sim;

import io.cipherocto.platform.kernel.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Knobs of {@code octo start-dev --simulate}, read from system properties ({@code -Docto.sim.*}); the defaults give a
 * lively but deterministic network.
 *
 * @param seed              seed of the simulated jobs ({@code octo.sim.seed}); the same seed gives the same jobs per epoch
 * @param jobsPerEpoch      jobs (receipts) per epoch ({@code octo.sim.jobs-per-epoch}, default 32)
 * @param cheatPerMille     share of the cheating provider's (#4) jobs with a wrong output ({@code octo.sim.cheat-per-mille}, 300)
 * @param samplingRateWad   sampling rate the simulation sets on the dev chain ({@code octo.sim.sampling-rate}, a fraction,
 *                          default 0.5; {@code governed} keeps the deployed rate)
 * @param activationDelay   reward-root activation delay in seconds the simulation sets on the dev chain
 *                          ({@code octo.sim.activation-delay}, default 10; {@code governed} keeps the deployed delay)
 * @param extraVerifiers    addresses registered as verifiers besides the node's own, the quorum then being all of them
 *                          ({@code octo.sim.extra-verifiers}, comma-separated; default none): other operators' nodes
 *                          must co-sign every fail attestation
 * @param selfClaimers      simulated providers (of 1..4) that claim with their own wallet, so the simulation leaves their
 *                          rewards unclaimed ({@code octo.sim.self-claimers}, comma-separated; default none; the console's
 *                          browser test claims as provider #3 through the web console)
 */
public record SimSettings(String seed, int jobsPerEpoch, int cheatPerMille, Optional<BigInteger> samplingRateWad,
        Optional<Long> activationDelay, List<String> extraVerifiers, java.util.Set<Integer> selfClaimers) {
    private static final BigDecimal WAD = BigDecimal.TEN.pow(18);

    public SimSettings {
        if (jobsPerEpoch < 1 || jobsPerEpoch > 1000) {
            throw new IllegalArgumentException("octo.sim.jobs-per-epoch must be in 1..1000, got " + jobsPerEpoch);
        }
        if (cheatPerMille < 0 || cheatPerMille > 1000) {
            throw new IllegalArgumentException("octo.sim.cheat-per-mille must be in 0..1000, got " + cheatPerMille);
        }
        samplingRateWad.ifPresent(r -> {
            if (r.signum() < 0 || r.compareTo(WAD.toBigInteger()) > 0) {
                throw new IllegalArgumentException("octo.sim.sampling-rate must be in [0, 1]");
            }
        });
        extraVerifiers = List.copyOf(extraVerifiers);
        for (String v : extraVerifiers) {
            if (!Address.isValid(v)) {
                throw new IllegalArgumentException("octo.sim.extra-verifiers: not an address: " + v);
            }
        }
        selfClaimers = java.util.Set.copyOf(selfClaimers);
        for (int p : selfClaimers) {
            if (java.util.Arrays.stream(DevSimulation.PROVIDERS).noneMatch(x -> x == p)) {
                throw new IllegalArgumentException("octo.sim.self-claimers: " + p + " is not one of the simulated providers "
                        + Arrays.toString(DevSimulation.PROVIDERS));
            }
        }
        activationDelay.ifPresent(d -> {
            if (d < 0) {
                throw new IllegalArgumentException("octo.sim.activation-delay must be >= 0");
            }
        });
    }

    /** From the {@code octo.sim.*} system properties. */
    public static SimSettings fromSystemProperties() {
        String rate = System.getProperty("octo.sim.sampling-rate", "0.5").trim();
        String delay = System.getProperty("octo.sim.activation-delay", "10").trim();
        return new SimSettings(System.getProperty("octo.sim.seed", "cipherocto-dev-sim"),
                Integer.parseInt(System.getProperty("octo.sim.jobs-per-epoch", "32").trim()),
                Integer.parseInt(System.getProperty("octo.sim.cheat-per-mille", "300").trim()),
                rate.equalsIgnoreCase("governed") ? Optional.empty()
                        : Optional.of(new BigDecimal(rate).multiply(WAD).toBigInteger()),
                delay.equalsIgnoreCase("governed") ? Optional.empty() : Optional.of(Long.parseLong(delay)),
                Arrays.stream(System.getProperty("octo.sim.extra-verifiers", "").split(",")).map(String::trim)
                        .filter(v -> !v.isEmpty()).toList(),
                Arrays.stream(System.getProperty("octo.sim.self-claimers", "").split(",")).map(String::trim)
                        .filter(v -> !v.isEmpty()).map(Integer::valueOf).collect(java.util.stream.Collectors.toSet()));
    }
}
