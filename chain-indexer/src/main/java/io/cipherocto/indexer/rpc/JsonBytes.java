package io.cipherocto.indexer.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small pull reader of JSON bytes, just enough for {@link LogStream}: it walks objects and arrays, hands out hex
 * strings as bytes without making strings of them, and skips any value it is not asked about. Strings with escapes
 * are unescaped; anything that is not JSON is a {@link MalformedJson}.
 */
final class JsonBytes {
    private static final byte[] NIBBLE = new byte[256];

    static {
        Arrays.fill(NIBBLE, (byte) -1);
        for (int i = 0; i < 10; i++) {
            NIBBLE['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            NIBBLE['a' + i] = (byte) (10 + i);
            NIBBLE['A' + i] = (byte) (10 + i);
        }
    }

    /** The input is not the JSON that was expected. */
    static final class MalformedJson extends IOException {
        MalformedJson(String message) {
            super(message);
        }
    }

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private long consumed;
    /** Start and end (exclusive) in {@code buf} of the string just read by {@link #string()}, unescaped. */
    private int strStart;
    private int strEnd;
    /** Where the last string starts while it may still be asked about (kept across refills), or -1. */
    private int mark = -1;

    JsonBytes(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    // ------------------------------------------------------------------ structure

    /** The next non-whitespace byte, not consumed; -1 at the end of the input. */
    int peek() throws IOException {
        while (true) {
            while (pos < limit) {
                byte b = buf[pos];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return b & 0xff;
                }
                pos++;
            }
            if (!fill(1)) {
                return -1;
            }
        }
    }

    void expect(char c) throws IOException {
        int b = peek();
        if (b != c) {
            throw new MalformedJson("expected '" + c + "' but found " + describe(b) + " at byte " + offset());
        }
        pos++;
    }

    /** Consumes {@code c} if it is next. */
    boolean consume(char c) throws IOException {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /**
     * Inside an object or array after its first element: consumes a ',' (true: another element follows) or the
     * closing {@code close} (false).
     */
    boolean more(char close) throws IOException {
        int b = peek();
        pos++;
        if (b == ',') {
            return true;
        }
        if (b == close) {
            return false;
        }
        throw new MalformedJson("expected ',' or '" + close + "' but found " + describe(b) + " at byte " + (offset() - 1));
    }

    /** Reads a field name and the ':' after it; the name is then compared with {@link #stringEquals}. */
    void fieldName() throws IOException {
        string();
        expect(':');
    }

    /** Length of the string just read. */
    int stringLength() {
        return strEnd - strStart;
    }

    boolean stringEquals(byte[] ascii) {
        return Arrays.equals(buf, strStart, strEnd, ascii, 0, ascii.length);
    }

    /** Reads a string value. */
    String text() throws IOException {
        string();
        return new String(buf, strStart, strEnd - strStart, StandardCharsets.UTF_8);
    }

    /** True (consumed) when the next value is {@code null}. */
    boolean nullValue() throws IOException {
        if (peek() != 'n') {
            return false;
        }
        literal("null");
        return true;
    }

    boolean bool() throws IOException {
        int b = peek();
        if (b == 't') {
            literal("true");
            return true;
        }
        if (b == 'f') {
            literal("false");
            return false;
        }
        throw new MalformedJson("expected a boolean but found " + describe(b) + " at byte " + offset());
    }

    /** Skips one value of any kind (objects and arrays to any depth). */
    void skipValue() throws IOException {
        boolean[] objects = new boolean[16]; // the open containers: true for an object
        int depth = 0;
        while (true) {
            int b = peek();
            boolean complete = true;
            if (b == '{' || b == '[') {
                pos++;
                if (!consume(b == '{' ? '}' : ']')) {
                    if (depth == objects.length) {
                        objects = Arrays.copyOf(objects, depth * 2);
                    }
                    objects[depth++] = b == '{';
                    if (b == '{') {
                        fieldName();
                    }
                    complete = false;
                }
            } else if (b == '"') {
                string();
            } else if (b == 't') {
                literal("true");
            } else if (b == 'f') {
                literal("false");
            } else if (b == 'n') {
                literal("null");
            } else if (b == -1) {
                throw new MalformedJson("input ends inside a value");
            } else {
                numberSpan();
            }
            while (complete) {
                if (depth == 0) {
                    return;
                }
                int c = peek();
                pos++;
                boolean object = objects[depth - 1];
                if (c == ',') {
                    if (object) {
                        fieldName();
                    }
                    complete = false;
                } else if (c == (object ? '}' : ']')) {
                    depth--;
                } else {
                    throw new MalformedJson("unexpected " + describe(c) + " at byte " + (offset() - 1));
                }
            }
        }
    }

    // ------------------------------------------------------------------ values

    /** A hex string ("0x" optional) of exactly {@code n} bytes, decoded into {@code out[off ..]}. */
    void hex(byte[] out, int off, int n, String field) throws IOException {
        // Fast path: "0x" + 2n digits + closing quote already in the buffer; the digits are checked while decoding
        // (a quote or backslash is not a hex digit, so a string that is not this shape falls through or fails).
        if (peek() == '"' && limit - pos >= 4 + 2 * n && buf[pos + 1] == '0' && buf[pos + 2] == 'x'
                && buf[pos + 3 + 2 * n] == '"') {
            mark = -1;
            decode(pos + 3, out, off, n, field);
            pos += 4 + 2 * n;
            return;
        }
        string();
        int s = strStart;
        if (strEnd - s >= 2 && buf[s] == '0' && (buf[s + 1] == 'x' || buf[s + 1] == 'X')) {
            s += 2;
        }
        if (strEnd - s != 2 * n) {
            throw new MalformedJson(field + " is not " + n + " bytes");
        }
        decode(s, out, off, n, field);
    }

    /** A hex string of any even length: its byte count (call {@link #hexTo} next to decode it). */
    int hexLength(String field) throws IOException {
        string();
        if (strEnd - strStart >= 2 && buf[strStart] == '0' && (buf[strStart + 1] == 'x' || buf[strStart + 1] == 'X')) {
            strStart += 2;
        }
        int chars = strEnd - strStart;
        if ((chars & 1) != 0) {
            throw new MalformedJson(field + " has an odd number of hex digits");
        }
        return chars / 2;
    }

    /** Decodes the string measured by {@link #hexLength} into {@code out[0 ..]}. */
    void hexTo(byte[] out, String field) throws IOException {
        decode(strStart, out, 0, (strEnd - strStart) / 2, field);
    }

    /** A hex quantity ("0x1a") that fits a non-negative long. */
    long quantity(String field) throws IOException {
        string();
        int s = strStart;
        if (strEnd - s >= 2 && buf[s] == '0' && (buf[s + 1] == 'x' || buf[s + 1] == 'X')) {
            s += 2;
        }
        int digits = strEnd - s;
        if (digits < 1 || digits > 16) {
            throw new MalformedJson(field + " is not a quantity");
        }
        long v = 0;
        for (int i = s; i < strEnd; i++) {
            int d = NIBBLE[buf[i] & 0xff];
            if (d < 0) {
                throw new MalformedJson(field + " is not a quantity");
            }
            v = (v << 4) | d;
        }
        if (v < 0) {
            throw new MalformedJson(field + " is out of range");
        }
        return v;
    }

    /** A JSON integer that fits a long. */
    long integer() throws IOException {
        int start = numberSpan();
        String text = new String(buf, start, pos - start, StandardCharsets.US_ASCII);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MalformedJson("not an integer: " + text);
        }
    }

    private void decode(int from, byte[] out, int off, int n, String field) throws MalformedJson {
        byte[] b = buf;
        for (int i = 0; i < n; i++) {
            int hi = NIBBLE[b[from + 2 * i] & 0xff];
            int lo = NIBBLE[b[from + 2 * i + 1] & 0xff];
            if ((hi | lo) < 0) {
                throw new MalformedJson(field + " is not hex");
            }
            out[off + i] = (byte) ((hi << 4) | lo);
        }
    }

    // ------------------------------------------------------------------ tokens

    /** Reads a string into {@code buf[strStart .. strEnd)}, unescaped; valid until the next read. */
    private void string() throws IOException {
        mark = -1;
        expect('"');
        int i = pos;
        while (true) {
            if (i == limit) {
                int done = i - pos;
                if (!fill(done + 1)) {
                    throw new MalformedJson("input ends inside a string");
                }
                i = pos + done;
                continue;
            }
            byte c = buf[i];
            if (c == '"') {
                strStart = pos;
                strEnd = i;
                mark = strStart;
                pos = i + 1;
                return;
            }
            if (c == '\\') {
                escaped(i);
                return;
            }
            i++;
        }
    }

    /** The slow path: a string with escapes, unescaped into a side buffer that then replaces the window. */
    private void escaped(int firstEscape) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(buf, pos, firstEscape - pos);
        pos = firstEscape;
        while (true) {
            if (pos == limit && !fill(1)) {
                throw new MalformedJson("input ends inside a string");
            }
            byte c = buf[pos++];
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                out.write(c);
                continue;
            }
            if (pos == limit && !fill(1)) {
                throw new MalformedJson("input ends inside a string");
            }
            byte e = buf[pos++];
            switch (e) {
                case '"', '\\', '/' -> out.write(e);
                case 'b' -> out.write('\b');
                case 'f' -> out.write('\f');
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'u' -> {
                    if (limit - pos < 4 && !fill(4)) {
                        throw new MalformedJson("input ends inside a string");
                    }
                    int cp = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = NIBBLE[buf[pos++] & 0xff];
                        if (d < 0) {
                            throw new MalformedJson("bad \\u escape");
                        }
                        cp = (cp << 4) | d;
                    }
                    out.writeBytes(String.valueOf((char) cp).getBytes(StandardCharsets.UTF_8));
                }
                default -> throw new MalformedJson("bad escape \\" + (char) e);
            }
        }
        // Put the unescaped bytes in front of the unread rest of the window.
        byte[] s = out.toByteArray();
        int rest = limit - pos;
        byte[] nb = new byte[Math.max(buf.length, s.length + rest)];
        System.arraycopy(s, 0, nb, 0, s.length);
        System.arraycopy(buf, pos, nb, s.length, rest);
        consumed += pos - s.length;
        buf = nb;
        strStart = 0;
        strEnd = s.length;
        mark = 0;
        pos = s.length;
        limit = s.length + rest;
    }

    private int numberSpan() throws IOException {
        peek();
        int i = pos;
        while (true) {
            if (i == limit) {
                int done = i - pos;
                if (!fill(done + 1)) {
                    break;
                }
                i = pos + done;
                continue;
            }
            byte c = buf[i];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                i++;
            } else {
                break;
            }
        }
        if (i == pos) {
            throw new MalformedJson("unexpected " + describe(pos < limit ? buf[pos] & 0xff : -1) + " at byte " + offset());
        }
        int start = pos;
        pos = i;
        return start;
    }

    private void literal(String word) throws IOException {
        if (limit - pos < word.length() && !fill(word.length())) {
            throw new MalformedJson("input ends inside " + word);
        }
        for (int k = 0; k < word.length(); k++) {
            if (buf[pos + k] != word.charAt(k)) {
                throw new MalformedJson("expected " + word + " at byte " + offset());
            }
        }
        pos += word.length();
    }

    /**
     * Makes at least {@code need} unread bytes available from {@code pos}, moving what is still needed (the unread
     * rest and the last string) to the front and growing the buffer when needed; false when the input ends first.
     */
    private boolean fill(int need) throws IOException {
        int keep = mark >= 0 && mark < pos ? mark : pos;
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            consumed += keep;
            pos -= keep;
            limit -= keep;
            strStart -= keep;
            strEnd -= keep;
            if (mark >= 0) {
                mark -= keep;
            }
        }
        if (pos + need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(pos + need, buf.length * 2));
        }
        while (limit < pos + need) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                return false;
            }
            limit += n;
        }
        return true;
    }

    private long offset() {
        return consumed + pos;
    }

    private static String describe(int b) {
        return b < 0 ? "the end of the input" : "'" + (char) b + "'";
    }
}
