package io.cipherocto.platform.crypto;

import java.util.Optional;

/**
 * Recovers the Ethereum address that signed a 32-byte digest with a 65-byte secp256k1 signature
 * {@code r || s || v}, with exactly the acceptance rules of OpenZeppelin's {@code ECDSA.tryRecover}: {@code v} is
 * 27/28 (0/1 is accepted too and means the same), {@code r} and {@code s} are in {@code [1, n)}, and {@code s} is in
 * the lower half of the order (no malleable "high-s" signatures). Anything else recovers nothing.
 *
 * <p>Implementations are thread-safe. Obtain the default (chosen by measurement, see docs/benchmarks.md) with
 * {@link SignatureRecoveries#best()}.
 */
public interface SignatureRecovery {

    /**
     * @param digest32 the signed digest (exactly 32 bytes)
     * @param sig65 {@code r || s || v} (exactly 65 bytes)
     * @return the signer's address as lower-case {@code 0x}-prefixed hex, or empty for a malformed, malleable or
     *     unrecoverable signature
     * @throws IllegalArgumentException if {@code digest32} is not 32 bytes (a programming error, not bad input)
     */
    Optional<String> recoverAddress(byte[] digest32, byte[] sig65);

    /** A short name for logs and benchmarks ("java", "libsecp256k1"). */
    String name();
}
