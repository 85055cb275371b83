-- A sampled receipt that can never be re-executed (spec never uploaded; the verifier gave up on it) is decided at
-- once as 'unverifiable': its provider earns nothing, its requester is refunded (docs/settlement.md, issue #18).
ALTER TABLE settlement.samples DROP CONSTRAINT samples_verdict_check;
ALTER TABLE settlement.samples ADD CONSTRAINT samples_verdict_check
    CHECK (verdict IN ('pass', 'fail', 'unattested', 'unverifiable'));
