package io.cipherocto.settlement.chain;

/** {@code IRewardDistributor.RootInfo}: root (0x-hex, all zero when none), epoch, activation time, disabled. */
public record RootView(String root, long epoch, long activatesAt, boolean disabled) {
    public static final String ZERO = "0x" + "0".repeat(64);

    public boolean present() {
        return !ZERO.equals(root);
    }
}
