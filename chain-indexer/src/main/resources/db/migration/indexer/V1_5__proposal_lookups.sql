-- Lookups by proposal (IndexedEvents.proposal, votes, proposalOutcomes): the governance API reads tallies and lifecycle
-- of many proposals at once from these tables instead of asking the governor once per proposal.
CREATE INDEX IF NOT EXISTS octo_governor_proposal_created_id ON indexer.octo_governor_proposal_created (proposal_id);
CREATE INDEX IF NOT EXISTS octo_governor_vote_cast_id ON indexer.octo_governor_vote_cast (proposal_id);
CREATE INDEX IF NOT EXISTS octo_governor_vote_cast_with_params_id ON indexer.octo_governor_vote_cast_with_params (proposal_id);
CREATE INDEX IF NOT EXISTS octo_governor_proposal_queued_id ON indexer.octo_governor_proposal_queued (proposal_id);
CREATE INDEX IF NOT EXISTS octo_governor_proposal_executed_id ON indexer.octo_governor_proposal_executed (proposal_id);
CREATE INDEX IF NOT EXISTS octo_governor_proposal_canceled_id ON indexer.octo_governor_proposal_canceled (proposal_id);
-- Member profiles (IndexedEvents.memberStakeChanges, votesBy): a member's stake history and the votes it cast.
CREATE INDEX IF NOT EXISTS staking_manager_member_stake_changed_member ON indexer.staking_manager_member_stake_changed ("member");
CREATE INDEX IF NOT EXISTS octo_governor_vote_cast_voter ON indexer.octo_governor_vote_cast (voter);
CREATE INDEX IF NOT EXISTS octo_governor_vote_cast_with_params_voter ON indexer.octo_governor_vote_cast_with_params (voter);
