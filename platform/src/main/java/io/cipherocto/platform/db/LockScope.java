package io.cipherocto.platform.db;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;

/**
 * Every PostgreSQL advisory lock the node takes, named in one place (the list and who takes each: docs/architecture.md,
 * "Advisory locks"). A lock is a scope and an id, such as the settlement writer of chain 31337; its key, the
 * {@code bigint} passed to {@code pg_try_advisory_lock($1)}, {@code pg_advisory_xact_lock($1)} and the like, is
 * computed here and only here: the first 8 bytes (big-endian, signed) of keccak256 of the UTF-8 text
 * {@code "<scope>:<id>"}, where {@code <scope>} is {@link #scope()} (for example {@code octo.settlement.writer}) and
 * {@code <id>} the id as text, exactly as given (decimal for numbers; addresses as the caller holds them). SQL never
 * derives a key itself, so two modules cannot take the same lock under different keys, and distinct scopes cannot
 * collide by construction of the text (a collision of 64-bit prefixes of keccak256 is not a practical concern).
 */
public enum LockScope {
    /** The chain indexer's writer of one chain (id: chain id); session lock, exclusive. */
    INDEXER_WRITER("octo.indexer.writer"),
    /** The settlement writer (epoch worker) of one chain (id: chain id); session lock, exclusive. */
    SETTLEMENT_WRITER("octo.settlement.writer"),
    /** A requester's escrow while a receipt batch checks and adds its fees (id: requester address); transaction lock, exclusive. */
    SETTLEMENT_ESCROW("octo.settlement.escrow"),
    /**
     * A settlement epoch: shared by receipt batches that insert into it, exclusive while the worker closes it (id:
     * epoch number); transaction lock.
     */
    SETTLEMENT_EPOCH("octo.settlement.epoch"),
    /**
     * The creation of one epoch's partition of {@code settlement.receipts} (id: epoch number); transaction lock,
     * exclusive, so two batches or two API instances never create the same partition at once.
     */
    SETTLEMENT_RECEIPT_PARTITION("octo.settlement.receipt-partition"),
    /** The governance relayer of one relayer key (id: relayer address); session lock, exclusive. */
    GOVERNANCE_RELAYER("octo.governance.relayer"),
    /**
     * The webhook dispatcher of one database (id: the schema name, {@code webhooks}); session lock, exclusive, so that
     * two nodes on one database never deliver the same event twice at once.
     */
    WEBHOOK_DISPATCHER("octo.webhooks.dispatcher");

    private final String scope;

    LockScope(String scope) {
        this.scope = scope;
    }

    /** The scope's name, the text before the colon in the hashed {@code "<scope>:<id>"}. */
    public String scope() {
        return scope;
    }

    /** The advisory lock key of {@code id} in this scope. */
    public long key(String id) {
        Objects.requireNonNull(id, "id");
        byte[] hash = Hash.sha3((scope + ":" + id).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
    }

    /** The advisory lock key of a numeric id (a chain id, an epoch), hashed as its decimal text. */
    public long key(long id) {
        return key(Long.toString(id));
    }
}
