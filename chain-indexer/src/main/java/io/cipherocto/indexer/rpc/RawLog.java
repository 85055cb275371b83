package io.cipherocto.indexer.rpc;

import java.util.Arrays;

/**
 * One log of an {@code eth_getLogs} answer, decoded from hex into bytes as it streams past. The instance is reused
 * for every log of a response: a consumer copies what it keeps before it returns.
 */
public final class RawLog {
    public static final int MAX_TOPICS = 4;

    final byte[] address = new byte[20];
    final byte[][] topics = new byte[MAX_TOPICS][32];
    int topicCount;
    byte[] data = new byte[256];
    int dataLength;
    long blockNumber = -1;
    final byte[] blockHash = new byte[32];
    long blockTimestamp = -1;
    final byte[] transactionHash = new byte[32];
    long transactionIndex = -1;
    long logIndex = -1;
    boolean removed;
    int seen;

    static final int ADDRESS = 1;
    static final int TOPICS = 2;
    static final int DATA = 4;
    static final int BLOCK_NUMBER = 8;
    static final int BLOCK_HASH = 16;
    static final int TX_HASH = 32;
    static final int TX_INDEX = 64;
    static final int LOG_INDEX = 128;
    static final int REQUIRED = ADDRESS | TOPICS | DATA | BLOCK_NUMBER | BLOCK_HASH | TX_HASH | TX_INDEX | LOG_INDEX;

    void reset() {
        topicCount = 0;
        dataLength = 0;
        blockNumber = -1;
        blockTimestamp = -1;
        transactionIndex = -1;
        logIndex = -1;
        removed = false;
        seen = 0;
    }

    byte[] dataCapacity(int n) {
        if (data.length < n) {
            data = Arrays.copyOf(data, Math.max(n, data.length * 2));
        }
        return data;
    }

    /** The emitting contract (20 bytes; do not modify). */
    public byte[] address() {
        return address;
    }

    public int topicCount() {
        return topicCount;
    }

    /** The topics array: the first {@link #topicCount()} entries are this log's (32 bytes each; do not modify). */
    public byte[][] topics() {
        return topics;
    }

    /** Topic {@code i} (32 bytes; do not modify). */
    public byte[] topic(int i) {
        if (i < 0 || i >= topicCount) {
            throw new IndexOutOfBoundsException("topic " + i + " of " + topicCount);
        }
        return topics[i];
    }

    /** The data bytes: {@code data()[0 .. dataLength())}. */
    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    public long blockNumber() {
        return blockNumber;
    }

    public byte[] blockHash() {
        return blockHash;
    }

    /** The block's timestamp when the node includes {@code blockTimestamp} in its logs, else -1. */
    public long blockTimestamp() {
        return blockTimestamp;
    }

    public byte[] transactionHash() {
        return transactionHash;
    }

    public long transactionIndex() {
        return transactionIndex;
    }

    public long logIndex() {
        return logIndex;
    }

    public boolean removed() {
        return removed;
    }
}
