package io.cipherocto.webhooks.dispatch;

/** The chain's head block: its number and timestamp (seconds), which time-based events are measured against. */
@FunctionalInterface
public interface ChainHead {
    Head latest();

    record Head(long number, long timestamp) {
    }
}
