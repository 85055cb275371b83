package io.cipherocto.chain.events;

import java.util.Objects;
import java.util.Optional;

/**
 * A Solidity ABI type as the suite's events use it: elementary types ({@code address}, {@code bool},
 * {@code uintN}/{@code intN}, {@code bytesN}, {@code bytes}, {@code string}) and dynamic arrays of them
 * ({@code T[]}). Tuples and fixed-size arrays do not occur in the suite's events and are refused.
 */
public record AbiType(String canonical, Kind kind, int bits, Optional<AbiType> element) {
    public enum Kind { ADDRESS, BOOL, UINT, INT, FIXED_BYTES, BYTES, STRING, ARRAY }

    public AbiType {
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(element, "element");
    }

    public static AbiType parse(String type) {
        Objects.requireNonNull(type, "type");
        if (type.endsWith("[]")) {
            AbiType el = parse(type.substring(0, type.length() - 2));
            if (el.kind == Kind.ARRAY) {
                throw new IllegalArgumentException("nested arrays are not supported: " + type);
            }
            return new AbiType(type, Kind.ARRAY, 0, Optional.of(el));
        }
        if (type.endsWith("]") || type.startsWith("tuple") || type.startsWith("(")) {
            throw new IllegalArgumentException("unsupported ABI type in an event: " + type);
        }
        return switch (type) {
            case "address" -> new AbiType(type, Kind.ADDRESS, 160, Optional.empty());
            case "bool" -> new AbiType(type, Kind.BOOL, 8, Optional.empty());
            case "bytes" -> new AbiType(type, Kind.BYTES, 0, Optional.empty());
            case "string" -> new AbiType(type, Kind.STRING, 0, Optional.empty());
            default -> {
                if (type.startsWith("uint")) {
                    yield new AbiType(type, Kind.UINT, bits(type, 4, 256), Optional.empty());
                } else if (type.startsWith("int")) {
                    yield new AbiType(type, Kind.INT, bits(type, 3, 256), Optional.empty());
                } else if (type.startsWith("bytes")) {
                    int n = Integer.parseInt(type.substring(5));
                    if (n < 1 || n > 32) {
                        throw new IllegalArgumentException("bad fixed bytes type: " + type);
                    }
                    yield new AbiType(type, Kind.FIXED_BYTES, n * 8, Optional.empty());
                }
                throw new IllegalArgumentException("unknown ABI type: " + type);
            }
        };
    }

    private static int bits(String type, int prefix, int dflt) {
        return type.length() == prefix ? dflt : Integer.parseInt(type.substring(prefix));
    }

    /** True when the value is encoded in place in one 32-byte word (everything but bytes, string and arrays). */
    public boolean isStatic() {
        return kind != Kind.BYTES && kind != Kind.STRING && kind != Kind.ARRAY;
    }

    /**
     * True for the integers {@link LogDecoder} hands to {@link ValueSink#int64(long)} ({@code uint8..uint32},
     * {@code int8..int64}: they fit a signed 64-bit value); wider integers go to {@link ValueSink#integer}.
     */
    public boolean decodesAsInt64() {
        return switch (kind) {
            case UINT -> bits <= 32;
            case INT -> bits <= 64;
            default -> false;
        };
    }
}
