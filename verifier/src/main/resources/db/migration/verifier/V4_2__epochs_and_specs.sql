-- Per epoch: what this verifier operator did (sampled, attested), so that a restart neither skips nor repeats.
CREATE TABLE verifier.epochs (
    epoch       BIGINT      PRIMARY KEY CHECK (epoch >= 0),
    seed        BYTEA       NOT NULL CHECK (octet_length(seed) = 32),
    sampled     INTEGER     NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('sampling', 'done', 'skipped')),
    passes      INTEGER,
    fails       INTEGER,
    detail      TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Job specs by their hash (content-addressed): what a verifier re-executes. Uploaded by requesters or providers
-- through PUT /api/v1/specs/{specHash}; a receipt whose spec is missing cannot be verified.
CREATE TABLE verifier.specs (
    spec_hash   BYTEA       PRIMARY KEY CHECK (octet_length(spec_hash) = 32),
    spec        BYTEA       NOT NULL,
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
