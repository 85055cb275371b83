package io.cipherocto.governance.store;

/** A live ballot with the same (proposal, voter) or (voter, nonce) is already stored. */
public final class DuplicateBallotException extends RuntimeException {
    private final boolean sameNonce;

    public DuplicateBallotException(boolean sameNonce, String message) {
        super(message);
        this.sameNonce = sameNonce;
    }

    /** True when the clash is on (voter, nonce), false when on (proposal, voter). */
    public boolean sameNonce() {
        return sameNonce;
    }
}
