package io.cipherocto.indexer.store;

import io.cipherocto.indexer.abi.EventDefinition;
import io.cipherocto.indexer.abi.EventParam;
import io.cipherocto.indexer.abi.LogDecoder;
import io.cipherocto.indexer.abi.ValueSink;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rows of one event table in one batch, already in PostgreSQL's binary {@code COPY} format, so that the whole
 * batch is one {@code COPY ... FROM STDIN (FORMAT binary)}: no object per row or per value on the way. A row is the
 * log's position ({@link #begin}), then one {@link ValueSink} call per parameter, then {@link #end} (or
 * {@link #abort} when decoding failed half-way).
 *
 * <p>Column encodings: {@code bigint}/{@code integer} big-endian, text as UTF-8 (hashes and addresses lower-case
 * 0x-hex), {@code boolean} one byte, {@code numeric(78,0)} as base-10000 digit groups, {@code jsonb} as version 1
 * plus the JSON text.
 */
public final class TableRows implements ValueSink {
    /** The binary COPY header: signature, flags, header-extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The binary COPY trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final short NUMERIC_POS = 0x0000;
    private static final short NUMERIC_NEG = 0x4000;

    private final EventDefinition event;
    private final short fields;
    private byte[] buf = new byte[1024];
    private int len;
    private int rows;
    private int rowStart = -1;

    public TableRows(EventDefinition event) {
        this.event = event;
        this.fields = (short) (6 + event.params().size());
    }

    public EventDefinition event() {
        return event;
    }

    /** Rows completed so far. */
    public int size() {
        return rows;
    }

    /** Bytes of row data (without header and trailer). */
    public int byteSize() {
        return len;
    }

    /** The row data: {@code bytes()[0 .. byteSize())}. */
    byte[] bytes() {
        return buf;
    }

    /** Starts a row with the log's position columns; the parameters follow through the {@link ValueSink} calls. */
    public void begin(long block, int logIndex, int txIndex, byte[] blockHash, byte[] txHash, byte[] contract) {
        if (rowStart >= 0) {
            throw new IllegalStateException("row not ended");
        }
        rowStart = len;
        ensure(2 + 12 + 8 + 8 + 3 * 4 + 66 + 66 + 42);
        putShort(fields);
        putInt(8);
        putLong(block);
        putInt(4);
        putInt(logIndex);
        putInt(4);
        putInt(txIndex);
        hex(blockHash, 0, 32);
        hex(txHash, 0, 32);
        hex(contract, 0, 20);
    }

    public void end() {
        if (rowStart < 0) {
            throw new IllegalStateException("no row begun");
        }
        rowStart = -1;
        rows++;
    }

    /** Drops the row begun last (its log could not be decoded). */
    public void abort() {
        if (rowStart >= 0) {
            len = rowStart;
            rowStart = -1;
        }
    }

    /** Position to return to with {@link #truncate}: rows and bytes. */
    long mark() {
        if (rowStart >= 0) {
            throw new IllegalStateException("row not ended");
        }
        return ((long) rows << 32) | len;
    }

    void truncate(long mark) {
        rows = (int) (mark >>> 32);
        len = (int) mark;
        rowStart = -1;
    }

    /** The COPY statement of this event's table (the same for every batch). */
    public static String copySql(EventDefinition d) {
        StringBuilder cols = new StringBuilder("block_number, log_index, tx_index, block_hash, tx_hash, contract");
        for (EventParam p : d.params()) {
            cols.append(", \"").append(p.column()).append('"');
        }
        return "COPY " + d.qualifiedTable() + " (" + cols + ") FROM STDIN (FORMAT binary)";
    }

    // ------------------------------------------------------------------ ValueSink

    @Override
    public void address(byte[] src, int off) {
        hex(src, off, 20);
    }

    @Override
    public void bool(boolean v) {
        ensure(5);
        putInt(1);
        buf[len++] = (byte) (v ? 1 : 0);
    }

    @Override
    public void int64(long v) {
        ensure(12);
        putInt(8);
        putLong(v);
    }

    @Override
    public void integer(byte[] word, int off, boolean signed) {
        boolean fitsLong = true;
        byte fill = signed && word[off + 24] < 0 ? (byte) 0xff : 0;
        for (int i = off; i < off + 24; i++) {
            if (word[i] != fill) {
                fitsLong = false;
                break;
            }
        }
        long low = LogDecoder.longAt(word, off + 24);
        if (fitsLong && (signed || low >= 0) && low != Long.MIN_VALUE) {
            numeric(Math.abs(low), low < 0);
        } else {
            BigInteger v = LogDecoder.bigInteger(word, off, signed);
            numeric(v.abs().toString(), v.signum() < 0);
        }
    }

    @Override
    public void bytes(byte[] src, int off, int len) {
        hex(src, off, len);
    }

    @Override
    public void string(String s) {
        utf8(s);
    }

    @Override
    public void json(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ensure(5 + b.length);
        putInt(1 + b.length);
        buf[len++] = 1; // jsonb binary format version
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    // ------------------------------------------------------------------ encodings

    private void hex(byte[] src, int off, int n) {
        ensure(4 + 2 + 2 * n);
        putInt(2 + 2 * n);
        buf[len++] = '0';
        buf[len++] = 'x';
        for (int i = off; i < off + n; i++) {
            int v = src[i] & 0xff;
            buf[len++] = HEX[v >>> 4];
            buf[len++] = HEX[v & 0x0f];
        }
    }

    private void utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        ensure(4 + b.length);
        putInt(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    /** numeric from a non-negative long: base-10000 groups, most significant first. */
    private void numeric(long abs, boolean negative) {
        short[] groups = new short[5];
        int n = 0;
        while (abs != 0) {
            groups[n++] = (short) (abs % 10_000);
            abs /= 10_000;
        }
        ensure(4 + 8 + 2 * n);
        putInt(8 + 2 * n);
        putShort((short) n); // ndigits
        putShort((short) (n == 0 ? 0 : n - 1)); // weight
        putShort(negative ? NUMERIC_NEG : NUMERIC_POS);
        putShort((short) 0); // dscale
        for (int i = n - 1; i >= 0; i--) {
            putShort(groups[i]);
        }
    }

    /** numeric from the decimal digits of a non-negative integer. */
    private void numeric(String digits, boolean negative) {
        if (digits.equals("0")) {
            numeric(0L, false);
            return;
        }
        int n = (digits.length() + 3) / 4;
        ensure(4 + 8 + 2 * n);
        putInt(8 + 2 * n);
        putShort((short) n);
        putShort((short) (n - 1));
        putShort(negative ? NUMERIC_NEG : NUMERIC_POS);
        putShort((short) 0);
        int first = digits.length() - 4 * (n - 1); // digits in the most significant group
        int at = 0;
        for (int g = 0; g < n; g++) {
            int width = g == 0 ? first : 4;
            int v = 0;
            for (int i = 0; i < width; i++) {
                v = v * 10 + (digits.charAt(at++) - '0');
            }
            putShort((short) v);
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + more, buf.length * 2));
        }
    }

    private void putShort(short v) {
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    @Override
    public String toString() {
        return event.table() + "[" + rows + " rows, " + len + " bytes]";
    }
}
