-- Verifier work table: sampled jobs waiting for re-execution, claimed by verifier instances with
-- SELECT ... FOR UPDATE SKIP LOCKED under a lease, and their verdicts. See io.cipherocto.verifier.work.WorkQueue.
CREATE SCHEMA IF NOT EXISTS verifier;

CREATE TABLE verifier.work (
    epoch                  BIGINT      NOT NULL CHECK (epoch >= 0),
    job_id                 BYTEA       NOT NULL CHECK (octet_length(job_id) = 32),
    provider               TEXT        NOT NULL CHECK (provider ~ '^0x[0-9a-f]{40}$'),
    role                   SMALLINT    NOT NULL CHECK (role BETWEEN 0 AND 255),
    spec                   BYTEA       NOT NULL,
    claimed_output_hash    BYTEA       NOT NULL CHECK (octet_length(claimed_output_hash) = 32),
    status                 TEXT        NOT NULL DEFAULT 'pending'
                                       CHECK (status IN ('pending', 'claimed', 'done', 'error')),
    claimed_by             TEXT,
    lease_until            TIMESTAMPTZ,
    attempts               INTEGER     NOT NULL DEFAULT 0,
    passed                 BOOLEAN,
    recomputed_output_hash BYTEA       CHECK (octet_length(recomputed_output_hash) = 32),
    evidence_hash          BYTEA       CHECK (octet_length(evidence_hash) = 32),
    backend                TEXT,
    last_error             TEXT,
    finished_at            TIMESTAMPTZ,
    enqueued_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (epoch, job_id),
    CHECK ((status = 'done') = (passed IS NOT NULL))
);

-- What claim() scans: open work in (epoch, job_id) order.
CREATE INDEX work_open ON verifier.work (epoch, job_id) WHERE status IN ('pending', 'claimed');
