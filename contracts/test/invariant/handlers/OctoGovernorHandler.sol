// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {OctoGovernor} from "../../../src/OctoGovernor.sol";
import {OctoToken} from "../../../src/OctoToken.sol";
import {StakingManager} from "../../../src/StakingManager.sol";
import {BallotSigning} from "../../OctoGovernor.t.sol";
import {Test} from "../../utils/Test.sol";

/// @notice Drives members (register / increase / exit), fresh non-member addresses that receive split-off OCTO,
/// time, proposals and votes (direct and relayed ballots) against the real StakingManager and OctoGovernor, and
/// keeps an independent ghost of every member's stake history, every vote and every tally.
/// @dev Never reverts on purpose: actions that do not apply return early. A discrepancy seen while acting (a vote
/// weight different from the ghost) is counted in `mismatches` and checked by an invariant.
contract OctoGovernorHandler is Test {
    uint256 public constant ACTORS = 5;
    uint256 public constant MAX_FRESH = 4;
    uint256 public constant MAX_PROPOSALS = 6;
    uint256 public constant MAX_TIMEPOINTS = 4;
    uint256 internal constant ACTOR_PK_BASE = 0xAC7000;
    uint256 internal constant FRESH_PK_BASE = 0xF2E500;

    OctoToken public immutable octo;
    StakingManager public immutable staking;
    OctoGovernor public immutable governor;

    struct StakePoint {
        uint48 time;
        uint256 stake;
    }

    address[] public actors;
    address[] public fresh;
    mapping(address => uint256) public pkOf;
    mapping(address => bool) public isMember;
    mapping(address => StakePoint[]) internal _history;
    mapping(address => uint256) public ghostNonces;

    uint256[] public proposals;
    mapping(uint256 proposalId => uint256[3]) internal _ghostTally;
    mapping(uint256 proposalId => mapping(address => bool)) public ghostVoted;

    /// @notice Timestamps worth checking (action times and the second before), the latest MAX_TIMEPOINTS.
    uint256[] public timepoints;
    uint256 internal _nextSlot;

    uint256 public mismatches;
    uint256 public votesCast;
    uint256 public freshFunded;

    constructor(OctoToken octo_, StakingManager staking_, OctoGovernor governor_) {
        octo = octo_;
        staking = staking_;
        governor = governor_;
        for (uint256 i = 0; i < ACTORS; ++i) {
            uint256 pk = ACTOR_PK_BASE + i;
            address a = vm.addr(pk);
            actors.push(a);
            pkOf[a] = pk;
        }
    }

    // ------------------------------------------------------------------ actions

    function register(uint256 actorSeed, uint256 amount) external {
        address a = actors[actorSeed % ACTORS];
        if (isMember[a]) return;
        amount = bound(amount, 100e18, 1_000_000e18);
        require(octo.transfer(a, amount), "fund");
        vm.startPrank(a);
        octo.approve(address(staking), amount);
        staking.registerMember(amount);
        vm.stopPrank();
        isMember[a] = true;
        _recordStake(a, amount);
    }

    function increase(uint256 actorSeed, uint256 amount) external {
        address a = actors[actorSeed % ACTORS];
        if (!isMember[a]) return;
        amount = bound(amount, 1, 1_000_000e18);
        require(octo.transfer(a, amount), "fund");
        vm.startPrank(a);
        octo.approve(address(staking), amount);
        staking.increaseMemberStake(amount);
        vm.stopPrank();
        _recordStake(a, _latestStake(a) + amount);
    }

    function exit(uint256 actorSeed) external {
        address a = actors[actorSeed % ACTORS];
        if (!isMember[a]) return;
        vm.prank(a);
        staking.requestMemberExit();
        isMember[a] = false;
        _recordStake(a, 0);
    }

    /// @notice Splits `amount` OCTO across `parts` fresh addresses that hold and self-delegate it but never register.
    function split(uint256 amount, uint256 parts) external {
        parts = bound(parts, 1, MAX_FRESH);
        amount = bound(amount, parts * 100e18, 2_000_000e18);
        for (uint256 i = 0; i < parts; ++i) {
            address f;
            if (fresh.length < MAX_FRESH) {
                uint256 pk = FRESH_PK_BASE + fresh.length;
                f = vm.addr(pk);
                fresh.push(f);
                pkOf[f] = pk;
            } else {
                f = fresh[i];
            }
            require(octo.transfer(f, amount / parts), "fund");
            vm.prank(f);
            octo.delegate(f);
        }
        freshFunded += amount - amount % parts;
        _recordTimepoint(vm.getBlockTimestamp());
    }

    function warp(uint256 dt) external {
        dt = bound(dt, 1, 1 days);
        uint256 t = vm.getBlockTimestamp() + dt;
        vm.warp(t);
        _recordTimepoint(t - 1);
    }

    function propose(uint256 actorSeed) external {
        if (proposals.length >= MAX_PROPOSALS) return;
        address proposer = actors[actorSeed % ACTORS];
        address[] memory targets = new address[](1);
        targets[0] = address(governor);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(OctoGovernor.setQuorumFraction, (0.2e18));
        vm.prank(proposer);
        uint256 id = governor.propose(targets, values, calldatas, string.concat("inv-", vm.toString(proposals.length)));
        proposals.push(id);
    }

    /// @notice A vote by an actor or a fresh address, directly or by relayed ballot.
    function vote(uint256 voterSeed, uint256 proposalSeed, uint8 support, bool bySig) external {
        uint256 count = proposals.length;
        uint256 n = ACTORS + fresh.length;
        uint256 k = voterSeed % n;
        address voter = k < ACTORS ? actors[k] : fresh[k - ACTORS];
        // The first active proposal this voter has not voted on, starting from the seed.
        uint256 id;
        bool found;
        for (uint256 j = 0; j < count && !found; ++j) {
            id = proposals[(proposalSeed % count + j) % count];
            found = !ghostVoted[id][voter] && governor.state(id) == IGovernor.ProposalState.Active;
        }
        if (!found) return;
        support = uint8(support % 3);

        uint256 expected = Math.sqrt(stakeAt(voter, governor.proposalSnapshot(id)));
        uint256 weight;
        if (bySig) {
            bytes32 digest = BallotSigning.ballotDigest(
                "OctoGovernor", address(governor), id, support, voter, ghostNonces[voter]
            );
            weight = governor.castVoteBySig(id, support, voter, BallotSigning.sign(vm, pkOf[voter], digest));
            ++ghostNonces[voter];
        } else {
            vm.prank(voter);
            weight = governor.castVote(id, support);
        }
        if (weight != expected) ++mismatches;
        ghostVoted[id][voter] = true;
        _ghostTally[id][support] += expected;
        ++votesCast;
    }

    // ------------------------------------------------------------------ ghost views

    /// @notice Member stake of `account` at `t` from the ghost history (0 for fresh addresses and non-members).
    function stakeAt(address account, uint256 t) public view returns (uint256 stake) {
        StakePoint[] storage h = _history[account];
        for (uint256 i = h.length; i > 0; --i) {
            if (h[i - 1].time <= t) return h[i - 1].stake;
        }
        return 0;
    }

    /// @notice Actors first, then fresh addresses.
    function allAccounts() external view returns (address[] memory all) {
        all = new address[](ACTORS + fresh.length);
        for (uint256 i = 0; i < ACTORS; ++i) {
            all[i] = actors[i];
        }
        for (uint256 i = 0; i < fresh.length; ++i) {
            all[ACTORS + i] = fresh[i];
        }
    }

    /// @notice Ghost stake of every actor at `t` (fresh addresses have none).
    function ghostStakesAt(uint256 t) external view returns (uint256[] memory stakes) {
        stakes = new uint256[](ACTORS);
        for (uint256 i = 0; i < ACTORS; ++i) {
            stakes[i] = stakeAt(actors[i], t);
        }
    }

    function timepointList() external view returns (uint256[] memory) {
        return timepoints;
    }

    function proposalList() external view returns (uint256[] memory) {
        return proposals;
    }

    function freshList() external view returns (address[] memory) {
        return fresh;
    }

    function ghostTally(uint256 proposalId) external view returns (uint256[3] memory) {
        return _ghostTally[proposalId];
    }

    function actorCount() external pure returns (uint256) {
        return ACTORS;
    }

    function freshCount() external view returns (uint256) {
        return fresh.length;
    }

    function proposalCount() external view returns (uint256) {
        return proposals.length;
    }

    function timepointCount() external view returns (uint256) {
        return timepoints.length;
    }

    // ------------------------------------------------------------------ internals

    function _recordStake(address a, uint256 stake) internal {
        uint48 now_ = uint48(vm.getBlockTimestamp());
        StakePoint[] storage h = _history[a];
        if (h.length != 0 && h[h.length - 1].time == now_) {
            h[h.length - 1].stake = stake; // same-second changes: the last one wins, as in Checkpoints
        } else {
            h.push(StakePoint(now_, stake));
        }
        _recordTimepoint(now_);
        if (now_ > 0) _recordTimepoint(now_ - 1);
    }

    function _latestStake(address a) internal view returns (uint256) {
        StakePoint[] storage h = _history[a];
        return h.length == 0 ? 0 : h[h.length - 1].stake;
    }

    function _recordTimepoint(uint256 t) internal {
        if (timepoints.length < MAX_TIMEPOINTS) {
            timepoints.push(t);
        } else {
            timepoints[_nextSlot] = t;
            _nextSlot = (_nextSlot + 1) % MAX_TIMEPOINTS;
        }
    }
}
