// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title IStakingManager
/// @notice Dual staking for providers (OCTO + the role's token, per role) and OCTO staking for governance members.
///
/// Providers: `registerProvider(role)`, then `stake`. A provider is *active* for a role when registered and its
/// bonded stake (not counting unbonding stake) meets both governed minimums. `requestUnbond` moves stake into the
/// unbonding bucket (one bucket per provider and role; a new request adds to it and restarts the clock);
/// `withdraw` pays it out once `unbondingPeriod` has passed. Bonded and unbonding stake are both slashable until
/// withdrawn. `slash` is callable only by the AttestationRegistry and takes the same fraction of every bucket
/// and both tokens; slashed tokens are split burn / treasury / finder by governed shares (rounding dust goes to
/// the treasury so the split is exact).
///
/// Members: `registerMember(bond)` locks at least `minMemberBond` OCTO; `increaseMemberStake` adds to it.
/// Member stake is checkpointed by timestamp, so `memberStakeAt(account, t)` is exact for any past t, and so is
/// the total square-root voting power `totalVotingPowerAt(t)` = sum of floor(sqrt(stake)) over members.
/// Non-members have stake 0, hence voting power 0. `requestMemberExit` ends membership at once (stake checkpoint
/// goes to 0) and starts the unbonding clock; `withdrawMember` pays out afterwards. Member stake is not slashable.
///
/// Every parameter is set only by GOVERNANCE_ROLE (the timelock).
interface IStakingManager {
    /// @notice Book of one provider for one role. Amounts fit in 96 bits (token caps guarantee it).
    struct ProviderStake {
        uint96 octo; // bonded OCTO
        uint96 roleAmount; // bonded role token
        uint48 unbondReadyAt; // when the unbonding bucket may be withdrawn (0: nothing unbonding)
        bool registered;
    }

    struct Unbonding {
        uint128 octo;
        uint128 roleAmount;
    }

    /// @notice Governed parameters for one role.
    struct RoleMinimums {
        uint128 minOcto;
        uint128 minRoleAmount;
    }

    /// @notice Governed split of slashed tokens; the three shares sum to 1e18.
    struct SlashShares {
        uint64 burnWad;
        uint64 treasuryWad;
        uint64 finderWad;
    }

    error StakingInvalidRole(uint8 role);
    error StakingAlreadyRegistered(address provider, uint8 role);
    error StakingNotRegistered(address provider, uint8 role);
    error StakingZeroAmount();
    error StakingInsufficientStake(uint256 available, uint256 requested);
    error StakingBelowMinimum(uint8 role, uint256 octo, uint256 roleAmount);
    error StakingUnbondingNotReady(uint256 readyAt);
    error StakingNothingToWithdraw();
    error StakingUnauthorizedSlasher(address caller);
    error StakingSlashFractionTooHigh(uint256 fractionWad, uint256 maxFractionWad);
    error StakingInvalidShares();
    error StakingInvalidParameter();
    error StakingAlreadyMember(address account);
    error StakingNotMember(address account);
    error StakingBondTooLow(uint256 bond, uint256 minBond);
    error StakingAmountTooLarge(uint256 amount);
    /// @notice The provider's stake for the role is frozen while a slash is queued (AttestationRegistry veto window).
    error StakingFrozen(address provider, uint8 role);
    /// @notice A checkpoint lookup asked for `timepoint`, which is not strictly before the current timestamp `currentTime`.
    error StakingFutureLookup(uint256 timepoint, uint256 currentTime);

    event ProviderRegistered(address indexed provider, uint8 indexed role);
    event Staked(address indexed provider, uint8 indexed role, uint256 octo, uint256 roleAmount);
    event UnbondRequested(address indexed provider, uint8 indexed role, uint256 octo, uint256 roleAmount, uint256 readyAt);
    event Withdrawn(address indexed provider, uint8 indexed role, uint256 octo, uint256 roleAmount);
    /// @notice Totals taken from the provider (bonded + unbonding) and where they went.
    event Slashed(
        address indexed provider,
        uint8 indexed role,
        bytes32 indexed evidenceHash,
        uint256 fractionWad,
        uint256 octoSlashed,
        uint256 roleSlashed,
        address finder
    );
    event StakeFrozen(address indexed provider, uint8 indexed role, bool frozen);
    event SlashDistributed(address indexed token, uint256 burned, uint256 toTreasury, uint256 toFinder);
    event MemberRegistered(address indexed member, uint256 bond);
    event MemberStakeChanged(address indexed member, uint256 newStake);
    event MemberExitRequested(address indexed member, uint256 amount, uint256 readyAt);
    event MemberWithdrawn(address indexed member, uint256 amount);
    event RoleMinimumsSet(uint8 indexed role, uint256 minOcto, uint256 minRoleAmount);
    event UnbondingPeriodSet(uint256 period);
    event MaxSlashFractionSet(uint256 fractionWad);
    event SlashSharesSet(uint256 burnWad, uint256 treasuryWad, uint256 finderWad);
    event MinMemberBondSet(uint256 bond);
    event SlasherSet(address slasher);
    event TreasurySet(address treasury);

    // ------------------------------------------------------------------ providers

    /// @notice Registers the caller as a provider for `role`.
    function registerProvider(uint8 role) external;

    /// @notice Adds `octoAmount` OCTO and `roleAmount` of the role's token to the caller's bonded stake for `role`.
    /// @dev Pulls both with transferFrom (approve first, or use permit on OCTO). At least one amount must be > 0.
    function stake(uint8 role, uint256 octoAmount, uint256 roleAmount) external;

    /// @notice Moves bonded stake into the unbonding bucket; withdrawable after `unbondingPeriod` (the clock
    /// restarts for the whole bucket). Unbonding stake stays slashable.
    function requestUnbond(uint8 role, uint256 octoAmount, uint256 roleAmount) external;

    /// @notice Pays out the caller's unbonding bucket for `role` once it is ready.
    function withdraw(uint8 role) external;

    /// @notice Slashes `fractionWad` / 1e18 of the provider's bonded and unbonding stake (both tokens) for `role`.
    /// @dev Only the slasher (AttestationRegistry). `fractionWad` <= `maxSlashFractionWad`. Pays the finder share
    /// to `finder`, the treasury share to the treasury, burns the burn share.
    function slash(address provider, uint8 role, uint256 fractionWad, bytes32 evidenceHash, address finder) external;

    /// @notice Freezes (or unfreezes) a provider's stake for a role while a slash is queued: `requestUnbond` and
    /// `withdraw` revert with StakingFrozen. Only the slasher.
    function setFrozen(address provider, uint8 role, bool frozen_) external;

    /// @notice Whether the provider's stake for the role is frozen by a queued slash.
    function frozen(address provider, uint8 role) external view returns (bool);

    function providerStake(address provider, uint8 role) external view returns (ProviderStake memory);
    function unbonding(address provider, uint8 role) external view returns (Unbonding memory);
    /// @notice Registered and bonded stake at or above both minimums.
    function isActiveProvider(address provider, uint8 role) external view returns (bool);

    // ------------------------------------------------------------------ members

    /// @notice Registers the caller as a governance member, locking `bond` (>= minMemberBond) OCTO.
    function registerMember(uint256 bond) external;

    /// @notice Adds `amount` OCTO to the caller's member stake.
    function increaseMemberStake(uint256 amount) external;

    /// @notice Ends the caller's membership now (voting power 0 from this timestamp) and starts unbonding.
    function requestMemberExit() external;

    /// @notice Pays out an exited member's stake after the unbonding period.
    function withdrawMember() external;

    function isMember(address account) external view returns (bool);
    function memberStake(address account) external view returns (uint256);
    /// @notice Member stake at timestamp `timepoint` (must be in the past). 0 for non-members.
    function memberStakeAt(address account, uint256 timepoint) external view returns (uint256);
    /// @notice floor(sqrt(memberStakeAt(account, timepoint))).
    function votingPowerAt(address account, uint256 timepoint) external view returns (uint256);
    /// @notice Sum of floor(sqrt(stake)) over all members at `timepoint` (must be in the past).
    function totalVotingPowerAt(uint256 timepoint) external view returns (uint256);

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)

    function setRoleMinimums(uint8 role, uint256 minOcto, uint256 minRoleAmount) external;
    function setUnbondingPeriod(uint256 period) external;
    function setMaxSlashFraction(uint256 fractionWad) external;
    function setSlashShares(uint256 burnWad, uint256 treasuryWad, uint256 finderWad) external;
    function setMinMemberBond(uint256 bond) external;
    function setSlasher(address slasher) external;
    function setTreasury(address treasury) external;

    function roleMinimums(uint8 role) external view returns (RoleMinimums memory);
    function unbondingPeriod() external view returns (uint256);
    function maxSlashFractionWad() external view returns (uint256);
    function slashShares() external view returns (SlashShares memory);
    function minMemberBond() external view returns (uint256);
    function slasher() external view returns (address);
    function treasury() external view returns (address);
    function octo() external view returns (address);
    function roleToken(uint8 role) external view returns (address);
}
