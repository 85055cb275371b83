package io.cipherocto.contracts.protocol;

import java.math.BigInteger;
import java.util.Objects;
import io.cipherocto.contracts.merkle.Keccak256;

/**
 * The sampling rule of DESIGN.md and {@code AttestationRegistry._isSampled}: a job is sampled iff
 * {@code uint256(keccak256(abi.encode(seed, jobId))) % 1e18 < samplingRateWad}. {@code abi.encode} of two bytes32 is
 * their 64-byte concatenation.
 */
public final class SampleRule {
    public static final BigInteger WAD = BigInteger.TEN.pow(18);

    private SampleRule() {
    }

    /** {@code uint256(keccak256(abi.encode(seed, jobId))) % 1e18}, in [0, 1e18). */
    public static BigInteger draw(byte[] seed, byte[] jobId) {
        byte[] encoded = new byte[64];
        System.arraycopy(bytes32("seed", seed), 0, encoded, 0, 32);
        System.arraycopy(bytes32("jobId", jobId), 0, encoded, 32, 32);
        return new BigInteger(1, Keccak256.hash(encoded)).mod(WAD); // settlement draws every receipt of an epoch
    }

    /**
     * @param samplingRateWad the rate p x 1e18, in [0, 1e18] (1e18 samples every job)
     */
    public static boolean sampled(byte[] seed, byte[] jobId, BigInteger samplingRateWad) {
        Objects.requireNonNull(samplingRateWad, "samplingRateWad");
        if (samplingRateWad.signum() < 0 || samplingRateWad.compareTo(WAD) > 0) {
            throw new IllegalArgumentException("samplingRateWad must be in [0, 1e18], got " + samplingRateWad);
        }
        return draw(seed, jobId).compareTo(samplingRateWad) < 0;
    }

    private static byte[] bytes32(String name, byte[] b) {
        Objects.requireNonNull(b, name);
        if (b.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes, got " + b.length);
        }
        return b;
    }
}
