package io.cipherocto.indexer.abi;

import io.cipherocto.chain.events.AbiType;

/**
 * How an event value is stored. Addresses are lower-case 0x-hex, fixed and dynamic bytes 0x-hex, integers wider
 * than a signed 64-bit value {@code numeric(78,0)} (every uint256 fits), arrays JSON arrays of those text forms.
 */
public enum ColumnType {
    TEXT("text", "text[]"),
    BOOLEAN("boolean", "boolean[]"),
    BIGINT("bigint", "bigint[]"),
    NUMERIC("numeric(78,0)", "text[]::numeric[]"),
    JSONB("jsonb", "text[]::jsonb[]");

    private final String sql;
    private final String arrayParameter;

    /**
     * The column type a value of this ABI type is stored as, following what {@code LogDecoder} hands the sink:
     * {@code int64} values as bigint, wider integers as numeric, arrays as jsonb, the rest as text or boolean.
     */
    public static ColumnType of(AbiType type) {
        return switch (type.kind()) {
            case ADDRESS, FIXED_BYTES, BYTES, STRING -> TEXT;
            case BOOL -> BOOLEAN;
            case UINT, INT -> type.decodesAsInt64() ? BIGINT : NUMERIC;
            case ARRAY -> JSONB;
        };
    }

    ColumnType(String sql, String arrayParameter) {
        this.sql = sql;
        this.arrayParameter = arrayParameter;
    }

    /** The column's SQL type in DDL. */
    public String sql() {
        return sql;
    }

    /** The cast of an array parameter in an unnest() insert. */
    public String arrayParameter() {
        return arrayParameter;
    }
}
