package io.cipherocto.indexer.rpc;

/**
 * A JSON-RPC call that failed. {@link #rangeTooLarge()} tells the caller to ask for fewer blocks (the node refused
 * the result size, or the request timed out).
 */
public class RpcException extends Exception {
    private final boolean rangeTooLarge;

    public RpcException(String message, boolean rangeTooLarge, Throwable cause) {
        super(message, cause);
        this.rangeTooLarge = rangeTooLarge;
    }

    public boolean rangeTooLarge() {
        return rangeTooLarge;
    }
}
