-- The epoch views of the API (GET /epochs, /epochs/{n}, the live feed, GraphQL) show the epoch's totals without its
-- per-provider maps: at 100,000 providers `providerFees` and `reputationBps` make `totals` about 11.5 MB per epoch
-- (issue #17's read bench: a page of 50 epochs answered in about 60 s). The full totals stay in `totals` (the audit,
-- the public bundle); the summary is computed once per row, on insert.
ALTER TABLE settlement.epochs
    ADD COLUMN totals_summary JSONB GENERATED ALWAYS AS (totals - 'providerFees' - 'reputationBps') STORED;
