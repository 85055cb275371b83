-- chain-indexer: checkpoint, block headers and the reorg log. Event tables: V1_2.
CREATE SCHEMA IF NOT EXISTS indexer;

-- The last block whose events are all stored, per chain; moved in the same transaction as the rows it covers.
CREATE TABLE indexer.checkpoint (
    chain_id bigint PRIMARY KEY,
    block_number bigint NOT NULL,
    block_hash text,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Headers the indexer relies on: every block of the unfinalized tail (with parent hash) and every block that has
-- events (timestamp; parent hash when the header was read).
CREATE TABLE indexer.blocks (
    number bigint PRIMARY KEY,
    hash text NOT NULL,
    parent_hash text,
    timestamp bigint NOT NULL
);

-- One row per reorg the indexer undid.
CREATE TABLE indexer.reorgs (
    id bigserial PRIMARY KEY,
    chain_id bigint NOT NULL,
    detected_at timestamptz NOT NULL DEFAULT now(),
    fork_block bigint NOT NULL,
    fork_hash text NOT NULL,
    old_checkpoint bigint NOT NULL,
    new_head bigint NOT NULL,
    depth bigint NOT NULL
);
