-- Issue #14/#18: the unattested-sample policy is governed on chain (AttestationRegistry.setUnattestedPolicy); the table
-- of its event, generated from the ABI by io.cipherocto.indexer.abi.SchemaDdl (EventTablesMigrationIT checks it).

-- AttestationRegistry.UnattestedPolicySet(uint8) topic0 0xa9e56909989863d1d9b0061658e6cef02de75657c791b02cff82ebe5fc43e909
CREATE TABLE indexer.attestation_registry_unattested_policy_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "policy" bigint NOT NULL,
    PRIMARY KEY (block_number, log_index)
);
