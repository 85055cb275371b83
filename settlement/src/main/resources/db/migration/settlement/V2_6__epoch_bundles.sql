-- Issue #14: each computed epoch keeps its public bundle (canonical JSON, docs/protocol.md "Epoch bundle") and the
-- bundle's keccak256, which submitRoot commits on chain. Written in the same transaction as the epoch's result, so a
-- crash never leaves a result without the bundle its root commits to. Epochs computed before this have none.
ALTER TABLE settlement.epochs ADD COLUMN bundle BYTEA, ADD COLUMN bundle_hash TEXT CHECK (bundle_hash ~ '^0x[0-9a-f]{64}$');
