// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

import {OctoGovernorFixture, BallotSigning} from "../OctoGovernor.t.sol";
import {ReferenceGovernor, ReferenceVotesToken} from "./reference/ReferenceGovernor.sol";

/// @notice Gas of voting on OctoGovernor (square-root votes from the StakingManager, packed tallies) against the
/// OpenZeppelin wizard governor (GovernorCountingSimple + GovernorVotes over an ERC20Votes token, same settings
/// and timelock). Same scenario on both: three voters with 10,000 tokens of voting stake each, one proposal,
/// the first vote already cast; measured are a fresh voter's `castVoteBySig` (relayed ballot) and another fresh
/// voter's `castVote`, all "for" (so the tally slot is already non-zero). Each call runs as its own
/// transaction (isolation mode: cold accounts and slots are charged as on chain, the 21,000 base included).
/// Snapshots: snapshots/OctoGovernor.json and snapshots/ReferenceGovernor.json.
/// Target: OctoGovernor castVoteBySig <= 90,000 gas.
contract GovernorGasTest is OctoGovernorFixture {
    uint256 internal constant CAST_VOTE_BY_SIG_TARGET = 90_000;
    uint256 internal constant VOTER_STAKE = 10_000e18;

    ReferenceVotesToken internal refToken;
    TimelockController internal refTimelock;
    ReferenceGovernor internal refGovernor;

    uint256 internal octoProposal;
    uint256 internal refProposal;

    function setUp() external {
        _deployFixture();

        refToken = new ReferenceVotesToken(address(this), SUPPLY);
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        refTimelock = new TimelockController(TIMELOCK_DELAY, none, anyone, address(this));
        refGovernor = new ReferenceGovernor(refToken, refTimelock, VOTING_DELAY, VOTING_PERIOD, 0, 10);
        refTimelock.grantRole(refTimelock.PROPOSER_ROLE(), address(refGovernor));
        refTimelock.grantRole(refTimelock.CANCELLER_ROLE(), address(refGovernor));
        refTimelock.renounceRole(refTimelock.DEFAULT_ADMIN_ROLE(), address(this));

        address[3] memory voters = [alice, bob, carol];
        for (uint256 i = 0; i < voters.length; ++i) {
            _member(voters[i], VOTER_STAKE);
            require(refToken.transfer(voters[i], VOTER_STAKE), "transfer");
            vm.prank(voters[i]);
            refToken.delegate(voters[i]);
        }
        _skip(1);

        Proposal memory p = _quorumProposal(0.2e18, "gas");
        octoProposal = _propose(p, alice);
        vm.prank(alice);
        refProposal = refGovernor.propose(p.targets, p.values, p.calldatas, p.description);
        _toActive(octoProposal);
    }

    /// forge-config: default.isolate = true
    function test_gas_octoGovernor_castVoteBySig_and_castVote() external {
        vm.prank(alice);
        governor.castVote(octoProposal, FOR); // first vote: the tally slot becomes non-zero

        bytes memory sig = _sigFor(bobPk, octoProposal, FOR, 0);
        governor.castVoteBySig(octoProposal, FOR, bob, sig);
        uint256 bySig = vm.snapshotGasLastCall("OctoGovernor", "castVoteBySig");

        vm.prank(carol);
        governor.castVote(octoProposal, FOR);
        uint256 direct = vm.snapshotGasLastCall("OctoGovernor", "castVote");

        logUint("OctoGovernor.castVoteBySig gas", bySig);
        logUint("OctoGovernor.castVote gas", direct);
        assertLe(bySig, CAST_VOTE_BY_SIG_TARGET, "castVoteBySig over target");
        (, uint256 forVotes,) = governor.proposalVotes(octoProposal);
        assertEq(forVotes, 3 * 1e11, "three votes of sqrt(1e22)");
        assertEq(governor.nonces(bob), 1, "ballot nonce used");
    }

    /// forge-config: default.isolate = true
    function test_gas_referenceGovernor_castVoteBySig_and_castVote() external {
        vm.prank(alice);
        refGovernor.castVote(refProposal, FOR);

        bytes32 digest = BallotSigning.ballotDigest("ReferenceGovernor", address(refGovernor), refProposal, FOR, bob, 0);
        bytes memory sig = BallotSigning.sign(vm, bobPk, digest);
        refGovernor.castVoteBySig(refProposal, FOR, bob, sig);
        uint256 bySig = vm.snapshotGasLastCall("ReferenceGovernor", "castVoteBySig");

        vm.prank(carol);
        refGovernor.castVote(refProposal, FOR);
        uint256 direct = vm.snapshotGasLastCall("ReferenceGovernor", "castVote");

        logUint("ReferenceGovernor.castVoteBySig gas", bySig);
        logUint("ReferenceGovernor.castVote gas", direct);
        (, uint256 forVotes,) = refGovernor.proposalVotes(refProposal);
        assertEq(forVotes, 3 * VOTER_STAKE, "three votes of the full balance");
        assertEq(refGovernor.nonces(bob), 1, "ballot nonce used");
    }
}
