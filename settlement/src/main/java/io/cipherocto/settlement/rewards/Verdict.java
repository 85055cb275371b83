package io.cipherocto.settlement.rewards;

import java.util.Locale;

/** What settlement knows of a sampled receipt at the attestation deadline. */
public enum Verdict {
    PASS, FAIL, UNATTESTED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict ofDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
