package io.cipherocto.webhooks;

import io.cipherocto.devkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;

/** Writes indexed event rows straight into the indexer's tables, as the chain-indexer would have stored them. */
final class IndexedRows {
    private final TestDatabase db;

    IndexedRows(TestDatabase db) {
        this.db = db;
    }

    private void insert(String sql, Object... values) throws Exception {
        try (Connection c = db.jdbc(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                st.setObject(i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    /** AttestationRegistry.FailAttestationAccepted of {@code provider} at (block, 0). */
    void failAttestation(long block, String provider) throws Exception {
        insert("INSERT INTO indexer.attestation_registry_fail_attestation_accepted (block_number, log_index, tx_index, "
                + "block_hash, tx_hash, contract, epoch, job_id, provider, role, claimed_output_hash, recomputed_output_hash, "
                + "evidence_hash, finder, signers) VALUES (?, 0, 0, '0xbb', '0xtt', '0xcc', 3, '0xj0b', ?, 1, '0xc1', '0xc2', "
                + "'0xev', '0xf1', 1)", block, provider);
    }

    /** StakingManager.Slashed of {@code provider} at (block, 1). */
    void slashed(long block, String provider) throws Exception {
        insert("INSERT INTO indexer.staking_manager_slashed (block_number, log_index, tx_index, block_hash, tx_hash, contract, "
                + "provider, role, evidence_hash, fraction_wad, octo_slashed, role_slashed, finder) VALUES (?, 1, 0, '0xbb', "
                + "'0xtt', '0xcc', ?, 1, '0xev', 100000000000000000, 5000000000000000000000, 0, '0xf1')", block, provider);
    }

    /** OctoGovernor.ProposalCreated at (block, 2) with its voting window (timestamps). */
    void proposalCreated(long block, long proposalId, long voteStart, long voteEnd) throws Exception {
        insert("INSERT INTO indexer.octo_governor_proposal_created (block_number, log_index, tx_index, block_hash, tx_hash, "
                + "contract, proposal_id, proposer, targets, \"values\", signatures, calldatas, vote_start, vote_end, "
                + "description) VALUES (?, 2, 0, '0xbb', '0xtt', '0xgg', ?, '0xpp', '[]', '[]', '[]', '[]', ?, ?, 'raise the fee')",
                block, proposalId, voteStart, voteEnd);
    }

    /** RewardDistributor.RootSubmitted at (block, 3) activating at {@code activatesAt}. */
    void rootSubmitted(long block, long epoch, long activatesAt) throws Exception {
        insert("INSERT INTO indexer.reward_distributor_root_submitted (block_number, log_index, tx_index, block_hash, tx_hash, "
                + "contract, epoch, root, activates_at, bundle_hash) VALUES (?, 3, 0, '0xbb', '0xtt', '0xrr', ?, '0xr00t', ?, '0xbd')",
                block, epoch, activatesAt);
    }

    /** Empties the webhooks schema and the indexer tables these tests write. */
    void reset() throws Exception {
        try (Connection c = db.jdbc(); var st = c.createStatement()) {
            st.execute("TRUNCATE webhooks.deliveries, webhooks.events, webhooks.subscriptions, webhooks.cursors, "
                    + "webhooks.triggers, indexer.attestation_registry_fail_attestation_accepted, indexer.staking_manager_slashed, "
                    + "indexer.octo_governor_proposal_created, indexer.reward_distributor_root_submitted");
        }
    }
}
