// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";

import {IStakingManager} from "./interfaces/IStakingManager.sol";
import {IOctoToken} from "./interfaces/IOctoToken.sol";
import {IRoleToken} from "./interfaces/IRoleToken.sol";
import {Roles} from "./libraries/Roles.sol";
import {SqrtVotes} from "./libraries/SqrtVotes.sol";

/// @title StakingManager
/// @notice Dual staking for providers (OCTO + the role's token, per role) and OCTO staking for governance members.
/// See {IStakingManager} for the full specification.
///
/// Design notes:
/// - A provider's book for one role ({IStakingManager-ProviderStake}) packs into ONE storage slot
///   (96 + 96 + 48 + 8 bits). `registerProvider` makes that slot non-zero, so the first `stake` afterwards is a
///   non-zero to non-zero write. Amounts are checked to fit 96 bits and revert with `StakingAmountTooLarge`.
/// - The unbonding bucket of a provider and role is a separate slot; its release time lives in the book slot.
/// - Slashing takes floor(amount * fractionWad / 1e18) from each of the four buckets (bonded / unbonding, OCTO /
///   role token); rounding therefore favours the provider by less than 1 wei per bucket. Each token's slashed
///   total is split: burn = floor(total * burnWad / 1e18), finder = floor(total * finderWad / 1e18), treasury =
///   total - burn - finder (the dust), so the three parts always sum to the slashed total exactly. When `finder` is
///   the zero address its share goes to the treasury; while no treasury is set the treasury share is burned.
/// - Member stake and the total square-root voting power are checkpointed (OZ Checkpoints.Trace208) keyed by
///   `uint48(block.timestamp)`. Lookups must be strictly in the past (`StakingFutureLookup`), as with ERC-5805.
/// - A member who exited may register again at once; the earlier exit bucket keeps unbonding on its own clock.
///   A second exit before that bucket is withdrawn adds to it and restarts its clock (same rule as providers).
/// - Only OCTO and the eight role tokens fixed at construction are ever transferred; state is written before
///   every token transfer (checks-effects-interactions).
contract StakingManager is IStakingManager, AccessControl {
    using SafeERC20 for IERC20;
    using Checkpoints for Checkpoints.Trace208;

    /// @notice Role allowed to change every parameter (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice 100% in wad.
    uint256 public constant WAD = 1e18;
    /// @notice Upper bound accepted by {setUnbondingPeriod}.
    uint256 public constant MAX_UNBONDING_PERIOD = 365 days;

    /// @notice Default unbonding period (providers and members).
    uint48 public constant DEFAULT_UNBONDING_PERIOD = 7 days;
    /// @notice Default cap on one slash: 50%.
    uint256 public constant DEFAULT_MAX_SLASH_FRACTION_WAD = 0.5e18;
    /// @notice Default slash split: 50% burned, 30% treasury, 20% finder.
    uint64 public constant DEFAULT_BURN_WAD = 0.5e18;
    uint64 public constant DEFAULT_TREASURY_WAD = 0.3e18;
    uint64 public constant DEFAULT_FINDER_WAD = 0.2e18;
    /// @notice Default minimum member bond: 100 OCTO.
    uint256 public constant DEFAULT_MIN_MEMBER_BOND = 100e18;
    /// @notice Default provider minimums for every role: 1,000 OCTO and 100 role tokens.
    uint128 public constant DEFAULT_MIN_OCTO = 1_000e18;
    uint128 public constant DEFAULT_MIN_ROLE_AMOUNT = 100e18;

    IERC20 private immutable _octo;
    // The eight role tokens as immutables: reading them costs no storage access on the hot `stake` path.
    address private immutable _roleToken0;
    address private immutable _roleToken1;
    address private immutable _roleToken2;
    address private immutable _roleToken3;
    address private immutable _roleToken4;
    address private immutable _roleToken5;
    address private immutable _roleToken6;
    address private immutable _roleToken7;

    /// @dev Per-member bookkeeping besides the stake checkpoints. One slot.
    struct MemberInfo {
        bool active;
        uint48 exitReadyAt;
        uint128 exitAmount;
    }

    mapping(address provider => mapping(uint8 role => ProviderStake)) private _stakes;
    mapping(address provider => mapping(uint8 role => Unbonding)) private _unbondings;
    RoleMinimums[8] private _minimums;

    address private _slasher;
    uint48 private _unbondingPeriod;
    SlashShares private _shares;
    uint256 private _maxSlashFractionWad;
    address private _treasury;
    uint256 private _minMemberBond;

    mapping(address member => MemberInfo) private _members;
    mapping(address member => Checkpoints.Trace208) private _memberStakes;
    Checkpoints.Trace208 private _totalVotingPower;
    mapping(address provider => mapping(uint8 role => bool)) private _frozen;

    /// @param octo_ The OCTO token.
    /// @param roleTokens_ The role tokens, indexed by role id (see {Roles}).
    /// @param admin Receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock after deployment).
    /// @dev Defaults: unbondingPeriod 7 days, maxSlashFractionWad 0.5e18, slash shares burn 0.5e18 / treasury 0.3e18 /
    /// finder 0.2e18, minMemberBond 100e18, role minimums 1_000e18 OCTO / 100e18 role token for every role. No slasher
    /// and no treasury are set: governance sets them (until a slasher is set nobody can slash).
    constructor(address octo_, address[8] memory roleTokens_, address admin) {
        if (octo_ == address(0) || admin == address(0)) revert StakingInvalidParameter();
        for (uint8 i = 0; i < Roles.COUNT; ++i) {
            if (roleTokens_[i] == address(0)) revert StakingInvalidParameter();
            _minimums[i] = RoleMinimums({minOcto: DEFAULT_MIN_OCTO, minRoleAmount: DEFAULT_MIN_ROLE_AMOUNT});
        }
        _octo = IERC20(octo_);
        _roleToken0 = roleTokens_[0];
        _roleToken1 = roleTokens_[1];
        _roleToken2 = roleTokens_[2];
        _roleToken3 = roleTokens_[3];
        _roleToken4 = roleTokens_[4];
        _roleToken5 = roleTokens_[5];
        _roleToken6 = roleTokens_[6];
        _roleToken7 = roleTokens_[7];

        _unbondingPeriod = DEFAULT_UNBONDING_PERIOD;
        _maxSlashFractionWad = DEFAULT_MAX_SLASH_FRACTION_WAD;
        _shares =
            SlashShares({burnWad: DEFAULT_BURN_WAD, treasuryWad: DEFAULT_TREASURY_WAD, finderWad: DEFAULT_FINDER_WAD});
        _minMemberBond = DEFAULT_MIN_MEMBER_BOND;

        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
    }

    // ------------------------------------------------------------------ providers

    /// @inheritdoc IStakingManager
    function registerProvider(uint8 role) external {
        _requireValidRole(role);
        ProviderStake storage ps = _stakes[msg.sender][role];
        if (ps.registered) revert StakingAlreadyRegistered(msg.sender, role);
        ps.registered = true;
        emit ProviderRegistered(msg.sender, role);
    }

    /// @inheritdoc IStakingManager
    function stake(uint8 role, uint256 octoAmount, uint256 roleAmount) external {
        address token = _roleTokenOf(role); // validates the role
        if (octoAmount == 0 && roleAmount == 0) revert StakingZeroAmount();
        ProviderStake memory ps = _stakes[msg.sender][role];
        if (!ps.registered) revert StakingNotRegistered(msg.sender, role);

        // Each addend is checked to fit 96 bits before the addition, so the uint256 sums cannot overflow.
        ps.octo = _toUint96(uint256(ps.octo) + _checkFits96(octoAmount));
        ps.roleAmount = _toUint96(uint256(ps.roleAmount) + _checkFits96(roleAmount));
        _stakes[msg.sender][role] = ps;
        emit Staked(msg.sender, role, octoAmount, roleAmount);

        if (octoAmount != 0) _octo.safeTransferFrom(msg.sender, address(this), octoAmount);
        if (roleAmount != 0) IERC20(token).safeTransferFrom(msg.sender, address(this), roleAmount);
    }

    /// @inheritdoc IStakingManager
    /// @dev Reverts with StakingFrozen (checked right after the role) while a slash of the provider and role is
    /// queued in the AttestationRegistry.
    function requestUnbond(uint8 role, uint256 octoAmount, uint256 roleAmount) external {
        _requireValidRole(role);
        if (_frozen[msg.sender][role]) revert StakingFrozen(msg.sender, role);
        if (octoAmount == 0 && roleAmount == 0) revert StakingZeroAmount();
        ProviderStake memory ps = _stakes[msg.sender][role];
        if (!ps.registered) revert StakingNotRegistered(msg.sender, role);
        if (octoAmount > ps.octo) revert StakingInsufficientStake(ps.octo, octoAmount);
        if (roleAmount > ps.roleAmount) revert StakingInsufficientStake(ps.roleAmount, roleAmount);

        // Both amounts were just checked against the bonded amounts, so they fit 96 bits and the subtractions
        // cannot underflow.
        unchecked {
            // forge-lint: disable-next-line(unsafe-typecast)
            ps.octo -= uint96(octoAmount);
            // forge-lint: disable-next-line(unsafe-typecast)
            ps.roleAmount -= uint96(roleAmount);
        }
        uint256 readyAt = block.timestamp + _unbondingPeriod;
        ps.unbondReadyAt = SafeCast.toUint48(readyAt);
        _stakes[msg.sender][role] = ps;

        Unbonding storage u = _unbondings[msg.sender][role];
        u.octo = SafeCast.toUint128(uint256(u.octo) + octoAmount);
        u.roleAmount = SafeCast.toUint128(uint256(u.roleAmount) + roleAmount);

        emit UnbondRequested(msg.sender, role, octoAmount, roleAmount, readyAt);
    }

    /// @inheritdoc IStakingManager
    /// @dev Reverts with StakingFrozen (checked right after the role) while a slash of the provider and role is
    /// queued in the AttestationRegistry.
    function withdraw(uint8 role) external {
        address token = _roleTokenOf(role);
        if (_frozen[msg.sender][role]) revert StakingFrozen(msg.sender, role);
        Unbonding memory u = _unbondings[msg.sender][role];
        if (u.octo == 0 && u.roleAmount == 0) revert StakingNothingToWithdraw();
        ProviderStake storage ps = _stakes[msg.sender][role];
        uint256 readyAt = ps.unbondReadyAt;
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < readyAt) revert StakingUnbondingNotReady(readyAt);

        ps.unbondReadyAt = 0;
        delete _unbondings[msg.sender][role];
        emit Withdrawn(msg.sender, role, u.octo, u.roleAmount);

        if (u.octo != 0) _octo.safeTransfer(msg.sender, u.octo);
        if (u.roleAmount != 0) IERC20(token).safeTransfer(msg.sender, u.roleAmount);
    }

    /// @inheritdoc IStakingManager
    /// @dev A provider with nothing at stake is slashed by zero (no revert), so fraud handling never blocks on an
    /// empty book. `fractionWad` = 0 is accepted and slashes nothing. Reverts with StakingNotRegistered for an
    /// address that never registered for `role`.
    function slash(address provider, uint8 role, uint256 fractionWad, bytes32 evidenceHash, address finder) external {
        if (msg.sender != _slasher) revert StakingUnauthorizedSlasher(msg.sender);
        address token = _roleTokenOf(role);
        uint256 maxFraction = _maxSlashFractionWad;
        if (fractionWad > maxFraction) revert StakingSlashFractionTooHigh(fractionWad, maxFraction);
        (uint256 octoSlashed, uint256 roleSlashed) = _takeFraction(provider, role, fractionWad);
        emit Slashed(provider, role, evidenceHash, fractionWad, octoSlashed, roleSlashed, finder);

        _distribute(address(_octo), octoSlashed, finder);
        _distribute(token, roleSlashed, finder);
    }

    /// @inheritdoc IStakingManager
    /// @dev Checks: caller is the slasher (StakingUnauthorizedSlasher), valid role (StakingInvalidRole). Idempotent;
    /// the event is emitted in any case. Freezing does not require registration and does not block `stake` or
    /// `slash`: it only keeps stake from leaving (`requestUnbond`, `withdraw`).
    function setFrozen(address provider, uint8 role, bool frozen_) external {
        if (msg.sender != _slasher) revert StakingUnauthorizedSlasher(msg.sender);
        _requireValidRole(role);
        _frozen[provider][role] = frozen_;
        emit StakeFrozen(provider, role, frozen_);
    }

    /// @inheritdoc IStakingManager
    function frozen(address provider, uint8 role) external view returns (bool) {
        _requireValidRole(role);
        return _frozen[provider][role];
    }

    /// @inheritdoc IStakingManager
    function providerStake(address provider, uint8 role) external view returns (ProviderStake memory) {
        _requireValidRole(role);
        return _stakes[provider][role];
    }

    /// @inheritdoc IStakingManager
    function unbonding(address provider, uint8 role) external view returns (Unbonding memory) {
        _requireValidRole(role);
        return _unbondings[provider][role];
    }

    /// @inheritdoc IStakingManager
    function isActiveProvider(address provider, uint8 role) external view returns (bool) {
        _requireValidRole(role);
        ProviderStake memory ps = _stakes[provider][role];
        RoleMinimums memory m = _minimums[role];
        return ps.registered && ps.octo >= m.minOcto && ps.roleAmount >= m.minRoleAmount;
    }

    // ------------------------------------------------------------------ members

    /// @inheritdoc IStakingManager
    /// @dev An exited member may register again before withdrawing the exit bucket; the bucket is kept apart.
    function registerMember(uint256 bond) external {
        MemberInfo storage m = _members[msg.sender];
        if (m.active) revert StakingAlreadyMember(msg.sender);
        uint256 minBond = _minMemberBond;
        if (bond < minBond) revert StakingBondTooLow(bond, minBond);
        m.active = true;
        // An inactive member's stake checkpoint is 0 (never set, or zeroed by requestMemberExit).
        _setMemberStake(msg.sender, 0, bond);
        emit MemberRegistered(msg.sender, bond);

        _octo.safeTransferFrom(msg.sender, address(this), bond);
    }

    /// @inheritdoc IStakingManager
    function increaseMemberStake(uint256 amount) external {
        if (!_members[msg.sender].active) revert StakingNotMember(msg.sender);
        if (amount == 0) revert StakingZeroAmount();
        uint256 oldStake = _memberStakes[msg.sender].latest();
        _setMemberStake(msg.sender, oldStake, oldStake + amount);

        _octo.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc IStakingManager
    /// @dev The stake joins the exit bucket; if a previous bucket is still there, the clock restarts for the whole.
    function requestMemberExit() external {
        MemberInfo storage m = _members[msg.sender];
        if (!m.active) revert StakingNotMember(msg.sender);
        uint256 amount = _memberStakes[msg.sender].latest();
        _setMemberStake(msg.sender, amount, 0);

        uint256 readyAt = block.timestamp + _unbondingPeriod;
        m.active = false;
        m.exitReadyAt = SafeCast.toUint48(readyAt);
        m.exitAmount = SafeCast.toUint128(uint256(m.exitAmount) + amount);
        emit MemberExitRequested(msg.sender, amount, readyAt);
    }

    /// @inheritdoc IStakingManager
    function withdrawMember() external {
        MemberInfo storage m = _members[msg.sender];
        uint256 amount = m.exitAmount;
        if (amount == 0) revert StakingNothingToWithdraw();
        uint256 readyAt = m.exitReadyAt;
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < readyAt) revert StakingUnbondingNotReady(readyAt);
        m.exitAmount = 0;
        m.exitReadyAt = 0;
        emit MemberWithdrawn(msg.sender, amount);

        _octo.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc IStakingManager
    function isMember(address account) external view returns (bool) {
        return _members[account].active;
    }

    /// @inheritdoc IStakingManager
    function memberStake(address account) external view returns (uint256) {
        return _memberStakes[account].latest();
    }

    /// @inheritdoc IStakingManager
    function memberStakeAt(address account, uint256 timepoint) public view returns (uint256) {
        return _memberStakes[account].upperLookupRecent(_pastTimepoint(timepoint));
    }

    /// @inheritdoc IStakingManager
    function votingPowerAt(address account, uint256 timepoint) external view returns (uint256) {
        return SqrtVotes.power(memberStakeAt(account, timepoint));
    }

    /// @inheritdoc IStakingManager
    function totalVotingPowerAt(uint256 timepoint) external view returns (uint256) {
        return _totalVotingPower.upperLookupRecent(_pastTimepoint(timepoint));
    }

    /// @notice Exit bucket of a (former) member: amount still locked and when it may be withdrawn.
    function memberExit(address account) external view returns (uint256 amount, uint256 readyAt) {
        MemberInfo memory m = _members[account];
        return (m.exitAmount, m.exitReadyAt);
    }

    // ------------------------------------------------------------------ parameters (GOVERNANCE_ROLE)

    /// @inheritdoc IStakingManager
    /// @dev `minOcto` must be > 0 (an active provider always has OCTO at stake); `minRoleAmount` may be 0 (e.g. to
    /// bootstrap a role before its token circulates). Both must fit 96 bits, the width of the bonded amounts.
    function setRoleMinimums(uint8 role, uint256 minOcto, uint256 minRoleAmount) external onlyRole(GOVERNANCE_ROLE) {
        _requireValidRole(role);
        if (minOcto == 0 || minOcto > type(uint96).max || minRoleAmount > type(uint96).max) {
            revert StakingInvalidParameter();
        }
        // Both were just checked to fit 96 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        _minimums[role] = RoleMinimums({minOcto: uint128(minOcto), minRoleAmount: uint128(minRoleAmount)});
        emit RoleMinimumsSet(role, minOcto, minRoleAmount);
    }

    /// @inheritdoc IStakingManager
    /// @dev 0 < period <= MAX_UNBONDING_PERIOD. Applies to requests made afterwards.
    function setUnbondingPeriod(uint256 period) external onlyRole(GOVERNANCE_ROLE) {
        if (period == 0 || period > MAX_UNBONDING_PERIOD) revert StakingInvalidParameter();
        // period <= MAX_UNBONDING_PERIOD fits 48 bits.
        // forge-lint: disable-next-line(unsafe-typecast)
        _unbondingPeriod = uint48(period);
        emit UnbondingPeriodSet(period);
    }

    /// @inheritdoc IStakingManager
    /// @dev 0 < fractionWad <= 1e18.
    function setMaxSlashFraction(uint256 fractionWad) external onlyRole(GOVERNANCE_ROLE) {
        if (fractionWad == 0 || fractionWad > WAD) revert StakingInvalidParameter();
        _maxSlashFractionWad = fractionWad;
        emit MaxSlashFractionSet(fractionWad);
    }

    /// @inheritdoc IStakingManager
    /// @dev The shares must sum to exactly 1e18 (StakingInvalidShares).
    function setSlashShares(uint256 burnWad, uint256 treasuryWad, uint256 finderWad)
        external
        onlyRole(GOVERNANCE_ROLE)
    {
        // Each share is bounded by WAD before summing, so the sum cannot overflow.
        if (burnWad > WAD || treasuryWad > WAD || finderWad > WAD || burnWad + treasuryWad + finderWad != WAD) {
            revert StakingInvalidShares();
        }
        _shares = SlashShares({
            burnWad: SafeCast.toUint64(burnWad),
            treasuryWad: SafeCast.toUint64(treasuryWad),
            finderWad: SafeCast.toUint64(finderWad)
        });
        emit SlashSharesSet(burnWad, treasuryWad, finderWad);
    }

    /// @inheritdoc IStakingManager
    /// @dev bond > 0. Existing members are not affected.
    function setMinMemberBond(uint256 bond) external onlyRole(GOVERNANCE_ROLE) {
        if (bond == 0) revert StakingInvalidParameter();
        _minMemberBond = bond;
        emit MinMemberBondSet(bond);
    }

    /// @inheritdoc IStakingManager
    /// @dev Non-zero (the AttestationRegistry).
    function setSlasher(address slasher_) external onlyRole(GOVERNANCE_ROLE) {
        if (slasher_ == address(0)) revert StakingInvalidParameter();
        _slasher = slasher_;
        emit SlasherSet(slasher_);
    }

    /// @inheritdoc IStakingManager
    /// @dev Non-zero.
    function setTreasury(address treasury_) external onlyRole(GOVERNANCE_ROLE) {
        if (treasury_ == address(0)) revert StakingInvalidParameter();
        _treasury = treasury_;
        emit TreasurySet(treasury_);
    }

    /// @inheritdoc IStakingManager
    function roleMinimums(uint8 role) external view returns (RoleMinimums memory) {
        _requireValidRole(role);
        return _minimums[role];
    }

    /// @inheritdoc IStakingManager
    function unbondingPeriod() external view returns (uint256) {
        return _unbondingPeriod;
    }

    /// @inheritdoc IStakingManager
    function maxSlashFractionWad() external view returns (uint256) {
        return _maxSlashFractionWad;
    }

    /// @inheritdoc IStakingManager
    function slashShares() external view returns (SlashShares memory) {
        return _shares;
    }

    /// @inheritdoc IStakingManager
    function minMemberBond() external view returns (uint256) {
        return _minMemberBond;
    }

    /// @inheritdoc IStakingManager
    function slasher() external view returns (address) {
        return _slasher;
    }

    /// @inheritdoc IStakingManager
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IStakingManager
    function octo() external view returns (address) {
        return address(_octo);
    }

    /// @inheritdoc IStakingManager
    function roleToken(uint8 role) external view returns (address) {
        return _roleTokenOf(role);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Takes floor(amount * fractionWad / 1e18) from each of the provider's four buckets for `role` and
    /// returns the totals per token. Reverts with StakingNotRegistered for an unregistered provider.
    function _takeFraction(address provider, uint8 role, uint256 fractionWad)
        private
        returns (uint256 octoSlashed, uint256 roleSlashed)
    {
        ProviderStake memory ps = _stakes[provider][role];
        if (!ps.registered) revert StakingNotRegistered(provider, role);
        Unbonding memory u = _unbondings[provider][role];

        // fractionWad <= maxSlashFractionWad <= 1e18 and every amount is < 2^128, so the products fit 256 bits and
        // each slashed part is at most the amount it is taken from.
        uint256 octoBonded = uint256(ps.octo) * fractionWad / WAD;
        uint256 roleBonded = uint256(ps.roleAmount) * fractionWad / WAD;
        uint256 octoUnbonding = uint256(u.octo) * fractionWad / WAD;
        uint256 roleUnbonding = uint256(u.roleAmount) * fractionWad / WAD;
        unchecked {
            // Each part is <= the amount it is subtracted from (fraction <= 1), so no underflow, and it fits the
            // width of that amount, so the casts do not truncate. The sums are bounded by the token supplies.
            // forge-lint: disable-next-line(unsafe-typecast)
            ps.octo -= uint96(octoBonded);
            // forge-lint: disable-next-line(unsafe-typecast)
            ps.roleAmount -= uint96(roleBonded);
            // forge-lint: disable-next-line(unsafe-typecast)
            u.octo -= uint128(octoUnbonding);
            // forge-lint: disable-next-line(unsafe-typecast)
            u.roleAmount -= uint128(roleUnbonding);
            octoSlashed = octoBonded + octoUnbonding;
            roleSlashed = roleBonded + roleUnbonding;
        }
        // A bucket slashed to nothing (fraction 1) has nothing left to wait for.
        if (u.octo == 0 && u.roleAmount == 0) ps.unbondReadyAt = 0;
        _stakes[provider][role] = ps;
        _unbondings[provider][role] = u;
    }

    /// @dev Splits `amount` of `token` (held here) into burn / finder / treasury and emits SlashDistributed.
    /// Rounding: burn and finder are floored, the treasury gets the remainder, so the parts sum to `amount`.
    function _distribute(address token, uint256 amount, address finder) private {
        SlashShares memory s = _shares;
        uint256 burned = amount * s.burnWad / WAD;
        uint256 toFinder = finder == address(0) ? 0 : amount * s.finderWad / WAD;
        // burnWad + finderWad <= 1e18 and both parts are floored, so burned + toFinder <= amount.
        uint256 toTreasury = amount - burned - toFinder;
        address treasury_ = _treasury;
        if (treasury_ == address(0)) {
            // No treasury yet: its share is burned rather than left unaccounted in this contract.
            burned += toTreasury;
            toTreasury = 0;
        }
        emit SlashDistributed(token, burned, toTreasury, toFinder);

        if (burned != 0) IOctoToken(token).burn(burned); // OCTO and role tokens share `burn(uint256)`
        if (toFinder != 0) IERC20(token).safeTransfer(finder, toFinder);
        if (toTreasury != 0) IERC20(token).safeTransfer(treasury_, toTreasury);
    }

    /// @dev Writes a member's new stake checkpoint and moves the total square-root voting power accordingly.
    function _setMemberStake(address member, uint256 oldStake, uint256 newStake) private {
        uint48 now_ = uint48(block.timestamp);
        _memberStakes[member].push(now_, SafeCast.toUint208(newStake));
        // The total is the sum of the members' floor(sqrt(stake)), which includes SqrtVotes.power(oldStake), so
        // the subtraction cannot underflow; the addition is bounded by a uint208 check in toUint208.
        uint256 total = _totalVotingPower.latest() + SqrtVotes.power(newStake) - SqrtVotes.power(oldStake);
        _totalVotingPower.push(now_, SafeCast.toUint208(total));
        emit MemberStakeChanged(member, newStake);
    }

    /// @dev Reverts unless `timepoint` is strictly before now; returns it as a checkpoint key.
    function _pastTimepoint(uint256 timepoint) private view returns (uint48) {
        // forge-lint: disable-next-line(block-timestamp)
        if (timepoint >= block.timestamp) revert StakingFutureLookup(timepoint, block.timestamp);
        return SafeCast.toUint48(timepoint);
    }

    /// @dev The role token of `role`; reverts with StakingInvalidRole for an unknown role.
    function _roleTokenOf(uint8 role) private view returns (address) {
        if (role < 4) {
            if (role < 2) return role == 0 ? _roleToken0 : _roleToken1;
            return role == 2 ? _roleToken2 : _roleToken3;
        }
        if (role < 6) return role == 4 ? _roleToken4 : _roleToken5;
        if (role < Roles.COUNT) return role == 6 ? _roleToken6 : _roleToken7;
        revert StakingInvalidRole(role);
    }

    function _requireValidRole(uint8 role) private pure {
        if (role >= Roles.COUNT) revert StakingInvalidRole(role);
    }

    /// @dev Reverts with StakingAmountTooLarge unless `amount` fits 96 bits; returns it unchanged.
    function _checkFits96(uint256 amount) private pure returns (uint256) {
        if (amount > type(uint96).max) revert StakingAmountTooLarge(amount);
        return amount;
    }

    /// @dev Casts to uint96, reverting with StakingAmountTooLarge (checked first) rather than SafeCast's error.
    function _toUint96(uint256 amount) private pure returns (uint96) {
        return SafeCast.toUint96(_checkFits96(amount));
    }
}
