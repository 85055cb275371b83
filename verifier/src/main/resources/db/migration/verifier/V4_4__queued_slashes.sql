-- Protocol v2: a fail attestation queues a slash that anyone executes after the veto window (a guardian may cancel
-- it meanwhile). The finder records the registry's slash id and executes it when due (FailAttestationSubmitter.executeDue).
ALTER TABLE verifier.fail_attestations ADD COLUMN slash_id TEXT;
-- NULL: not queued by this operator, or not yet resolved; 'executed' / 'cancelled': the slash's final state on chain.
ALTER TABLE verifier.fail_attestations ADD COLUMN slash_outcome TEXT CHECK (slash_outcome IN ('executed', 'cancelled'));
CREATE INDEX fail_attestations_queued ON verifier.fail_attestations (epoch) WHERE slash_id IS NOT NULL AND slash_outcome IS NULL;
