-- Protocol v2 (docs/protocol.md): tables of the events the v2 contracts added or changed, generated from the ABIs by
-- io.cipherocto.indexer.abi.SchemaDdl (EventTablesMigrationIT checks that the schema matches the catalog). Tables of
-- removed or changed events are dropped: a chain indexed under v1 is not a v2 chain (use ./octo start-dev --fresh).

DROP TABLE indexer.payment_escrow_debited;
DROP TABLE indexer.attestation_registry_epoch_seed_recorded;
DROP TABLE indexer.payment_escrow_withdrawal_requested;
DROP TABLE indexer.reward_distributor_root_submitted;

-- AttestationRegistry.EpochSeedRecorded(uint64,uint256,bytes32,uint256) topic0 0x42bdd0636d81886aa792ca3283735b9ebddb4b3dbe168f898d929ff87fb03afb
CREATE TABLE indexer.attestation_registry_epoch_seed_recorded (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "seed_block" numeric(78,0) NOT NULL,
    "seed" text NOT NULL,
    "sampling_rate_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.WithdrawalRequested(address,uint256,uint256,uint256) topic0 0x38e3d972947cfef94205163d483d6287ef27eb312e20cb8e0b13a49989db232e
CREATE TABLE indexer.payment_escrow_withdrawal_requested (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "requester" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "withdrawable_at" numeric(78,0) NOT NULL,
    "expires_at" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.RootSubmitted(uint64,bytes32,uint256,bytes32) topic0 0x33f0e8292ddd0d5d988594ffd21b8109d39d088b6c4767932b5eee9b51d79bc4
CREATE TABLE indexer.reward_distributor_root_submitted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "root" text NOT NULL,
    "activates_at" numeric(78,0) NOT NULL,
    "bundle_hash" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.StakeFrozen(address,uint8,bool) topic0 0x4e6940aad889f0d1a4c0c5c7608ec82d459fe6b38c8bcd025fe2e164550d5949
CREATE TABLE indexer.staking_manager_stake_frozen (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "frozen" boolean NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.CommitterSet(address) topic0 0x2daae9c677689cfe684239e4142cd2b13efb93a068703fcfbe03e8a409c33656
CREATE TABLE indexer.attestation_registry_committer_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "committer" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.EpochCommitted(uint64,bytes32,uint32,bytes32) topic0 0x9bde0f7a2782f55760f2f4989dca682d425034179675a20a337b3d17aa30cbb2
CREATE TABLE indexer.attestation_registry_epoch_committed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "receipts_root" text NOT NULL,
    "receipt_count" bigint NOT NULL,
    "data_hash" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.SlashCancelled(bytes32,address,uint8,address) topic0 0x0f1eb116754fea0cc49d3a877b47d0bcd0b1e06f23bcb2d604c406526dec5e61
CREATE TABLE indexer.attestation_registry_slash_cancelled (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "slash_id" text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "by" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.SlashExecuted(bytes32,address,uint8) topic0 0xe303aea1073119673eaa9746d2514dfafc640030c9f3754c48de81cf787b7c12
CREATE TABLE indexer.attestation_registry_slash_executed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "slash_id" text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.SlashQueued(bytes32,uint64,address,uint8,uint256) topic0 0xa21bd7153ebfdeb10504e7bec8e079cbce1975e89a250f329629d0c60840f741
CREATE TABLE indexer.attestation_registry_slash_queued (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "slash_id" text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "executable_at" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.VetoWindowSet(uint256) topic0 0x29675886c3648f396c96721d44241ed7da572910edf3bba30762a31a95e2f17c
CREATE TABLE indexer.attestation_registry_veto_window_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "window" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.EIP712DomainChanged() topic0 0x0a6387c9ea3628b88a633bb4f3b151770f70085117a15f9bf3787cda53f13d31
CREATE TABLE indexer.payment_escrow_eip712_domain_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.EpochReserved(uint64,uint256,uint256,uint256) topic0 0xd926d72796f57e84c725939c25ee4228ee81b2a280cb0843772f577793f40d37
CREATE TABLE indexer.payment_escrow_epoch_reserved (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "total" numeric(78,0) NOT NULL,
    "requesters" numeric(78,0) NOT NULL,
    "skipped" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.ReservationSkipped(uint64,address,uint256,uint8) topic0 0x585de92966c77a3c52dde78def3ceb092c37f1ac84ad374077cf02ed731df015
CREATE TABLE indexer.payment_escrow_reservation_skipped (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "requester" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "reason" bigint NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.Reserved(uint64,address,uint256,uint256) topic0 0xc8ef2782874d089d47e2e51fd38547fb2110af23c01e1e1aa85b5fd425b7e596
CREATE TABLE indexer.payment_escrow_reserved (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "requester" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "max_amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.WithdrawalWindowSet(uint256) topic0 0x25103bcbc217cd9ff06c53d37308d6eb494eab6742ba60d0d5efc4a27730657d
CREATE TABLE indexer.payment_escrow_withdrawal_window_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "window" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.EIP712DomainChanged() topic0 0x0a6387c9ea3628b88a633bb4f3b151770f70085117a15f9bf3787cda53f13d31
CREATE TABLE indexer.reward_distributor_eip712_domain_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.EpochCommitted(uint64,bytes32,uint32,bytes32,uint256) topic0 0xbd593b670b2654a3aff9446a5598b339c9ed82857d73d7b6435b63ac57be8620
CREATE TABLE indexer.reward_distributor_epoch_committed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "receipts_root" text NOT NULL,
    "receipt_count" bigint NOT NULL,
    "data_hash" text NOT NULL,
    "reserved" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.Paused(address) topic0 0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258
CREATE TABLE indexer.reward_distributor_paused (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "account" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.Unpaused(address) topic0 0x5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa
CREATE TABLE indexer.reward_distributor_unpaused (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "account" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

