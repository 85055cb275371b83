package io.cipherocto.indexer.abi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a log's topics and data into column values by its {@link EventDefinition}: text (addresses, bytes,
 * strings, integers wider than 64 bits as decimal), {@code Long} or {@code Boolean}, arrays as JSON text. Strict:
 * data that does not match the ABI raises {@link UndecodableLogException}.
 */
public final class LogDecoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LogDecoder() {}

    public static Object[] decode(EventDefinition def, List<String> topics, String dataHex) {
        if (topics.size() != 1 + def.indexedCount()) {
            throw new UndecodableLogException(def.signature() + ": expected " + (1 + def.indexedCount()) + " topics, got "
                    + topics.size());
        }
        byte[] data = dataHex == null || dataHex.length() <= 2 ? new byte[0] : Hex.decode(dataHex);
        Object[] values = new Object[def.params().size()];
        int topic = 1;
        int head = 0;
        try {
            for (int i = 0; i < values.length; i++) {
                EventParam p = def.params().get(i);
                if (p.indexed()) {
                    byte[] word = Hex.decode(topics.get(topic++));
                    if (word.length != 32) {
                        throw new UndecodableLogException(def.signature() + ": topic is not 32 bytes");
                    }
                    values[i] = staticValue(p.type(), word, 0);
                } else {
                    values[i] = value(p.type(), data, head, 0);
                    head += 32;
                }
            }
        } catch (IndexOutOfBoundsException | ArithmeticException | IllegalArgumentException e) {
            throw new UndecodableLogException(def.signature() + ": data does not match the ABI: " + e.getMessage());
        }
        return values;
    }

    /** The value whose head word is at {@code pos}; {@code base} is where offsets of this level count from. */
    private static Object value(AbiType t, byte[] data, int pos, int base) {
        check(data, pos, 32);
        if (t.isStatic()) {
            return staticValue(t, data, pos);
        }
        int at = base + offset(data, pos);
        return switch (t.kind()) {
            case BYTES -> Hex.encode(data, at + 32, length(data, at));
            case STRING -> text(data, at + 32, length(data, at));
            case ARRAY -> array(t.element().orElseThrow(), data, at);
            default -> throw new IllegalStateException(t.canonical());
        };
    }

    private static String array(AbiType el, byte[] data, int at) {
        int n = length(data, at);
        int contents = at + 32;
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = value(el, data, contents + 32 * i, contents);
            items.add(v instanceof Long l ? l.toString() : v);
        }
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Object staticValue(AbiType t, byte[] w, int pos) {
        check(w, pos, 32);
        return switch (t.kind()) {
            case ADDRESS -> Hex.encode(w, pos + 12, 20);
            case BOOL -> w[pos + 31] != 0;
            case FIXED_BYTES -> Hex.encode(w, pos, t.bits() / 8);
            case UINT -> t.bits() <= 32 ? (Object) longAt(w, pos + 24) : unsigned(w, pos);
            case INT -> t.bits() <= 64 ? (Object) longAt(w, pos + 24) : new BigInteger(slice(w, pos)).toString();
            default -> throw new IllegalStateException(t.canonical());
        };
    }

    private static String unsigned(byte[] w, int pos) {
        boolean small = true;
        for (int i = pos; i < pos + 24; i++) {
            if (w[i] != 0) {
                small = false;
                break;
            }
        }
        long low = longAt(w, pos + 24);
        if (small && low >= 0) {
            return Long.toString(low);
        }
        return new BigInteger(1, slice(w, pos)).toString();
    }

    private static byte[] slice(byte[] w, int pos) {
        byte[] s = new byte[32];
        System.arraycopy(w, pos, s, 0, 32);
        return s;
    }

    private static long longAt(byte[] w, int pos) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (w[pos + i] & 0xff);
        }
        return v;
    }

    private static int offset(byte[] data, int pos) {
        for (int i = pos; i < pos + 28; i++) {
            if (data[i] != 0) {
                throw new IllegalArgumentException("offset out of range");
            }
        }
        long v = longAt(data, pos + 24);
        if (v > data.length) {
            throw new IllegalArgumentException("offset out of range");
        }
        return (int) v;
    }

    private static int length(byte[] data, int at) {
        int n = offset(data, at);
        check(data, at + 32, 0);
        return n;
    }

    private static void check(byte[] data, int pos, int len) {
        if (pos < 0 || pos + len > data.length) {
            throw new IndexOutOfBoundsException("reads past the end of the data");
        }
    }

    private static String text(byte[] data, int at, int len) {
        check(data, at, len);
        String s = new String(data, at, len, StandardCharsets.UTF_8);
        // PostgreSQL text cannot hold NUL; keep the rest of the string.
        return s.indexOf('\u0000') >= 0 ? s.replace("\u0000", "") : s;
    }
}
