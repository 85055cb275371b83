package io.cipherocto.settlement.publish;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@code settlement.publications} rows: one per signed submitRoot attempt of an epoch. */
public class PublicationStore {
    private final Pool pool;

    public PublicationStore(Pool pool) {
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** A stored attempt. */
    public record Attempt(long epoch, int attempt, String root, String sender, long nonce, String rawTx, String txHash,
            String state, Long blockNumber) {
    }

    public Optional<Attempt> latest(long epoch) {
        List<Attempt> all = all(epoch);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public List<Attempt> all(long epoch) {
        List<Attempt> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT epoch, attempt, root, sender, nonce, raw_tx, tx_hash, state, block_number "
                + "FROM settlement.publications WHERE epoch = $1 ORDER BY attempt").executeAndAwait(Tuple.of(epoch))) {
            out.add(new Attempt(r.getLong("epoch"), r.getInteger("attempt"), r.getString("root"), r.getString("sender"),
                    r.getLong("nonce"), r.getString("raw_tx"), r.getString("tx_hash"), r.getString("state"),
                    r.getLong("block_number")));
        }
        return out;
    }

    /** Stores a signed attempt before it is sent. */
    public void insertSigned(Attempt a) {
        pool.preparedQuery("INSERT INTO settlement.publications (epoch, attempt, root, sender, nonce, raw_tx, tx_hash, state) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, 'signed')")
                .executeAndAwait(Tuple.tuple(List.of(a.epoch(), a.attempt(), a.root(), a.sender(), a.nonce(), a.rawTx(), a.txHash())));
    }

    public void setState(long epoch, int attempt, String state, Long blockNumber) {
        pool.preparedQuery("UPDATE settlement.publications SET state = $3, block_number = COALESCE($4, block_number), "
                + "updated_at = now() WHERE epoch = $1 AND attempt = $2")
                .executeAndAwait(Tuple.of(epoch, attempt, state, blockNumber));
    }
}
