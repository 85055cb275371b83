// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {OctoGovernorFixture} from "../OctoGovernor.t.sol";
import {OctoGovernorHandler} from "./handlers/OctoGovernorHandler.sol";

/// @notice Invariants of square-root voting over the real StakingManager and OctoGovernor:
/// - voting power of every account at a past timepoint is floor(sqrt(member stake at that timepoint)), and 0 for
///   fresh non-member addresses (checked against an independent ghost of the stake history);
/// - splitting OCTO across fresh addresses never adds voting power: the sum of governor votes over all tracked
///   addresses equals the sum over members, which equals the StakingManager's total;
/// - every tally is the sum of the weights of the voters who voted that way; hasVoted and nonces match the ghost.
contract OctoGovernorInvariantTest is OctoGovernorFixture {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    OctoGovernorHandler internal handler;
    uint256 internal actorCount;

    function setUp() external {
        _deployFixture();
        handler = new OctoGovernorHandler(octo, staking, governor);
        actorCount = handler.ACTORS();
        require(octo.transfer(address(handler), SUPPLY / 2), "fund handler");
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory selectors) {
        bytes4[] memory s = new bytes4[](7);
        s[0] = OctoGovernorHandler.register.selector;
        s[1] = OctoGovernorHandler.increase.selector;
        s[2] = OctoGovernorHandler.exit.selector;
        s[3] = OctoGovernorHandler.split.selector;
        s[4] = OctoGovernorHandler.warp.selector;
        s[5] = OctoGovernorHandler.propose.selector;
        s[6] = OctoGovernorHandler.vote.selector;
        selectors = new FuzzSelector[](1);
        selectors[0] = FuzzSelector(address(handler), s);
    }

    function invariant_votingPowerIsFloorSqrtOfMemberStakeAtPastTimepoints() external view {
        uint256 now_ = _now();
        uint256[] memory tps = handler.timepointList();
        address[] memory accounts = handler.allAccounts();
        for (uint256 i = 0; i < tps.length; ++i) {
            uint256 t = tps[i];
            if (t >= now_) continue;
            uint256[] memory ghostStakes = handler.ghostStakesAt(t);
            for (uint256 k = 0; k < accounts.length; ++k) {
                uint256 votes = governor.getVotes(accounts[k], t);
                if (k < actorCount) {
                    assertEq(staking.memberStakeAt(accounts[k], t), ghostStakes[k], "member stake history");
                    assertEq(votes, Math.sqrt(ghostStakes[k]), "votes = floor(sqrt(stake))");
                } else {
                    assertEq(votes, 0, "fresh address has no votes");
                }
            }
        }
    }

    function invariant_splittingAcrossFreshAddressesGainsNothing() external view {
        uint256 now_ = _now();
        uint256[] memory tps = handler.timepointList();
        address[] memory accounts = handler.allAccounts();
        for (uint256 i = 0; i < tps.length; ++i) {
            uint256 t = tps[i];
            if (t >= now_) continue;
            uint256[] memory ghostStakes = handler.ghostStakesAt(t);
            uint256 members;
            uint256 all;
            uint256 ghostTotal;
            for (uint256 k = 0; k < accounts.length; ++k) {
                uint256 votes = governor.getVotes(accounts[k], t);
                all += votes;
                if (k < actorCount) {
                    members += votes;
                    ghostTotal += Math.sqrt(ghostStakes[k]);
                }
            }
            assertEq(all, members, "fresh holders add nothing");
            assertEq(members, staking.totalVotingPowerAt(t), "sum of member votes = total power");
            assertEq(members, ghostTotal, "total = sum of floor(sqrt(ghost stake))");
        }
        // The split-off OCTO really is held (and delegated as token votes) by the fresh addresses.
        address[] memory fresh = handler.freshList();
        uint256 held;
        for (uint256 k = 0; k < fresh.length; ++k) {
            held += octo.getVotes(fresh[k]);
        }
        assertGe(held, handler.freshFunded(), "fresh addresses hold their split");
    }

    function invariant_talliesEqualSumOfVoterWeights() external view {
        uint256[] memory ids = handler.proposalList();
        for (uint256 i = 0; i < ids.length; ++i) {
            (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(ids[i]);
            uint256[3] memory ghost = handler.ghostTally(ids[i]);
            assertEq(against, ghost[0], "against");
            assertEq(for_, ghost[1], "for");
            assertEq(abstain, ghost[2], "abstain");
        }
        assertEq(handler.mismatches(), 0, "every cast weight equals floor(sqrt(stake at snapshot))");
    }

    function invariant_hasVotedAndNoncesMatchGhost() external view {
        uint256[] memory ids = handler.proposalList();
        address[] memory accounts = handler.allAccounts();
        for (uint256 k = 0; k < accounts.length; ++k) {
            address v = accounts[k];
            assertEq(governor.nonces(v), handler.ghostNonces(v), "nonce");
            for (uint256 i = 0; i < ids.length; ++i) {
                assertEq(governor.hasVoted(ids[i], v), handler.ghostVoted(ids[i], v), "hasVoted");
            }
        }
    }

    /// @notice Coverage of each run (visible with -vv): votes cast, proposals, fresh addresses.
    function afterInvariant() external view {
        logUint("votes cast", handler.votesCast());
        logUint("proposals", handler.proposalCount());
        logUint("fresh addresses", handler.freshCount());
    }
}
