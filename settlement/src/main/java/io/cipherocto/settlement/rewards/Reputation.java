package io.cipherocto.settlement.rewards;

/**
 * The reputation multiplier in basis points, from a provider's attestation history in earlier epochs
 * ({@code passes}, {@code fails}: sample verdicts settlement recorded):
 * {@code bps = clamp(10_000 + 100 * min(passes, 50) - 2_500 * fails, 2_500, 15_000)}.
 * A new provider weighs 1.0x; 50 passed samples give the maximum 1.5x; each recorded fail costs 0.25x, down to 0.25x.
 */
public record Reputation(long passes, long fails) {
    public static final long BASE_BPS = 10_000;
    public static final long PASS_BPS = 100;
    public static final long MAX_COUNTED_PASSES = 50;
    public static final long FAIL_BPS = 2_500;
    public static final long MIN_BPS = 2_500;
    public static final long MAX_BPS = 15_000;
    public static final Reputation NONE = new Reputation(0, 0);

    public Reputation {
        if (passes < 0 || fails < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    public long bps() {
        long fail = Math.min(fails, 1_000);
        long v = BASE_BPS + PASS_BPS * Math.min(passes, MAX_COUNTED_PASSES) - FAIL_BPS * fail;
        return Math.max(MIN_BPS, Math.min(MAX_BPS, v));
    }
}
