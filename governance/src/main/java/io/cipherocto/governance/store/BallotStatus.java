package io.cipherocto.governance.store;

import java.util.Locale;

/** Where a ballot is: queued -> submitted -> confirmed | failed. */
public enum BallotStatus {
    QUEUED,
    SUBMITTED,
    CONFIRMED,
    FAILED;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BallotStatus ofDb(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
