-- Batch-signed receipts (issue #15): one EIP-712 ReceiptEnvelope signed by a provider and a requester over the Merkle
-- root of many receipts' struct hashes (docs/settlement.md, "Batch-signed receipts"). The envelope row keeps the
-- struct hashes of all its receipts (32 bytes each, in the order posted, refused receipts' included) so that the
-- inclusion proof of every stored receipt can be rebuilt; a receipt of an envelope names it in `envelope` and carries
-- the envelope's two signatures in provider_sig / requester_sig (the epoch's dataHash layout is unchanged:
-- digest || provider_sig || requester_sig per receipt).
CREATE TABLE settlement.receipt_envelopes (
    digest         TEXT        PRIMARY KEY CHECK (digest ~ '^0x[0-9a-f]{64}$'),
    epoch          BIGINT      NOT NULL CHECK (epoch >= 0),
    requester      TEXT        NOT NULL CHECK (requester ~ '^0x[0-9a-f]{40}$'),
    provider       TEXT        NOT NULL CHECK (provider ~ '^0x[0-9a-f]{40}$'),
    receipts_root  TEXT        NOT NULL CHECK (receipts_root ~ '^0x[0-9a-f]{64}$'),
    receipt_count  INTEGER     NOT NULL CHECK (receipt_count >= 1),
    provider_sig   TEXT        NOT NULL,
    requester_sig  TEXT        NOT NULL,
    struct_hashes  BYTEA       NOT NULL CHECK (octet_length(struct_hashes) = 32 * receipt_count),
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX receipt_envelopes_epoch ON settlement.receipt_envelopes (epoch, digest);

ALTER TABLE settlement.receipts ADD COLUMN envelope TEXT;
