-- Governance: signed ballots accepted by POST /api/v1/governance/votes and their relay to the governor.
-- State machine of a ballot: queued -> submitted (relay tx signed and stored BEFORE it is sent) -> confirmed | failed.
CREATE SCHEMA IF NOT EXISTS governance;

CREATE TABLE governance.ballots (
    id            uuid          PRIMARY KEY,
    proposal_id   numeric(78,0) NOT NULL,
    support       smallint      NOT NULL CHECK (support BETWEEN 0 AND 2),
    voter         varchar(42)   NOT NULL CHECK (voter ~ '^0x[0-9a-f]{40}$'),
    nonce         numeric(78,0) NOT NULL,
    signature     bytea         NOT NULL,
    reason        text,
    status        varchar(16)   NOT NULL CHECK (status IN ('queued', 'submitted', 'confirmed', 'failed')),
    tx_hash       varchar(66),
    relayer_nonce bigint,
    block_number  bigint,
    failure       text,
    created_at    timestamptz   NOT NULL DEFAULT now(),
    updated_at    timestamptz   NOT NULL DEFAULT now()
);

-- One live ballot per (proposal, voter) and per (voter, governor nonce): a double vote or a replayed nonce cannot
-- be stored twice even by two API instances racing. A failed ballot frees both.
CREATE UNIQUE INDEX ballots_live_vote ON governance.ballots (proposal_id, voter) WHERE status <> 'failed';
CREATE UNIQUE INDEX ballots_live_nonce ON governance.ballots (voter, nonce) WHERE status <> 'failed';
CREATE INDEX ballots_open ON governance.ballots (status, created_at) WHERE status IN ('queued', 'submitted');

-- Every signed relay transaction (the first and each fee bump: same relayer nonce, higher gas price), written before
-- it is sent, so that after a crash the relayer follows these hashes instead of sending anything new.
CREATE TABLE governance.relay_attempts (
    tx_hash       varchar(66)   PRIMARY KEY,
    ballot_id     uuid          NOT NULL REFERENCES governance.ballots (id),
    relayer       varchar(42)   NOT NULL,
    relayer_nonce bigint        NOT NULL,
    gas_price     numeric(78,0) NOT NULL,
    raw_tx        bytea         NOT NULL,
    created_at    timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX relay_attempts_ballot ON governance.relay_attempts (ballot_id, created_at);
