// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IOctoGovernor
/// @notice The DAO governor: OpenZeppelin Governor (timestamp clock) with a TimelockController executor and
/// square-root counting. A voter's weight is floor(sqrt(member stake)) read from the StakingManager at the
/// proposal snapshot; non-members weigh 0, so splitting stake across fresh addresses gains nothing.
/// Quorum = quorumFractionWad * total square-root voting power at the snapshot / 1e18.
/// Ballots are the standard OZ Governor ballot, castable by signature:
/// Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce) under the domain (name(), "1", chainId, this).
/// Counting: support 0 = against, 1 = for, 2 = abstain; quorum counts for + abstain; a proposal succeeds when
/// for > against. Voting delay/period, proposal threshold and quorum change only through governance.
interface IOctoGovernor {
    error OctoGovernorInvalidQuorumFraction(uint256 quorumFractionWad);

    event QuorumFractionSet(uint256 oldQuorumFractionWad, uint256 newQuorumFractionWad);

    /// @notice The StakingManager whose member stake gives voting power.
    function staking() external view returns (address);

    /// @notice Quorum as a fraction (1e18 = 100%) of the total square-root voting power at the snapshot.
    function quorumFractionWad() external view returns (uint256);

    /// @notice Sets the quorum fraction. Only through governance (the timelock).
    function setQuorumFraction(uint256 quorumFractionWad) external;

    /// @notice Tallies of `proposalId` in voting-power units (square roots of stake).
    function proposalVotes(uint256 proposalId)
        external
        view
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes);
}
