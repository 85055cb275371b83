package io.cipherocto.chain.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a log's topics and data by its {@link EventDefinition} into a {@link ValueSink}, one call per parameter:
 * addresses, bytes and strings as text, integers that fit 64 bits as {@code long} (unsigned up to 32 bits), wider ones
 * as their 32-byte word, arrays as JSON text. Strict: data that does not match the ABI raises {@link UndecodableLogException}
 * (the sink may then have received some of the values; the caller discards the row).
 */
public final class LogDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogDecoder() {}

    /**
     * Decodes into {@code sink}.
     *
     * @param topics the log's topics ({@code topicCount} of them, 32 bytes each, topic 0 included)
     * @param data the data bytes {@code data[0 .. dataLength)}
     */
    public static void decode(EventDefinition def, byte[][] topics, int topicCount, byte[] data, int dataLength,
            ValueSink sink) {
        if (topicCount != 1 + def.indexedCount()) {
            throw new UndecodableLogException(def.signature() + ": expected " + (1 + def.indexedCount()) + " topics, got "
                    + topicCount);
        }
        Data d = new Data(data, dataLength);
        int topic = 1;
        int head = 0;
        try {
            for (EventParam p : def.params()) {
                if (p.indexed()) {
                    staticValue(p.type(), new Data(topics[topic++], 32), 0, sink);
                } else {
                    value(p.type(), d, head, 0, sink);
                    head += 32;
                }
            }
        } catch (IndexOutOfBoundsException | ArithmeticException | IllegalArgumentException e) {
            throw new UndecodableLogException(def.signature() + ": data does not match the ABI: " + e.getMessage());
        }
    }

    /**
     * Decodes hex topics and data into the values' Java forms: {@code String} (addresses, bytes, strings, wide
     * integers in decimal, arrays as JSON), {@code Long} or {@code Boolean}. For tests and tools; the indexer streams.
     */
    public static Object[] decode(EventDefinition def, List<String> topics, String dataHex) {
        byte[][] t = new byte[topics.size()][];
        for (int i = 0; i < t.length; i++) {
            t[i] = Hex.decode(topics.get(i));
            if (t[i].length != 32) {
                throw new UndecodableLogException(def.signature() + ": topic is not 32 bytes");
            }
        }
        byte[] data = dataHex == null || dataHex.length() <= 2 ? new byte[0] : Hex.decode(dataHex);
        ObjectSink sink = new ObjectSink();
        decode(def, t, t.length, data, data.length, sink);
        return sink.values.toArray();
    }

    /** Bounds-checked view of the data. */
    private record Data(byte[] b, int length) {
        void check(int pos, int len) {
            if (pos < 0 || len < 0 || pos + len > length) {
                throw new IndexOutOfBoundsException("reads past the end of the data");
            }
        }
    }

    /** The value whose head word is at {@code pos}; {@code base} is where offsets of this level count from. */
    private static void value(AbiType t, Data d, int pos, int base, ValueSink sink) {
        d.check(pos, 32);
        if (t.isStatic()) {
            staticValue(t, d, pos, sink);
            return;
        }
        int at = base + offset(d, pos);
        switch (t.kind()) {
            case BYTES -> {
                int n = length(d, at);
                d.check(at + 32, n);
                sink.bytes(d.b(), at + 32, n);
            }
            case STRING -> sink.string(text(d, at + 32, length(d, at)));
            case ARRAY -> sink.json(array(t.element().orElseThrow(), d, at));
            default -> throw new IllegalStateException(t.canonical());
        }
    }

    private static String array(AbiType el, Data d, int at) {
        int n = length(d, at);
        int contents = at + 32;
        ObjectSink items = new ObjectSink();
        for (int i = 0; i < n; i++) {
            value(el, d, contents + 32 * i, contents, items);
        }
        List<Object> text = new ArrayList<>(n);
        for (Object v : items.values) {
            text.add(v instanceof Long l ? l.toString() : v);
        }
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void staticValue(AbiType t, Data d, int pos, ValueSink sink) {
        d.check(pos, 32);
        byte[] w = d.b();
        switch (t.kind()) {
            case ADDRESS -> sink.address(w, pos + 12);
            case BOOL -> sink.bool(w[pos + 31] != 0);
            case FIXED_BYTES -> sink.bytes(w, pos, t.bits() / 8);
            case UINT, INT -> {
                if (t.decodesAsInt64()) {
                    sink.int64(longAt(w, pos + 24));
                } else {
                    sink.integer(w, pos, t.kind() == AbiType.Kind.INT);
                }
            }
            default -> throw new IllegalStateException(t.canonical());
        }
    }

    /** The big-endian 64-bit value at {@code w[pos .. pos + 8)}. */
    public static long longAt(byte[] w, int pos) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (w[pos + i] & 0xff);
        }
        return v;
    }

    /** The 32-byte word at {@code w[pos ..]} as a number (two's complement when signed). */
    public static BigInteger bigInteger(byte[] w, int pos, boolean signed) {
        byte[] s = new byte[32];
        System.arraycopy(w, pos, s, 0, 32);
        return signed ? new BigInteger(s) : new BigInteger(1, s);
    }

    private static int offset(Data d, int pos) {
        d.check(pos, 32);
        for (int i = pos; i < pos + 28; i++) {
            if (d.b()[i] != 0) {
                throw new IllegalArgumentException("offset out of range");
            }
        }
        long v = longAt(d.b(), pos + 24);
        if (v > d.length()) {
            throw new IllegalArgumentException("offset out of range");
        }
        return (int) v;
    }

    private static int length(Data d, int at) {
        int n = offset(d, at);
        d.check(at + 32, 0);
        return n;
    }

    private static String text(Data d, int at, int len) {
        d.check(at, len);
        String s = new String(d.b(), at, len, StandardCharsets.UTF_8);
        // PostgreSQL text cannot hold NUL; keep the rest of the string.
        return s.indexOf('\u0000') >= 0 ? s.replace("\u0000", "") : s;
    }

    /** Collects the values' Java forms (see {@link #decode(EventDefinition, List, String)}). */
    private static final class ObjectSink implements ValueSink {
        final List<Object> values = new ArrayList<>();

        @Override
        public void address(byte[] src, int off) {
            values.add(Hex.encode(src, off, 20));
        }

        @Override
        public void bool(boolean v) {
            values.add(v);
        }

        @Override
        public void int64(long v) {
            values.add(v);
        }

        @Override
        public void integer(byte[] word, int off, boolean signed) {
            values.add(bigInteger(word, off, signed).toString());
        }

        @Override
        public void bytes(byte[] src, int off, int len) {
            values.add(Hex.encode(src, off, len));
        }

        @Override
        public void string(String s) {
            values.add(s);
        }

        @Override
        public void json(String json) {
            values.add(json);
        }
    }
}
