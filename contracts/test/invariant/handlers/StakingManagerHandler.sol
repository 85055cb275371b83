// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {StakingManager} from "../../../src/StakingManager.sol";
import {IStakingManager} from "../../../src/interfaces/IStakingManager.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives a StakingManager with a few providers (on a few roles) and a few members: stake, unbond,
/// withdraw, slash (the handler is the slasher), member register / increase / exit / withdraw, governance share
/// changes and time warps. Keeps ghost books so the invariant test can check balances, slash accounting and the
/// member checkpoints. Never asserts itself (fail_on_revert is off): mismatches are counted in ghosts.
contract StakingManagerHandler is Test {
    uint256 internal constant N_PROVIDERS = 3;
    uint256 internal constant N_ROLES = 3; // roles 0..2 are exercised
    uint256 internal constant N_MEMBERS = 4;
    uint256 internal constant N_TOKENS = 1 + N_ROLES; // index 0 = OCTO, 1 + r = role token r

    StakingManager public immutable staking;
    IERC20 public immutable octo;
    address public immutable treasury;
    IERC20[N_ROLES] internal _roleTokens;

    address[N_PROVIDERS] internal _providers;
    address[N_MEMBERS] internal _members;
    address[2] internal _finders;

    // ---- ghost member books
    mapping(address => uint256) public ghostStake;
    mapping(address => uint256) public ghostExit;
    mapping(address => bool) public ghostActive;

    /// @notice Member stakes frozen at timestamps that are now in the past (taken right before each warp).
    struct Snapshot {
        uint256 t;
        uint256[N_MEMBERS] stakes;
    }

    Snapshot[] internal _snapshots;

    // ---- ghost slash accounting, per token index
    uint256[N_TOKENS] public ghostSlashed;
    uint256[N_TOKENS] public ghostBurned;
    uint256[N_TOKENS] public ghostToTreasury;
    uint256[N_TOKENS] public ghostToFinder;
    /// @notice Slashes whose taken amount differed from floor(bucket * fraction) summed over the buckets.
    uint256 public ghostSlashMismatch;

    // ---- ghost freezes (the handler is the slasher)
    mapping(address provider => mapping(uint8 role => bool)) public ghostFrozen;
    /// @notice requestUnbond / withdraw calls of a frozen (provider, role) that succeeded. Must stay 0.
    uint256 public ghostFrozenLeaks;
    /// @notice Frozen (provider, role) books (bonded + unbonding, both tokens) that decreased other than by a slash.
    uint256 public ghostFrozenBookDecreases;

    // ---- call counters (coverage visibility)
    mapping(bytes32 => uint256) public calls;

    constructor(
        StakingManager staking_,
        address[N_ROLES] memory roleTokens_,
        address[N_PROVIDERS] memory providers_,
        address[N_MEMBERS] memory members_,
        address treasury_
    ) {
        staking = staking_;
        octo = IERC20(staking_.octo());
        treasury = treasury_;
        for (uint256 i = 0; i < N_ROLES; ++i) {
            _roleTokens[i] = IERC20(roleTokens_[i]);
        }
        _providers = providers_;
        _members = members_;
        _finders = [address(0xF1D0), address(0xF1D1)];
    }

    // ================================================================== providers

    function stake(uint256 actorSeed, uint256 roleSeed, uint256 octoAmount, uint256 roleAmount) external {
        address p = _providers[actorSeed % N_PROVIDERS];
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 role = uint8(roleSeed % N_ROLES); // < N_ROLES
        if (!staking.providerStake(p, role).registered) {
            vm.prank(p);
            staking.registerProvider(role);
        }
        octoAmount = bound(octoAmount, 0, octo.balanceOf(p) / 4);
        roleAmount = bound(roleAmount, 0, _roleTokens[role].balanceOf(p) / 4);
        if (octoAmount == 0 && roleAmount == 0) return;
        vm.prank(p);
        staking.stake(role, octoAmount, roleAmount);
        ++calls["stake"];
    }

    function requestUnbond(uint256 actorSeed, uint256 roleSeed, uint256 octoAmount, uint256 roleAmount) external {
        address p = _providers[actorSeed % N_PROVIDERS];
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 role = uint8(roleSeed % N_ROLES); // < N_ROLES
        IStakingManager.ProviderStake memory ps = staking.providerStake(p, role);
        if (!ps.registered) return;
        octoAmount = bound(octoAmount, 0, ps.octo);
        roleAmount = bound(roleAmount, 0, ps.roleAmount);
        if (octoAmount == 0 && roleAmount == 0) return;
        if (ghostFrozen[p][role]) {
            uint256 booksBefore = _bookOf(p, role);
            vm.prank(p);
            try staking.requestUnbond(role, octoAmount, roleAmount) {
                ++ghostFrozenLeaks;
            } catch {}
            if (_bookOf(p, role) < booksBefore) ++ghostFrozenBookDecreases;
            ++calls["requestUnbondFrozen"];
            return;
        }
        vm.prank(p);
        staking.requestUnbond(role, octoAmount, roleAmount);
        ++calls["requestUnbond"];
    }

    function withdraw(uint256 actorSeed, uint256 roleSeed) external {
        address p = _providers[actorSeed % N_PROVIDERS];
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 role = uint8(roleSeed % N_ROLES); // < N_ROLES
        IStakingManager.Unbonding memory u = staking.unbonding(p, role);
        if (u.octo == 0 && u.roleAmount == 0) return;
        if (_now() < staking.providerStake(p, role).unbondReadyAt) return;
        if (ghostFrozen[p][role]) {
            uint256 booksBefore = _bookOf(p, role);
            vm.prank(p);
            try staking.withdraw(role) {
                ++ghostFrozenLeaks;
            } catch {}
            if (_bookOf(p, role) < booksBefore) ++ghostFrozenBookDecreases;
            ++calls["withdrawFrozen"];
            return;
        }
        vm.prank(p);
        staking.withdraw(role);
        ++calls["withdraw"];
    }

    function slash(uint256 actorSeed, uint256 roleSeed, uint256 fraction, uint256 finderSeed) external {
        address p = _providers[actorSeed % N_PROVIDERS];
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 role = uint8(roleSeed % N_ROLES); // < N_ROLES
        IStakingManager.ProviderStake memory ps = staking.providerStake(p, role);
        if (!ps.registered) return;
        IStakingManager.Unbonding memory u = staking.unbonding(p, role);
        fraction = bound(fraction, 0, staking.maxSlashFractionWad());
        address finder = finderSeed % 3 == 2 ? address(0) : _finders[finderSeed % 2];

        uint256 ti = 1 + role;
        IERC20 rt = _roleTokens[role];
        uint256[4] memory before =
            [octo.totalSupply(), octo.balanceOf(treasury), rt.totalSupply(), rt.balanceOf(treasury)];
        uint256[2] memory finderBefore = [_finderBalance(octo, finder), _finderBalance(rt, finder)];

        staking.slash(p, role, fraction, keccak256(abi.encode(calls["slash"])), finder);
        ++calls["slash"];

        IStakingManager.ProviderStake memory psAfter = staking.providerStake(p, role);
        IStakingManager.Unbonding memory uAfter = staking.unbonding(p, role);
        uint256 octoTaken = uint256(ps.octo) + u.octo - psAfter.octo - uAfter.octo;
        uint256 roleTaken = uint256(ps.roleAmount) + u.roleAmount - psAfter.roleAmount - uAfter.roleAmount;
        uint256 octoExpected = uint256(ps.octo) * fraction / 1e18 + uint256(u.octo) * fraction / 1e18;
        uint256 roleExpected = uint256(ps.roleAmount) * fraction / 1e18 + uint256(u.roleAmount) * fraction / 1e18;
        if (octoTaken != octoExpected || roleTaken != roleExpected) ++ghostSlashMismatch;

        ghostSlashed[0] += octoTaken;
        ghostSlashed[ti] += roleTaken;
        ghostBurned[0] += before[0] - octo.totalSupply();
        ghostBurned[ti] += before[2] - rt.totalSupply();
        ghostToTreasury[0] += octo.balanceOf(treasury) - before[1];
        ghostToTreasury[ti] += rt.balanceOf(treasury) - before[3];
        ghostToFinder[0] += _finderBalance(octo, finder) - finderBefore[0];
        ghostToFinder[ti] += _finderBalance(rt, finder) - finderBefore[1];
    }

    /// @notice Freezes (3 times in 4) or unfreezes a provider's role, as the AttestationRegistry does around a
    /// queued slash.
    function setFrozen(uint256 actorSeed, uint256 roleSeed, uint8 freezeSeed) external {
        address p = _providers[actorSeed % N_PROVIDERS];
        // forge-lint: disable-next-line(unsafe-typecast)
        uint8 role = uint8(roleSeed % N_ROLES); // < N_ROLES
        bool value = freezeSeed % 4 != 0;
        staking.setFrozen(p, role, value);
        ghostFrozen[p][role] = value;
        ++calls["setFrozen"];
    }

    // ================================================================== members

    function registerMember(uint256 actorSeed, uint256 bond) external {
        address m = _members[actorSeed % N_MEMBERS];
        if (ghostActive[m]) return;
        bond = bound(bond, staking.minMemberBond(), octo.balanceOf(m) / 4);
        vm.prank(m);
        staking.registerMember(bond);
        ghostActive[m] = true;
        ghostStake[m] = bond;
        ++calls["registerMember"];
    }

    function increaseMemberStake(uint256 actorSeed, uint256 amount) external {
        address m = _members[actorSeed % N_MEMBERS];
        if (!ghostActive[m]) return;
        amount = bound(amount, 1, octo.balanceOf(m) / 4 + 1);
        vm.prank(m);
        staking.increaseMemberStake(amount);
        ghostStake[m] += amount;
        ++calls["increaseMemberStake"];
    }

    function requestMemberExit(uint256 actorSeed) external {
        address m = _members[actorSeed % N_MEMBERS];
        if (!ghostActive[m]) return;
        vm.prank(m);
        staking.requestMemberExit();
        ghostActive[m] = false;
        ghostExit[m] += ghostStake[m];
        ghostStake[m] = 0;
        ++calls["requestMemberExit"];
    }

    function withdrawMember(uint256 actorSeed) external {
        address m = _members[actorSeed % N_MEMBERS];
        (uint256 amount, uint256 readyAt) = staking.memberExit(m);
        if (amount == 0 || _now() < readyAt) return;
        vm.prank(m);
        staking.withdrawMember();
        ghostExit[m] = 0;
        ++calls["withdrawMember"];
    }

    // ================================================================== governance and time

    function setSlashShares(uint256 burnWad, uint256 finderWad) external {
        burnWad = bound(burnWad, 0, 1e18);
        finderWad = bound(finderWad, 0, 1e18 - burnWad);
        staking.setSlashShares(burnWad, 1e18 - burnWad - finderWad, finderWad);
        ++calls["setSlashShares"];
    }

    /// @notice Moves time forward; first freezes the member stakes of the current (now final) timestamp.
    function warp(uint256 seconds_) external {
        seconds_ = bound(seconds_, 1, 10 days);
        uint256 t = _now();
        Snapshot storage s = _snapshots.push();
        s.t = t;
        for (uint256 i = 0; i < N_MEMBERS; ++i) {
            s.stakes[i] = ghostStake[_members[i]];
        }
        vm.warp(t + seconds_);
        ++calls["warp"];
    }

    // ================================================================== views for the invariant test

    /// @notice Sum over providers and exercised roles of bonded + unbonding, per token index.
    function providerBooks() external view returns (uint256[N_TOKENS] memory sums) {
        for (uint256 i = 0; i < N_PROVIDERS; ++i) {
            for (uint8 r = 0; r < N_ROLES; ++r) {
                IStakingManager.ProviderStake memory ps = staking.providerStake(_providers[i], r);
                IStakingManager.Unbonding memory u = staking.unbonding(_providers[i], r);
                sums[0] += uint256(ps.octo) + u.octo;
                sums[1 + r] += uint256(ps.roleAmount) + u.roleAmount;
            }
        }
    }

    /// @notice Sum over members of live stake + exit bucket, as the contract reports them.
    function memberBooks() external view returns (uint256 sum) {
        for (uint256 i = 0; i < N_MEMBERS; ++i) {
            (uint256 exitAmount,) = staking.memberExit(_members[i]);
            sum += staking.memberStake(_members[i]) + exitAmount;
        }
    }

    function roleToken(uint256 r) external view returns (IERC20) {
        return _roleTokens[r];
    }

    function member(uint256 i) external view returns (address) {
        return _members[i];
    }

    function snapshotCount() external view returns (uint256) {
        return _snapshots.length;
    }

    function snapshot(uint256 i) external view returns (uint256 t, uint256[N_MEMBERS] memory stakes) {
        Snapshot storage s = _snapshots[i];
        return (s.t, s.stakes);
    }

    /// @notice Sum of floor(sqrt(stake)) over the members of snapshot `i`.
    function snapshotPower(uint256 i) external view returns (uint256 sum) {
        for (uint256 k = 0; k < N_MEMBERS; ++k) {
            sum += Math.sqrt(_snapshots[i].stakes[k]);
        }
    }

    function provider(uint256 i) external view returns (address) {
        return _providers[i];
    }

    /// @dev Bonded + unbonding of both tokens of (provider, role).
    function _bookOf(address p, uint8 role) private view returns (uint256) {
        IStakingManager.ProviderStake memory ps = staking.providerStake(p, role);
        IStakingManager.Unbonding memory u = staking.unbonding(p, role);
        return uint256(ps.octo) + ps.roleAmount + u.octo + u.roleAmount;
    }

    function _finderBalance(IERC20 token, address finder) private view returns (uint256) {
        return finder == address(0) ? 0 : token.balanceOf(finder);
    }
}
