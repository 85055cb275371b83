package io.cipherocto.settlement.voucher;

import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.store.Sql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.math.BigInteger;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code settlement.vouchers}: the highest voucher each requester signed for each epoch (a lower or equal one never
 * replaces it). Settlement presents these when it commits the epoch.
 */
public class VoucherStore {
    private final Pool pool;

    public VoucherStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** A stored voucher and its signature. */
    public record StoredVoucher(String requester, long epoch, BigInteger maxAmount, String signature) {
        public byte[] signatureBytes() {
            return Hex.decode(signature);
        }
    }

    /** Keeps the voucher if it raises the requester's ceiling for the epoch. */
    public void upsert(String requester, long epoch, BigInteger maxAmount, String signature) {
        pool.preparedQuery("INSERT INTO settlement.vouchers AS v (requester, epoch, max_amount, signature) "
                + "VALUES ($1, $2, $3, $4) ON CONFLICT (requester, epoch) DO UPDATE "
                + "SET max_amount = EXCLUDED.max_amount, signature = EXCLUDED.signature, received_at = now() "
                + "WHERE v.max_amount < EXCLUDED.max_amount")
                .executeAndAwait(Tuple.of(requester, epoch, Sql.numeric(maxAmount), signature));
    }

    /** The epoch's vouchers by requester. */
    public SortedMap<String, StoredVoucher> epoch(long epoch) {
        SortedMap<String, StoredVoucher> out = new TreeMap<>();
        for (Row r : pool.preparedQuery("SELECT requester, epoch, max_amount, signature FROM settlement.vouchers "
                + "WHERE epoch = $1").executeAndAwait(Tuple.of(epoch))) {
            out.put(r.getString(0), new StoredVoucher(r.getString(0), r.getLong(1), Sql.big(r.getValue(2)), r.getString(3)));
        }
        return out;
    }
}
