package io.cipherocto.indexer.store;

import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.chain.events.LogDecoder;
import io.cipherocto.chain.events.ValueSink;
import io.cipherocto.indexer.abi.EventTables;
import java.math.BigInteger;

/**
 * The rows of one event table in one batch, already in PostgreSQL's binary {@code COPY} format ({@link CopyBuffer}),
 * so that the whole batch is one {@code COPY ... FROM STDIN (FORMAT binary)}: no object per row or per value on the
 * way. A row is the log's position ({@link #begin}), then one {@link ValueSink} call per parameter, then {@link #end}
 * (or {@link #abort} when decoding failed half-way).
 *
 * <p>Column encodings: {@code bigint}/{@code integer} big-endian, text as UTF-8 (hashes and addresses lower-case
 * 0x-hex), {@code boolean} one byte, {@code numeric(78,0)} as base-10000 digit groups, {@code jsonb} as version 1
 * plus the JSON text.
 */
public final class TableRows implements ValueSink {
    private final EventDefinition event;
    private final int fields;
    private final CopyBuffer rows = new CopyBuffer(1024);
    private int count;
    private int rowStart = -1;

    public TableRows(EventDefinition event) {
        this.event = event;
        this.fields = 6 + event.params().size();
    }

    public EventDefinition event() {
        return event;
    }

    /** Rows completed so far. */
    public int size() {
        return count;
    }

    /** Bytes of row data (without header and trailer). */
    public int byteSize() {
        return rows.length();
    }

    /** The row data: {@code bytes()[0 .. byteSize())}. */
    byte[] bytes() {
        return rows.bytes();
    }

    /** Starts a row with the log's position columns; the parameters follow through the {@link ValueSink} calls. */
    public void begin(long block, int logIndex, int txIndex, byte[] blockHash, byte[] txHash, byte[] contract) {
        if (rowStart >= 0) {
            throw new IllegalStateException("row not ended");
        }
        rowStart = rows.length();
        rows.row(fields);
        rows.int8(block);
        rows.int4(logIndex);
        rows.int4(txIndex);
        rows.hexText(blockHash, 0, 32);
        rows.hexText(txHash, 0, 32);
        rows.hexText(contract, 0, 20);
    }

    public void end() {
        if (rowStart < 0) {
            throw new IllegalStateException("no row begun");
        }
        rowStart = -1;
        count++;
    }

    /** Drops the row begun last (its log could not be decoded). */
    public void abort() {
        if (rowStart >= 0) {
            rows.truncate(rowStart);
            rowStart = -1;
        }
    }

    /** Position to return to with {@link #truncate}: rows and bytes. */
    long mark() {
        if (rowStart >= 0) {
            throw new IllegalStateException("row not ended");
        }
        return ((long) count << 32) | rows.length();
    }

    void truncate(long mark) {
        count = (int) (mark >>> 32);
        rows.truncate((int) mark);
        rowStart = -1;
    }

    /** The COPY statement of this event's table (the same for every batch). */
    public static String copySql(EventDefinition d) {
        StringBuilder cols = new StringBuilder("block_number, log_index, tx_index, block_hash, tx_hash, contract");
        for (EventParam p : d.params()) {
            cols.append(", \"").append(p.column()).append('"');
        }
        return "COPY " + EventTables.qualified(d) + " (" + cols + ") FROM STDIN (FORMAT binary)";
    }

    // ------------------------------------------------------------------ ValueSink

    @Override
    public void address(byte[] src, int off) {
        rows.hexText(src, off, 20);
    }

    @Override
    public void bool(boolean v) {
        rows.bool(v);
    }

    @Override
    public void int64(long v) {
        rows.int8(v);
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
            rows.numeric(Math.abs(low), low < 0);
        } else {
            BigInteger v = LogDecoder.bigInteger(word, off, signed);
            rows.numeric(v.abs().toString(), v.signum() < 0);
        }
    }

    @Override
    public void bytes(byte[] src, int off, int len) {
        rows.hexText(src, off, len);
    }

    @Override
    public void string(String s) {
        rows.text(s);
    }

    @Override
    public void json(String json) {
        rows.jsonb(json);
    }

    @Override
    public String toString() {
        return EventTables.name(event) + "[" + count + " rows, " + rows.length() + " bytes]";
    }
}
