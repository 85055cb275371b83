package io.cipherocto.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The schema's own scalars: {@code BigInt} (integers of any size as decimal strings: money never travels as a float),
 * {@code Long} (64-bit block numbers, epochs and timestamps as JSON numbers) and {@code JSON} (any value, passed
 * through as the beans return it).
 */
final class Scalars {
    /** Longest decimal accepted as input (a uint256 has 78 digits). */
    private static final int MAX_DIGITS = 78;

    private Scalars() {
    }

    static final GraphQLScalarType BIG_INT = GraphQLScalarType.newScalar().name("BigInt")
            .description("An integer of any size, written as a decimal string").coercing(new Coercing<BigInteger, String>() {
                @Override
                public String serialize(Object v, GraphQLContext c, Locale l) {
                    if (v instanceof BigInteger || v instanceof Long || v instanceof Integer) {
                        return v.toString();
                    }
                    if (v instanceof String s && integer(s) != null) {
                        return s;
                    }
                    throw new CoercingSerializeException("not an integer: " + v);
                }

                @Override
                public BigInteger parseValue(Object v, GraphQLContext c, Locale l) {
                    BigInteger b = v instanceof String s ? integer(s) : v instanceof Integer || v instanceof Long
                            ? BigInteger.valueOf(((Number) v).longValue()) : v instanceof BigInteger bi ? bi : null;
                    if (b == null) {
                        throw new CoercingParseValueException("BigInt: expected a decimal string of an integer");
                    }
                    return b;
                }

                @Override
                public BigInteger parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    BigInteger b = v instanceof StringValue s ? integer(s.getValue()) : v instanceof IntValue i ? i.getValue() : null;
                    if (b == null) {
                        throw new CoercingParseLiteralException("BigInt: expected a decimal string of an integer");
                    }
                    return b;
                }
            }).build();

    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar().name("Long")
            .description("A 64-bit integer").coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object v, GraphQLContext c, Locale l) {
                    if (v instanceof Long || v instanceof Integer || v instanceof Short) {
                        return ((Number) v).longValue();
                    }
                    if (v instanceof BigInteger b && b.bitLength() < 64) {
                        return b.longValue();
                    }
                    throw new CoercingSerializeException("not a 64-bit integer: " + v);
                }

                @Override
                public Long parseValue(Object v, GraphQLContext c, Locale l) {
                    BigInteger b = v instanceof String s ? integer(s) : v instanceof Integer || v instanceof Long
                            ? BigInteger.valueOf(((Number) v).longValue()) : v instanceof BigInteger bi ? bi : null;
                    if (b == null || b.bitLength() >= 64) {
                        throw new CoercingParseValueException("Long: expected a 64-bit integer");
                    }
                    return b.longValue();
                }

                @Override
                public Long parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    BigInteger b = v instanceof StringValue s ? integer(s.getValue()) : v instanceof IntValue i ? i.getValue() : null;
                    if (b == null || b.bitLength() >= 64) {
                        throw new CoercingParseLiteralException("Long: expected a 64-bit integer");
                    }
                    return b.longValue();
                }
            }).build();

    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON")
            .description("Any JSON value").coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object v, GraphQLContext c, Locale l) {
                    return v;
                }

                @Override
                public Object parseValue(Object v, GraphQLContext c, Locale l) {
                    throw new CoercingParseValueException("JSON is an output type only");
                }

                @Override
                public Object parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    throw new CoercingParseLiteralException("JSON is an output type only");
                }
            }).build();

    /** A decimal integer (optional minus sign, at most 78 digits), else null. */
    static BigInteger integer(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_DIGITS + 1) {
            return null;
        }
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return null;
        }
        for (int i = start; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return null;
            }
        }
        return new BigInteger(s);
    }
}
