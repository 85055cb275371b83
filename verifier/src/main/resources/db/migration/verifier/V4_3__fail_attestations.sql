-- Fail attestations this operator found and is bringing on chain: a quorum of verifier signatures is collected
-- across operators (POST /api/v1/verifier/cosign on each peer) before submitFailAttestation. One row per failed job,
-- with the co-signatures received so far, so that a restart neither loses them nor asks a peer again for a
-- signature it already gave, and never submits twice (the chain's `slashed` is checked before every submission).
-- See io.cipherocto.verifier.cosign.FailAttestationSubmitter.
CREATE TABLE verifier.fail_attestations (
    epoch       BIGINT      NOT NULL,
    job_id      BYTEA       NOT NULL,
    -- collecting: fewer valid signatures than the quorum so far, retried on later cycles;
    -- slashed: the job is slashed on chain (tx_hash set when this operator submitted it);
    -- expired: the quorum was not reached within octo.verifier.fail-retry-epochs epochs (the evidence stays in verifier.work).
    status      TEXT        NOT NULL DEFAULT 'collecting' CHECK (status IN ('collecting', 'slashed', 'expired')),
    quorum      INTEGER,
    signatures  INTEGER     NOT NULL DEFAULT 0,
    attempts    INTEGER     NOT NULL DEFAULT 0,
    last_error  TEXT,
    tx_hash     TEXT,
    opened_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- (epoch, job_id) is a finished fail verdict in verifier.work; deliberately no foreign key, so that the work
    -- table can be emptied on its own (a fail whose verdict is gone is expired by the next retry).
    PRIMARY KEY (epoch, job_id)
);

CREATE INDEX fail_attestations_open ON verifier.fail_attestations (updated_at) WHERE status = 'collecting';

-- Signatures of other verifier operators over a fail attestation's EIP-712 digest, each checked on arrival: it
-- recovers to `signer`, a registered verifier, not this operator.
CREATE TABLE verifier.cosignatures (
    epoch       BIGINT      NOT NULL,
    job_id      BYTEA       NOT NULL,
    signer      TEXT        NOT NULL CHECK (signer ~ '^0x[0-9a-f]{40}$'),
    signature   BYTEA       NOT NULL CHECK (octet_length(signature) = 65),
    peer        TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (epoch, job_id, signer)
);
