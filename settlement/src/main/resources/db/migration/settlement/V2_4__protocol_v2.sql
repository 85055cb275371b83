-- Protocol v2 (docs/protocol.md): requesters' vouchers, the receipt commitment of each epoch, refunds.

-- The highest Voucher(requester, epoch, maxAmount) each requester signed; presented to the escrow at commit.
CREATE TABLE settlement.vouchers (
    requester    TEXT          NOT NULL CHECK (requester ~ '^0x[0-9a-f]{40}$'),
    epoch        BIGINT        NOT NULL CHECK (epoch >= 0),
    max_amount   NUMERIC(78,0) NOT NULL CHECK (max_amount >= 0),
    signature    TEXT          NOT NULL,
    received_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (epoch, requester)
);

-- What settlement committed on chain for an epoch (RewardDistributor.commitEpoch), computed before the transaction
-- is sent and compared with the chain's EpochCommitment afterwards. requesters: the authorisations presented.
CREATE TABLE settlement.epoch_commitments (
    epoch          BIGINT      PRIMARY KEY CHECK (epoch >= 0),
    receipts_root  TEXT        NOT NULL,
    receipt_count  BIGINT      NOT NULL,
    data_hash      TEXT        NOT NULL,
    requesters     JSONB       NOT NULL,
    tx_hash        TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Fees of receipts that are not billable (failed sample, forfeited provider) go back to their requester as a leaf.
ALTER TABLE settlement.rewards DROP CONSTRAINT rewards_kind_check;
ALTER TABLE settlement.rewards ADD CONSTRAINT rewards_kind_check CHECK (kind IN ('provider', 'treasury', 'refund'));
