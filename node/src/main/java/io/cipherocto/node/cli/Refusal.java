package io.cipherocto.node.cli;

/**
 * A verb refuses to act: the transaction would revert (or a friendlier explicit check says why it would), or there is
 * nothing to do. Nothing was sent; the command prints the message and exits 1.
 */
final class Refusal extends RuntimeException {
    Refusal(String message) {
        super(message);
    }
}
