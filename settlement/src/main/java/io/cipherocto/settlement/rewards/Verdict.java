package io.cipherocto.settlement.rewards;

import java.util.Locale;

/**
 * What settlement knows of a sampled receipt at the attestation deadline. {@code UNVERIFIABLE}: the job cannot be
 * re-executed at all (its spec was never uploaded, or the verifier gave up on it: inputs unavailable, malformed spec,
 * kernel error); it is decided at once, never waited for, and never rewards the provider (docs/settlement.md).
 */
public enum Verdict {
    PASS, FAIL, UNATTESTED, UNVERIFIABLE;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict ofDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
