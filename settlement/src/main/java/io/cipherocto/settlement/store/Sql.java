package io.cipherocto.settlement.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import io.vertx.sqlclient.data.Numeric;

/** Conversions between wei amounts and PostgreSQL NUMERIC(78,0) values of the reactive client. */
public final class Sql {
    private Sql() {
    }

    public static Numeric numeric(BigInteger v) {
        return Numeric.create(new BigDecimal(v));
    }

    /** A NUMERIC column value (Numeric, BigDecimal or any Number) as a BigInteger; null as zero. */
    public static BigInteger big(Object v) {
        if (v == null) {
            return BigInteger.ZERO;
        }
        if (v instanceof Numeric n) {
            return n.bigIntegerValue();
        }
        if (v instanceof BigDecimal d) {
            return d.toBigIntegerExact();
        }
        if (v instanceof BigInteger b) {
            return b;
        }
        if (v instanceof Number n) {
            return BigInteger.valueOf(n.longValue());
        }
        return new BigInteger(v.toString());
    }
}
