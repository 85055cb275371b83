package io.cipherocto.platform.crypto;

import java.util.Locale;

/**
 * Chooses the {@link SignatureRecovery} implementation. The default is libsecp256k1 (measured about 30x faster than
 * the pure-Java path, see docs/benchmarks.md "## governance API"), falling back to pure Java where the native
 * library cannot be loaded. {@code -Docto.crypto.recovery=java} (or env OCTO_CRYPTO_RECOVERY=java) forces Java.
 */
public final class SignatureRecoveries {
    private static volatile SignatureRecovery best;

    private SignatureRecoveries() {
    }

    /** The process-wide default implementation (thread-safe, created once). */
    public static SignatureRecovery best() {
        SignatureRecovery b = best;
        if (b == null) {
            synchronized (SignatureRecoveries.class) {
                if (best == null) {
                    best = choose(setting());
                }
                b = best;
            }
        }
        return b;
    }

    /** "java" forces the pure-Java implementation; anything else prefers libsecp256k1. */
    public static SignatureRecovery choose(String preference) {
        if ("java".equals(preference)) {
            return new JavaSignatureRecovery();
        }
        return NativeSignatureRecovery.load().orElseGet(JavaSignatureRecovery::new);
    }

    private static String setting() {
        String p = System.getProperty("octo.crypto.recovery");
        if (p == null) {
            p = System.getenv("OCTO_CRYPTO_RECOVERY");
        }
        return p == null ? "native" : p.trim().toLowerCase(Locale.ROOT);
    }
}
