-- Settlement: accepted job receipts, per-epoch settlement results (sample verdicts, rewards, cumulative Merkle
-- tree) and the publication of each epoch's root. See docs/settlement.md.
CREATE SCHEMA IF NOT EXISTS settlement;

-- Accepted receipts. job_id is unique by the primary key: a second, different receipt with the same job id is a
-- conflict; the identical one (same digest and signatures) is an idempotent duplicate.
CREATE TABLE settlement.receipts (
    job_id          TEXT          PRIMARY KEY CHECK (job_id ~ '^0x[0-9a-f]{64}$'),
    epoch           BIGINT        NOT NULL CHECK (epoch >= 0),
    requester       TEXT          NOT NULL CHECK (requester ~ '^0x[0-9a-f]{40}$'),
    provider        TEXT          NOT NULL CHECK (provider ~ '^0x[0-9a-f]{40}$'),
    role            SMALLINT      NOT NULL CHECK (role BETWEEN 0 AND 255),
    kernel          TEXT          NOT NULL,
    spec_hash       TEXT          NOT NULL,
    output_hash     TEXT          NOT NULL,
    work_units      NUMERIC(78,0) NOT NULL CHECK (work_units >= 0),
    fee             NUMERIC(78,0) NOT NULL CHECK (fee >= 0),
    provider_sig    TEXT          NOT NULL,
    requester_sig   TEXT          NOT NULL,
    digest          TEXT          NOT NULL,
    received_at     TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX receipts_epoch ON settlement.receipts (epoch, job_id);
CREATE INDEX receipts_requester_epoch ON settlement.receipts (requester, epoch);

-- Epochs closed for receipts. The worker inserts the row holding the exclusive advisory lock of the epoch; receipt
-- batches hold the shared lock and check this table, so no receipt can commit into an epoch after it is read.
CREATE TABLE settlement.closed_epochs (
    epoch      BIGINT      PRIMARY KEY,
    closed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per epoch the settlement worker has closed. status: computing -> computed -> published.
CREATE TABLE settlement.epochs (
    epoch              BIGINT        PRIMARY KEY CHECK (epoch >= 0),
    status             TEXT          NOT NULL CHECK (status IN ('computed', 'published')),
    closing_block      BIGINT        NOT NULL,
    seed               TEXT          NOT NULL,
    sampling_rate_wad  NUMERIC(78,0) NOT NULL,
    params             JSONB         NOT NULL,
    receipt_count      BIGINT        NOT NULL,
    sample_count       BIGINT        NOT NULL,
    attested_pass      BIGINT        NOT NULL,
    attested_fail      BIGINT        NOT NULL,
    unattested         BIGINT        NOT NULL,
    forfeited          JSONB         NOT NULL,
    totals             JSONB         NOT NULL,
    root               TEXT          NOT NULL,
    tree               TEXT          NOT NULL,
    computed_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    published_at       TIMESTAMPTZ
);

-- The verdict settlement used for each sampled receipt: pass, fail or unattested at the deadline.
CREATE TABLE settlement.samples (
    epoch     BIGINT NOT NULL,
    job_id    TEXT   NOT NULL,
    provider  TEXT   NOT NULL,
    verdict   TEXT   NOT NULL CHECK (verdict IN ('pass', 'fail', 'unattested')),
    PRIMARY KEY (epoch, job_id)
);
CREATE INDEX samples_provider ON settlement.samples (provider, epoch);

-- This epoch's amount and the cumulative amount (all epochs up to this one) per earner and token: the leaves.
CREATE TABLE settlement.rewards (
    epoch           BIGINT        NOT NULL,
    earner          TEXT          NOT NULL,
    token           TEXT          NOT NULL,
    kind            TEXT          NOT NULL CHECK (kind IN ('provider', 'treasury')),
    amount          NUMERIC(78,0) NOT NULL CHECK (amount >= 0),
    cumulative      NUMERIC(78,0) NOT NULL CHECK (cumulative >= 0),
    leaf_index      INTEGER       NOT NULL,
    PRIMARY KEY (epoch, earner, token)
);
CREATE INDEX rewards_earner ON settlement.rewards (earner, epoch);

-- What submitRoot debits: fee per requester of the epoch.
CREATE TABLE settlement.epoch_fees (
    epoch      BIGINT        NOT NULL,
    requester  TEXT          NOT NULL,
    fee        NUMERIC(78,0) NOT NULL,
    PRIMARY KEY (epoch, requester)
);

-- Publication state machine of each epoch's submitRoot (docs/settlement.md): signed -> sent -> confirmed.
-- The signed raw transaction and its hash are stored before sending; attempt grows only when the previous
-- attempt's nonce was consumed without submitting the root (it can then never land).
CREATE TABLE settlement.publications (
    epoch        BIGINT      NOT NULL,
    attempt      INTEGER     NOT NULL,
    root         TEXT        NOT NULL,
    sender       TEXT        NOT NULL,
    nonce        BIGINT      NOT NULL,
    raw_tx       TEXT        NOT NULL,
    tx_hash      TEXT        NOT NULL,
    state        TEXT        NOT NULL CHECK (state IN ('signed', 'sent', 'confirmed', 'dropped', 'reverted')),
    block_number BIGINT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (epoch, attempt)
);
CREATE UNIQUE INDEX publications_one_confirmed ON settlement.publications (epoch) WHERE state = 'confirmed';
