package io.cipherocto.indexer.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads an {@code eth_getLogs} JSON-RPC answer as it arrives and hands each log to a consumer as a reused
 * {@link RawLog}, hex already decoded: no object per log, no string per field. Field order does not matter;
 * unknown fields are skipped; a log without a required field, a hex field of the wrong length or a body that ends
 * early is an {@link RpcException} (the caller retries).
 */
final class LogStream {
    static final int BUFFER = 64 * 1024;

    private static final byte[] RESULT = ascii("result");
    private static final byte[] ERROR = ascii("error");
    private static final byte[] MESSAGE = ascii("message");
    private static final byte[] CODE = ascii("code");
    private static final byte[] ADDRESS = ascii("address");
    private static final byte[] TOPICS = ascii("topics");
    private static final byte[] DATA = ascii("data");
    private static final byte[] BLOCK_NUMBER = ascii("blockNumber");
    private static final byte[] BLOCK_HASH = ascii("blockHash");
    private static final byte[] BLOCK_TIMESTAMP = ascii("blockTimestamp");
    private static final byte[] TX_HASH = ascii("transactionHash");
    private static final byte[] TX_INDEX = ascii("transactionIndex");
    private static final byte[] LOG_INDEX = ascii("logIndex");
    private static final byte[] REMOVED = ascii("removed");

    private LogStream() {}

    /**
     * Parses the answer, calling {@code each} for every log in order.
     *
     * @param tooLarge tells from a JSON-RPC error message whether the node refused the range's size
     * @return the number of logs
     * @throws RpcException for a JSON-RPC error object or an answer that is not a well-formed {@code eth_getLogs}
     *     result
     * @throws IOException when reading the body fails
     */
    static int read(InputStream body, Consumer<RawLog> each, Predicate<String> tooLarge) throws RpcException, IOException {
        return read(new JsonBytes(body, BUFFER), each, tooLarge);
    }

    static int read(JsonBytes in, Consumer<RawLog> each, Predicate<String> tooLarge) throws RpcException, IOException {
        try {
            int count = -1;
            String error = null;
            long errorCode = 0;
            in.expect('{');
            if (!in.consume('}')) {
                do {
                    in.fieldName();
                    if (in.stringEquals(RESULT)) {
                        count = in.nullValue() ? 0 : logs(in, each);
                    } else if (in.stringEquals(ERROR) && in.peek() == '{') {
                        error = "";
                        in.expect('{');
                        if (!in.consume('}')) {
                            do {
                                in.fieldName();
                                if (in.stringEquals(MESSAGE) && in.peek() == '"') {
                                    error = in.text();
                                } else if (in.stringEquals(CODE) && in.peek() != '"') {
                                    errorCode = in.integer();
                                } else {
                                    in.skipValue();
                                }
                            } while (in.more('}'));
                        }
                    } else {
                        in.skipValue();
                    }
                } while (in.more('}'));
            }
            if (error != null) {
                throw new RpcException("eth_getLogs: " + error + " (code " + errorCode + ")", tooLarge.test(error), null);
            }
            if (count < 0) {
                throw new RpcException("eth_getLogs: answer without result or error", false, null);
            }
            return count;
        } catch (JsonBytes.MalformedJson e) {
            throw new RpcException("eth_getLogs: malformed answer: " + e.getMessage(), false, e);
        }
    }

    private static int logs(JsonBytes in, Consumer<RawLog> each) throws IOException, RpcException {
        RawLog log = new RawLog();
        int n = 0;
        in.expect('[');
        if (in.consume(']')) {
            return 0;
        }
        do {
            log.reset();
            in.expect('{');
            if (!in.consume('}')) {
                do {
                    in.fieldName();
                    field(in, log);
                } while (in.more('}'));
            }
            if ((log.seen & RawLog.REQUIRED) != RawLog.REQUIRED) {
                throw new RpcException("eth_getLogs: log without " + missing(log.seen), false, null);
            }
            each.accept(log);
            n++;
        } while (in.more(']'));
        return n;
    }

    /** One field of a log, dispatched on the name's length and a distinguishing byte before the full compare. */
    private static void field(JsonBytes in, RawLog log) throws IOException, RpcException {
        switch (in.stringLength()) {
            case 4 -> {
                if (in.stringEquals(DATA)) {
                    int n = in.hexLength("data");
                    in.hexTo(log.dataCapacity(n), "data");
                    log.dataLength = n;
                    log.seen |= RawLog.DATA;
                    return;
                }
            }
            case 6 -> {
                if (in.stringEquals(TOPICS)) {
                    topics(in, log);
                    return;
                }
            }
            case 7 -> {
                if (in.stringEquals(ADDRESS)) {
                    in.hex(log.address, 0, 20, "address");
                    log.seen |= RawLog.ADDRESS;
                    return;
                }
                if (in.stringEquals(REMOVED)) {
                    log.removed = in.bool();
                    return;
                }
            }
            case 8 -> {
                if (in.stringEquals(LOG_INDEX)) {
                    log.logIndex = in.quantity("logIndex");
                    log.seen |= RawLog.LOG_INDEX;
                    return;
                }
            }
            case 9 -> {
                if (in.stringEquals(BLOCK_HASH)) {
                    in.hex(log.blockHash, 0, 32, "blockHash");
                    log.seen |= RawLog.BLOCK_HASH;
                    return;
                }
            }
            case 11 -> {
                if (in.stringEquals(BLOCK_NUMBER)) {
                    log.blockNumber = in.quantity("blockNumber");
                    log.seen |= RawLog.BLOCK_NUMBER;
                    return;
                }
            }
            case 14 -> {
                if (in.stringEquals(BLOCK_TIMESTAMP)) {
                    if (!in.nullValue()) {
                        log.blockTimestamp = in.quantity("blockTimestamp");
                    }
                    return;
                }
            }
            case 15 -> {
                if (in.stringEquals(TX_HASH)) {
                    in.hex(log.transactionHash, 0, 32, "transactionHash");
                    log.seen |= RawLog.TX_HASH;
                    return;
                }
            }
            case 16 -> {
                if (in.stringEquals(TX_INDEX)) {
                    log.transactionIndex = in.quantity("transactionIndex");
                    log.seen |= RawLog.TX_INDEX;
                    return;
                }
            }
            default -> {
                // not a field of a log: skipped below
            }
        }
        in.skipValue();
    }

    private static void topics(JsonBytes in, RawLog log) throws IOException, RpcException {
        in.expect('[');
        if (!in.consume(']')) {
            do {
                if (log.topicCount == RawLog.MAX_TOPICS) {
                    throw new RpcException("eth_getLogs: log with more than 4 topics", false, null);
                }
                in.hex(log.topics[log.topicCount++], 0, 32, "topic");
            } while (in.more(']'));
        }
        log.seen |= RawLog.TOPICS;
    }

    private static String missing(int seen) {
        String[] names = {"address", "topics", "data", "blockNumber", "blockHash", "transactionHash", "transactionIndex",
            "logIndex"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((seen & (1 << i)) == 0) {
                b.append(b.isEmpty() ? "" : ", ").append(names[i]);
            }
        }
        return b.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
