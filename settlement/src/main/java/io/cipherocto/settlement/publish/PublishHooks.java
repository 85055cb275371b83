package io.cipherocto.settlement.publish;

/**
 * Points in the publication where tests inject a crash (a thrown exception stands for the process dying there).
 * Production uses {@link #NONE}.
 */
public interface PublishHooks {
    PublishHooks NONE = new PublishHooks() {
    };

    /** The signed transaction is stored, not sent. */
    default void afterPersist(PublicationStore.Attempt attempt) {
    }

    /** The transaction is sent, its state not yet recorded, its receipt not yet seen. */
    default void afterSend(PublicationStore.Attempt attempt) {
    }
}
