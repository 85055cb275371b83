-- Issue #17: receipts by requester (GET /api/v1/epochs/{n}/receipts?requester=, GraphQL receipts(epoch:, requester:)).
-- The per-requester page reads "receipts of requester R in epoch E after job id J, in job id order", as the
-- per-provider page does with (epoch, provider, job_id): the index mirrors that one. Created on the partitioned parent,
-- so PostgreSQL creates it on every attached partition and on each partition attached later (ReceiptPartitions
-- attaches a plain table; ATTACH builds the parent's indexes on it).
--
-- V2_7 dropped the (requester, epoch) index because nothing read receipts by requester then; this one leads with the
-- epoch (every statement on receipts names its epoch, and partition pruning leaves one partition's index) and ends
-- with job_id, the keyset order, so a page is one index range scan from the cursor whatever page it is.
--
-- CREATE INDEX on a partitioned table cannot run CONCURRENTLY: it holds SHARE on each partition while it builds, which
-- blocks inserts (not reads) until it ends. On a store already holding many epochs, an operator can build it ahead of
-- the migration without blocking inserts: CREATE INDEX receipts_requester ON ONLY settlement.receipts (...), then per
-- partition CREATE INDEX CONCURRENTLY and ALTER INDEX settlement.receipts_requester ATTACH PARTITION; IF NOT EXISTS
-- then leaves it as it is.

CREATE INDEX IF NOT EXISTS receipts_requester ON settlement.receipts (epoch, requester, job_id);
