-- Issue #17, reads at scale: an offset page of an epoch's reward rows (GET /api/v1/epochs/{n}/rewards?page=) reads a
-- range of leaf_index instead of skipping OFFSET rows. leaf_index is the row's position in (earner, token) order (the
-- cumulative tree's leaves are inserted in that order, CumulativeTree.build), so the page is the same rows as
-- ORDER BY earner, token LIMIT n OFFSET k, and a deep page costs what the first does.
CREATE INDEX IF NOT EXISTS rewards_leaf ON settlement.rewards (epoch, leaf_index);
