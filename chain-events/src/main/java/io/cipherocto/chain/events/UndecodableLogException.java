package io.cipherocto.chain.events;

/** A log whose topics or data do not match the ABI of the event its topic0 names. */
public class UndecodableLogException extends RuntimeException {
    public UndecodableLogException(String message) {
        super(message);
    }
}
