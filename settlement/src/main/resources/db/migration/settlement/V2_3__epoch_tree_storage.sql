-- The tree dump (StandardMerkleTree "standard-v1" JSON, about 250 bytes per leaf: 50 MB for 200,000 leaves) is stored
-- out of line without compression, so closing an epoch does not spend CPU time on pglz for it (inserting the epochs row
-- of a 100,000-provider epoch: docs/benchmarks.md "settlement"). Only the physical storage changes; rows read back the same.
ALTER TABLE settlement.epochs ALTER COLUMN tree SET STORAGE EXTERNAL;
