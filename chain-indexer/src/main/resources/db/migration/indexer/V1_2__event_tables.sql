-- chain-indexer: one table per event of every suite contract kind, generated from the ABIs by
-- io.cipherocto.indexer.abi.SchemaDdl (EventTablesMigrationIT checks that the schema matches the catalog).
-- Addresses, hashes and bytes: lower-case 0x-hex text; integers wider than 63 bits: numeric(78,0); arrays: jsonb.

-- OctoToken.Approval(address,address,uint256) topic0 0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925
CREATE TABLE indexer.octo_token_approval (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "owner" text NOT NULL,
    "spender" text NOT NULL,
    "value" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.DelegateChanged(address,address,address) topic0 0x3134e8a2e6d97e929a7e54011ea5485d7d196dd5f0ba4d4ef95803e8e3fc257f
CREATE TABLE indexer.octo_token_delegate_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "delegator" text NOT NULL,
    "from_delegate" text NOT NULL,
    "to_delegate" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.DelegateVotesChanged(address,uint256,uint256) topic0 0xdec2bacdd2f05b59de34da9b523dff8be42e5e38e818c82fdb0bae774387a724
CREATE TABLE indexer.octo_token_delegate_votes_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "delegate" text NOT NULL,
    "previous_votes" numeric(78,0) NOT NULL,
    "new_votes" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.EIP712DomainChanged() topic0 0x0a6387c9ea3628b88a633bb4f3b151770f70085117a15f9bf3787cda53f13d31
CREATE TABLE indexer.octo_token_eip712_domain_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.octo_token_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.octo_token_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.octo_token_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoToken.Transfer(address,address,uint256) topic0 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef
CREATE TABLE indexer.octo_token_transfer (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "from" text NOT NULL,
    "to" text NOT NULL,
    "value" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RoleToken.Approval(address,address,uint256) topic0 0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925
CREATE TABLE indexer.role_token_approval (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "owner" text NOT NULL,
    "spender" text NOT NULL,
    "value" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RoleToken.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.role_token_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RoleToken.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.role_token_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RoleToken.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.role_token_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RoleToken.Transfer(address,address,uint256) topic0 0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef
CREATE TABLE indexer.role_token_transfer (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "from" text NOT NULL,
    "to" text NOT NULL,
    "value" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.MaxSlashFractionSet(uint256) topic0 0xd7cd6a6eeebbd0b99bbd54eccfe36ff5e6e1eb53a7d16c00b154fe1187d055fc
CREATE TABLE indexer.staking_manager_max_slash_fraction_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "fraction_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.MemberExitRequested(address,uint256,uint256) topic0 0xb679e0589e8808631543deed5947bf9cec8b8de4434345caec3885b71ad3c278
CREATE TABLE indexer.staking_manager_member_exit_requested (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "member" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "ready_at" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.MemberRegistered(address,uint256) topic0 0x67e0244e28040fec15240cd4b6c04c776a2a0278caef23b59e8ada1df31f7689
CREATE TABLE indexer.staking_manager_member_registered (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "member" text NOT NULL,
    "bond" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.MemberStakeChanged(address,uint256) topic0 0x46c1be39e859b23196f86082720783f7c5b7d77d8edf117dc40257950a936c71
CREATE TABLE indexer.staking_manager_member_stake_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "member" text NOT NULL,
    "new_stake" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.MemberWithdrawn(address,uint256) topic0 0x9206244e7d07ef9a49c1dae86e820d494f0dd268fa04f434eb1de8475a4bb554
CREATE TABLE indexer.staking_manager_member_withdrawn (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "member" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.MinMemberBondSet(uint256) topic0 0x8a940d1469889036ec6fcb54084e595bb2da26fb38cce023921f7a460e5ccfe9
CREATE TABLE indexer.staking_manager_min_member_bond_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "bond" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.ProviderRegistered(address,uint8) topic0 0x235fbfd31911331ce5c9526085488f6907669670cc0fb8149da66734e1c178d5
CREATE TABLE indexer.staking_manager_provider_registered (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.staking_manager_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.staking_manager_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.RoleMinimumsSet(uint8,uint256,uint256) topic0 0xdbfd40db39aed3dc9f982e1056591644cdeba72d4eafac8f91d7ef35152a01de
CREATE TABLE indexer.staking_manager_role_minimums_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" bigint NOT NULL,
    "min_octo" numeric(78,0) NOT NULL,
    "min_role_amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.staking_manager_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.SlashDistributed(address,uint256,uint256,uint256) topic0 0x887162e32eaf5070c7712bca7d916cd8572a13a86ce1032776bad520b889ed2e
CREATE TABLE indexer.staking_manager_slash_distributed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "token" text NOT NULL,
    "burned" numeric(78,0) NOT NULL,
    "to_treasury" numeric(78,0) NOT NULL,
    "to_finder" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.SlashSharesSet(uint256,uint256,uint256) topic0 0x62266a0da77293e50cd7aeb0779243a3434c251d61fdc96266a59d5de514be8a
CREATE TABLE indexer.staking_manager_slash_shares_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "burn_wad" numeric(78,0) NOT NULL,
    "treasury_wad" numeric(78,0) NOT NULL,
    "finder_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.Slashed(address,uint8,bytes32,uint256,uint256,uint256,address) topic0 0xeb3b00a60729fd6918a57341965224738f2f93062f50e65cffb61928878e3f98
CREATE TABLE indexer.staking_manager_slashed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "evidence_hash" text NOT NULL,
    "fraction_wad" numeric(78,0) NOT NULL,
    "octo_slashed" numeric(78,0) NOT NULL,
    "role_slashed" numeric(78,0) NOT NULL,
    "finder" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.SlasherSet(address) topic0 0x93984378289228ac490c326f8dbcc3f9b2c703753c272e7c572949e115da985e
CREATE TABLE indexer.staking_manager_slasher_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "slasher" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.Staked(address,uint8,uint256,uint256) topic0 0x0a79772743d87ba7576fca49d64545ccce7a2369f471f1badf89540cdb09b282
CREATE TABLE indexer.staking_manager_staked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "octo" numeric(78,0) NOT NULL,
    "role_amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.TreasurySet(address) topic0 0x3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f
CREATE TABLE indexer.staking_manager_treasury_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "treasury" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.UnbondRequested(address,uint8,uint256,uint256,uint256) topic0 0xdc77dc4497f7b138bb4fd490695c9675e2173dbd82f01a77c5acfcd2abbc3d06
CREATE TABLE indexer.staking_manager_unbond_requested (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "octo" numeric(78,0) NOT NULL,
    "role_amount" numeric(78,0) NOT NULL,
    "ready_at" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.UnbondingPeriodSet(uint256) topic0 0xded4222028ba04b541d2bb2c96d22dc210301bb6d5fd6b85a1ff039df8f9ef2b
CREATE TABLE indexer.staking_manager_unbonding_period_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "period" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- StakingManager.Withdrawn(address,uint8,uint256,uint256) topic0 0xa626a461841cf0222d91b75e126eaf6fd0def6f6f8f2e4e9cef6e0468f2b625d
CREATE TABLE indexer.staking_manager_withdrawn (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "octo" numeric(78,0) NOT NULL,
    "role_amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.EIP712DomainChanged() topic0 0x0a6387c9ea3628b88a633bb4f3b151770f70085117a15f9bf3787cda53f13d31
CREATE TABLE indexer.attestation_registry_eip712_domain_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.EpochSeedRecorded(uint64,uint256,bytes32,uint256) topic0 0x42bdd0636d81886aa792ca3283735b9ebddb4b3dbe168f898d929ff87fb03afb
CREATE TABLE indexer.attestation_registry_epoch_seed_recorded (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "closing_block" numeric(78,0) NOT NULL,
    "seed" text NOT NULL,
    "sampling_rate_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.FailAttestationAccepted(uint64,bytes32,address,uint8,bytes32,bytes32,bytes32,address,uint256) topic0 0xb71e0752e4ce810900ab4a9e193e96e76fe455725ccd14cb379f09f810c03b80
CREATE TABLE indexer.attestation_registry_fail_attestation_accepted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "job_id" text NOT NULL,
    "provider" text NOT NULL,
    "role" bigint NOT NULL,
    "claimed_output_hash" text NOT NULL,
    "recomputed_output_hash" text NOT NULL,
    "evidence_hash" text NOT NULL,
    "finder" text NOT NULL,
    "signers" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.PassAttestationsCommitted(uint64,address,bytes32,uint32) topic0 0xe318a473e91366698949afb47611ca3facdd31b3f780980dc60dd182f7852d27
CREATE TABLE indexer.attestation_registry_pass_attestations_committed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "verifier" text NOT NULL,
    "attestations_root" text NOT NULL,
    "count" bigint NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.QuorumSet(uint256) topic0 0x339b520f8e0a4be8c081fee9338c96ea4c139210fac8019decca1146a637a9b7
CREATE TABLE indexer.attestation_registry_quorum_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "quorum" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.attestation_registry_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.attestation_registry_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.attestation_registry_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.SamplingRateSet(uint256) topic0 0xcb64624baf52f0d91187d90f6a6735548f1d4c5215c1bf0cfbe04fe66ee3b044
CREATE TABLE indexer.attestation_registry_sampling_rate_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "sampling_rate_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.SlashFractionSet(uint256) topic0 0x8d24ad5c6617bf4e6328a623e85a986c245780b2e505042b17aedeef089ac1ff
CREATE TABLE indexer.attestation_registry_slash_fraction_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "fraction_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- AttestationRegistry.VerifierSet(address,bool) topic0 0x7a6dd775b9b6aa6ebde6f0c51172ef328eb9658e095364751705f28234e7257c
CREATE TABLE indexer.attestation_registry_verifier_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "verifier" text NOT NULL,
    "enabled" boolean NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.Debited(uint64,address,uint256) topic0 0x303571f615609d45803a3f609f9d26bdbfb0bf886f5e299020175e91edd079fa
CREATE TABLE indexer.payment_escrow_debited (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "requester" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.DebitorSet(address) topic0 0x9cbd1ed12d5ad9784e9c4bb8df7094ae852da0e491a466e27d154bcac55db20f
CREATE TABLE indexer.payment_escrow_debitor_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "debitor" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.Deposited(address,address,uint256) topic0 0x8752a472e571a816aea92eec8dae9baf628e840f4929fbcc2d155e6233ff68a7
CREATE TABLE indexer.payment_escrow_deposited (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "requester" text NOT NULL,
    "from" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.EpochDebited(uint64,uint256,address) topic0 0x304b9255d13f436e295dca59e812295366e1cfeb8707c30dcf4ee38a77732b83
CREATE TABLE indexer.payment_escrow_epoch_debited (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "total" numeric(78,0) NOT NULL,
    "to" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.payment_escrow_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.payment_escrow_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.payment_escrow_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.WithdrawalDelaySet(uint256) topic0 0x41777346a14390a3108e351819fbec31854ee0a25e66bd476cb2747b3be7f5fe
CREATE TABLE indexer.payment_escrow_withdrawal_delay_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "delay" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.WithdrawalRequested(address,uint256,uint256) topic0 0x24b91f4f47caf44230a57777a9be744924e82bf666f2d5702faf97df35e60f9f
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
    PRIMARY KEY (block_number, log_index)
);

-- PaymentEscrow.Withdrawn(address,uint256) topic0 0x7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d5
CREATE TABLE indexer.payment_escrow_withdrawn (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "requester" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- Treasury.BurnShareSet(uint256) topic0 0x6659285966ca3b985d0211b01dca296260433e2b3fb343537de87b39f9bae903
CREATE TABLE indexer.treasury_burn_share_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "burn_share_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- Treasury.ProtocolFeeReceived(address,uint256,uint256) topic0 0xa74c7a39bcbc9995bdd408cb2bef293a21224b85e69d60b9f008c9abbcbff1a3
CREATE TABLE indexer.treasury_protocol_fee_received (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "from" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "burned" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- Treasury.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.treasury_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- Treasury.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.treasury_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- Treasury.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.treasury_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- Treasury.Spent(address,address,uint256) topic0 0xc18352ae46a2296c951b2256c5ebc5b4546e6222fea2e4f36e824db9d44eb7ec
CREATE TABLE indexer.treasury_spent (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "token" text NOT NULL,
    "to" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.ActivationDelaySet(uint256) topic0 0xfa0057e32d93b036fbe5f09b6bafc58ba5f2dc43a7129d314c24b916ae1ac3ee
CREATE TABLE indexer.reward_distributor_activation_delay_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "delay" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.Claimed(address,address,uint256,uint256,address) topic0 0xe7760fca70becfe418f9bd6718f8ceb070263eda7a4ff81264b5b45bc1bac84f
CREATE TABLE indexer.reward_distributor_claimed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "earner" text NOT NULL,
    "token" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "cumulative_amount" numeric(78,0) NOT NULL,
    "caller" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.ClaimerSet(address,address) topic0 0x4925eafc82d0c4d67889898eeed64b18488ab19811e61620f387026dec126a28
CREATE TABLE indexer.reward_distributor_claimer_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "earner" text NOT NULL,
    "claimer" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.EmissionCapSet(address,uint256) topic0 0xbe388ae78b8480c763c4e9a9a4f112e00a74f8adb62f46df7c82f5b9cc7754ed
CREATE TABLE indexer.reward_distributor_emission_cap_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "token" text NOT NULL,
    "cap_per_epoch" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.EpochFunded(uint64,address,uint256,uint256) topic0 0xd9063f0ea63183b099ea208e4d6a3b493efd1577d02a3d79093dd89e2f13e1ae
CREATE TABLE indexer.reward_distributor_epoch_funded (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "token" text NOT NULL,
    "amount" numeric(78,0) NOT NULL,
    "protocol_fee" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.ProtocolFeeSet(uint256) topic0 0xdb5aafdb29539329e37d4e3ee869bc4031941fd55a5dfc92824fbe34b204e30d
CREATE TABLE indexer.reward_distributor_protocol_fee_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "fee_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.reward_distributor_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.reward_distributor_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.reward_distributor_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.RootDisabled(uint64,bytes32) topic0 0x7dd961f68320077b344f7d501287df7043224c4f9afaaca887f0290c1e046ed8
CREATE TABLE indexer.reward_distributor_root_disabled (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "epoch" numeric(78,0) NOT NULL,
    "root" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- RewardDistributor.RootSubmitted(uint64,bytes32,uint256) topic0 0x6e4f0ae865c724aa969e3c532bf58ce572eb1b5c87d9cec71a7f992994c0bae1
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
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.CallExecuted(bytes32,uint256,address,uint256,bytes) topic0 0xc2617efa69bab66782fa219543714338489c4e9e178271560a91b82c3f612b58
CREATE TABLE indexer.timelock_controller_call_executed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "id" text NOT NULL,
    "index" numeric(78,0) NOT NULL,
    "target" text NOT NULL,
    "value" numeric(78,0) NOT NULL,
    "data" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.CallSalt(bytes32,bytes32) topic0 0x20fda5fd27a1ea7bf5b9567f143ac5470bb059374a27e8f67cb44f946f6d0387
CREATE TABLE indexer.timelock_controller_call_salt (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "id" text NOT NULL,
    "salt" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.CallScheduled(bytes32,uint256,address,uint256,bytes,bytes32,uint256) topic0 0x4cf4410cc57040e44862ef0f45f3dd5a5e02db8eb8add648d4b0e236f1d07dca
CREATE TABLE indexer.timelock_controller_call_scheduled (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "id" text NOT NULL,
    "index" numeric(78,0) NOT NULL,
    "target" text NOT NULL,
    "value" numeric(78,0) NOT NULL,
    "data" text NOT NULL,
    "predecessor" text NOT NULL,
    "delay" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.Cancelled(bytes32) topic0 0xbaa1eb22f2a492ba1a5fea61b8df4d27c6c8b5f3971e63bb58fa14ff72eedb70
CREATE TABLE indexer.timelock_controller_cancelled (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "id" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.MinDelayChange(uint256,uint256) topic0 0x11c24f4ead16507c69ac467fbd5e4eed5fb5c699626d2cc6d66421df253886d5
CREATE TABLE indexer.timelock_controller_min_delay_change (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "old_duration" numeric(78,0) NOT NULL,
    "new_duration" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.RoleAdminChanged(bytes32,bytes32,bytes32) topic0 0xbd79b86ffe0ab8e8776151514217cd7cacd52c909f66475c3af44e129f0b00ff
CREATE TABLE indexer.timelock_controller_role_admin_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "previous_admin_role" text NOT NULL,
    "new_admin_role" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.RoleGranted(bytes32,address,address) topic0 0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d
CREATE TABLE indexer.timelock_controller_role_granted (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- TimelockController.RoleRevoked(bytes32,address,address) topic0 0xf6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b
CREATE TABLE indexer.timelock_controller_role_revoked (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "role" text NOT NULL,
    "account" text NOT NULL,
    "sender" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.EIP712DomainChanged() topic0 0x0a6387c9ea3628b88a633bb4f3b151770f70085117a15f9bf3787cda53f13d31
CREATE TABLE indexer.octo_governor_eip712_domain_changed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.ProposalCanceled(uint256) topic0 0x789cf55be980739dad1d0699b93b58e806b51c9d96619bfa8fe0a28abaa7b30c
CREATE TABLE indexer.octo_governor_proposal_canceled (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "proposal_id" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string) topic0 0x7d84a6263ae0d98d3329bd7b46bb4e8d6f98cd35a7adb45c274c8b7fd5ebd5e0
CREATE TABLE indexer.octo_governor_proposal_created (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "proposal_id" numeric(78,0) NOT NULL,
    "proposer" text NOT NULL,
    "targets" jsonb NOT NULL,
    "values" jsonb NOT NULL,
    "signatures" jsonb NOT NULL,
    "calldatas" jsonb NOT NULL,
    "vote_start" numeric(78,0) NOT NULL,
    "vote_end" numeric(78,0) NOT NULL,
    "description" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.ProposalExecuted(uint256) topic0 0x712ae1383f79ac853f8d882153778e0260ef8f03b504e2866e0593e04d2b291f
CREATE TABLE indexer.octo_governor_proposal_executed (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "proposal_id" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.ProposalQueued(uint256,uint256) topic0 0x9a2e42fd6722813d69113e7d0079d3d940171428df7373df9c7f7617cfda2892
CREATE TABLE indexer.octo_governor_proposal_queued (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "proposal_id" numeric(78,0) NOT NULL,
    "eta_seconds" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.ProposalThresholdSet(uint256,uint256) topic0 0xccb45da8d5717e6c4544694297c4ba5cf151d455c9bb0ed4fc7a38411bc05461
CREATE TABLE indexer.octo_governor_proposal_threshold_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "old_proposal_threshold" numeric(78,0) NOT NULL,
    "new_proposal_threshold" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.QuorumFractionSet(uint256,uint256) topic0 0xba8384801488e6ae3f94c68508483e23bab9351f55dd69b48a38035b24042720
CREATE TABLE indexer.octo_governor_quorum_fraction_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "old_quorum_fraction_wad" numeric(78,0) NOT NULL,
    "new_quorum_fraction_wad" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.TimelockChange(address,address) topic0 0x08f74ea46ef7894f65eabfb5e6e695de773a000b47c529ab559178069b226401
CREATE TABLE indexer.octo_governor_timelock_change (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "old_timelock" text NOT NULL,
    "new_timelock" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.VoteCast(address,uint256,uint8,uint256,string) topic0 0xb8e138887d0aa13bab447e82de9d5c1777041ecd21ca36ba824ff1e6c07ddda4
CREATE TABLE indexer.octo_governor_vote_cast (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "voter" text NOT NULL,
    "proposal_id" numeric(78,0) NOT NULL,
    "support" bigint NOT NULL,
    "weight" numeric(78,0) NOT NULL,
    "reason" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.VoteCastWithParams(address,uint256,uint8,uint256,string,bytes) topic0 0xe2babfbac5889a709b63bb7f598b324e08bc5a4fb9ec647fb3cbc9ec07eb8712
CREATE TABLE indexer.octo_governor_vote_cast_with_params (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "voter" text NOT NULL,
    "proposal_id" numeric(78,0) NOT NULL,
    "support" bigint NOT NULL,
    "weight" numeric(78,0) NOT NULL,
    "reason" text NOT NULL,
    "params" text NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.VotingDelaySet(uint256,uint256) topic0 0xc565b045403dc03c2eea82b81a0465edad9e2e7fc4d97e11421c209da93d7a93
CREATE TABLE indexer.octo_governor_voting_delay_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "old_voting_delay" numeric(78,0) NOT NULL,
    "new_voting_delay" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);

-- OctoGovernor.VotingPeriodSet(uint256,uint256) topic0 0x7e3f7f0708a84de9203036abaa450dccc85ad5ff52f78c170f3edb55cf5e8828
CREATE TABLE indexer.octo_governor_voting_period_set (
    block_number bigint NOT NULL,
    log_index integer NOT NULL,
    tx_index integer NOT NULL,
    block_hash text NOT NULL,
    tx_hash text NOT NULL,
    contract text NOT NULL,
    "old_voting_period" numeric(78,0) NOT NULL,
    "new_voting_period" numeric(78,0) NOT NULL,
    PRIMARY KEY (block_number, log_index)
);
