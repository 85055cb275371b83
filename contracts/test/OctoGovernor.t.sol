// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC1155Receiver} from "@openzeppelin/contracts/token/ERC1155/IERC1155Receiver.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {OctoGovernor} from "../src/OctoGovernor.sol";
import {OctoToken} from "../src/OctoToken.sol";
import {StakingManager} from "../src/StakingManager.sol";
import {IOctoGovernor} from "../src/interfaces/IOctoGovernor.sol";
import {IStakingManager} from "../src/interfaces/IStakingManager.sol";
import {TestTokens} from "./utils/TestTokens.sol";
import {Test, Vm} from "./utils/Test.sol";

/// @notice Independent EIP-712 helpers for the OZ Governor ballots (built from the type strings, not from the
/// governor's own hashing).
library BallotSigning {
    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant BALLOT_TYPEHASH =
        keccak256("Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");
    bytes32 internal constant EXTENDED_BALLOT_TYPEHASH = keccak256(
        "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)"
    );

    function domainSeparator(string memory name, address verifyingContract) internal view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256("1"), block.chainid, verifyingContract)
        );
    }

    function ballotDigest(
        string memory name,
        address governor,
        uint256 proposalId,
        uint8 support,
        address voter,
        uint256 nonce
    ) internal view returns (bytes32) {
        bytes32 structHash = keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, support, voter, nonce));
        return keccak256(abi.encodePacked("\x19\x01", domainSeparator(name, governor), structHash));
    }

    function sign(Vm vm_, uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm_.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }
}

/// @notice An ERC-1271 smart wallet owned by one key, able to act (register as member) through `exec`.
contract MockSmartWallet is IERC1271 {
    address public immutable owner;

    constructor(address owner_) {
        owner = owner_;
    }

    function exec(address target, bytes calldata data) external {
        require(msg.sender == owner, "not owner");
        (bool ok, bytes memory ret) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
    }

    function isValidSignature(bytes32 hash, bytes memory signature) external view returns (bytes4) {
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        return err == ECDSA.RecoverError.NoError && recovered == owner ? IERC1271.isValidSignature.selector : bytes4(0);
    }
}

/// @notice Shared fixture: OCTO + role tokens + StakingManager + TimelockController + OctoGovernor, the timelock
/// holding GOVERNANCE_ROLE on the StakingManager and the governor holding PROPOSER/CANCELLER on the timelock.
abstract contract OctoGovernorFixture is Test {
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint256 internal constant PROPOSAL_THRESHOLD = 0;
    uint256 internal constant QUORUM_WAD = 0.1e18;
    uint256 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant SUPPLY = 1_000_000_000e18;
    uint256 internal constant SECP256K1_N =
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    bytes32 internal constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    uint8 internal constant AGAINST = 0;
    uint8 internal constant FOR = 1;
    uint8 internal constant ABSTAIN = 2;

    OctoToken internal octo;
    address[8] internal roleTokens;
    StakingManager internal staking;
    TimelockController internal timelock;
    OctoGovernor internal governor;

    address internal tokenAdmin = address(0xAD);
    address internal guardian = address(0x6A4D);

    uint256 internal alicePk = 0xA11CE;
    uint256 internal bobPk = 0xB0B;
    uint256 internal carolPk = 0xCA201;
    address internal alice;
    address internal bob;
    address internal carol;

    // Exact squares: sqrt(9e22) = 3e11, sqrt(4e22) = 2e11, sqrt(1e22) = 1e11.
    uint256 internal constant ALICE_STAKE = 9e22;
    uint256 internal constant BOB_STAKE = 4e22;
    uint256 internal constant CAROL_STAKE = 1e22;

    struct Proposal {
        address[] targets;
        uint256[] values;
        bytes[] calldatas;
        string description;
        bytes32 descriptionHash;
        uint256 id;
    }

    function _deployFixture() internal {
        vm.warp(START);
        alice = vm.addr(alicePk);
        bob = vm.addr(bobPk);
        carol = vm.addr(carolPk);

        octo = TestTokens.deployOcto(tokenAdmin, address(this), SUPPLY);
        roleTokens = TestTokens.deployRoleTokens(tokenAdmin, address(this), 1_000_000e18);
        staking = new StakingManager(address(octo), roleTokens, address(this));
        (timelock, governor) = _deployGovernance(address(staking), QUORUM_WAD);
        staking.grantRole(GOVERNANCE_ROLE, address(timelock));
        staking.renounceRole(GOVERNANCE_ROLE, address(this));
    }

    function _deployGovernance(address staking_, uint256 quorumWad)
        internal
        returns (TimelockController tl, OctoGovernor gov)
    {
        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1); // address(0): open executor role
        tl = new TimelockController(TIMELOCK_DELAY, none, anyone, address(this));
        gov = new OctoGovernor(staking_, tl, VOTING_DELAY, VOTING_PERIOD, PROPOSAL_THRESHOLD, quorumWad);
        tl.grantRole(tl.PROPOSER_ROLE(), address(gov));
        tl.grantRole(tl.CANCELLER_ROLE(), address(gov));
        tl.grantRole(tl.CANCELLER_ROLE(), guardian);
        tl.renounceRole(tl.DEFAULT_ADMIN_ROLE(), address(this));
    }

    /// @dev Funds `who` and registers it as a member with `stake` OCTO.
    function _member(address who, uint256 stake) internal {
        _memberOf(octo, staking, who, stake);
    }

    function _memberOf(OctoToken token, StakingManager sm, address who, uint256 stake) internal {
        require(token.transfer(who, stake), "transfer");
        vm.startPrank(who);
        token.approve(address(sm), stake);
        sm.registerMember(stake);
        vm.stopPrank();
    }

    /// @dev alice, bob and carol are members; one second passes so their stake is in the past.
    function _threeMembers() internal {
        _member(alice, ALICE_STAKE);
        _member(bob, BOB_STAKE);
        _member(carol, CAROL_STAKE);
        _skip(1);
    }

    function _proposal(address target, bytes memory data, string memory description)
        internal
        view
        returns (Proposal memory p)
    {
        p.targets = new address[](1);
        p.targets[0] = target;
        p.values = new uint256[](1);
        p.calldatas = new bytes[](1);
        p.calldatas[0] = data;
        p.description = description;
        p.descriptionHash = keccak256(bytes(description));
        p.id = governor.hashProposal(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function _quorumProposal(uint256 fraction, string memory description) internal view returns (Proposal memory) {
        return _proposal(address(governor), abi.encodeCall(OctoGovernor.setQuorumFraction, (fraction)), description);
    }

    function _propose(Proposal memory p, address proposer) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(p.targets, p.values, p.calldatas, p.description);
    }

    function _queue(Proposal memory p) internal {
        governor.queue(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function _execute(Proposal memory p) internal {
        governor.execute(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function _vote(uint256 id, address voter, uint8 support) internal returns (uint256 weight) {
        vm.prank(voter);
        weight = governor.castVote(id, support);
    }

    function _toActive(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
    }

    function _toEnd(uint256 id) internal {
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    /// @dev Propose (alice), alice + bob vote for, queue, wait, execute.
    function _passAndExecute(Proposal memory p) internal {
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _vote(p.id, bob, FOR);
        _toEnd(p.id);
        _queue(p);
        _skip(TIMELOCK_DELAY);
        _execute(p);
    }

    function _sigFor(uint256 pk, uint256 proposalId, uint8 support, uint256 nonce) internal view returns (bytes memory) {
        bytes32 digest = BallotSigning.ballotDigest("OctoGovernor", address(governor), proposalId, support, vm.addr(pk), nonce);
        return BallotSigning.sign(vm, pk, digest);
    }

    function _timelockId(Proposal memory p) internal view returns (bytes32) {
        bytes32 salt = bytes20(address(governor)) ^ p.descriptionHash;
        return timelock.hashOperationBatch(p.targets, p.values, p.calldatas, 0, salt);
    }

    function _state(uint256 id) internal view returns (uint256) {
        return uint256(governor.state(id));
    }

    function _bit(IGovernor.ProposalState s) internal pure returns (bytes32) {
        return bytes32(2 ** uint256(uint8(s)));
    }
}

contract OctoGovernorTest is OctoGovernorFixture {
    function setUp() external {
        _deployFixture();
    }

    // ================================================================== constructor & views

    function test_constructor_setsParameters() external view {
        assertEq(governor.name(), "OctoGovernor", "name");
        assertEq(governor.version(), "1", "version");
        assertEq(governor.staking(), address(staking), "staking");
        assertEq(governor.timelock(), address(timelock), "timelock");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), PROPOSAL_THRESHOLD, "threshold");
        assertEq(governor.quorumFractionWad(), QUORUM_WAD, "quorum fraction");
        assertEq(governor.quorumFractionWadAt(START), QUORUM_WAD, "quorum fraction at deployment");
        assertEq(governor.quorumFractionWadAt(START - 1), 0, "no fraction before deployment");
        assertEq(governor.BALLOT_TYPEHASH(), BallotSigning.BALLOT_TYPEHASH, "ballot typehash");
        assertEq(governor.COUNTING_MODE(), "support=bravo&quorum=for,abstain", "counting mode");
        assertTrue(governor.proposalNeedsQueuing(0), "needs queuing");
    }

    function test_clock_isTimestamp() external {
        assertEq(governor.clock(), START, "clock");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");
        _skip(12345);
        assertEq(governor.clock(), START + 12345, "clock follows block.timestamp");
    }

    function test_eip712Domain_matchesBallotDomain() external view {
        (, string memory name, string memory version, uint256 chainId, address verifying,,) = governor.eip712Domain();
        assertEq(name, "OctoGovernor", "domain name");
        assertEq(version, "1", "domain version");
        assertEq(chainId, block.chainid, "chain id");
        assertEq(verifying, address(governor), "verifying contract");
    }

    function test_constructor_emitsQuorumFractionSet() external {
        vm.expectEmit(false, false, false, true);
        emit IOctoGovernor.QuorumFractionSet(0, 0.25e18);
        new OctoGovernor(address(staking), timelock, VOTING_DELAY, VOTING_PERIOD, 0, 0.25e18);
    }

    function test_constructor_acceptsFullQuorum() external {
        OctoGovernor g = new OctoGovernor(address(staking), timelock, VOTING_DELAY, VOTING_PERIOD, 0, WAD);
        assertEq(g.quorumFractionWad(), WAD, "100% quorum accepted");
    }

    function test_constructor_revertsWith_OctoGovernorInvalidQuorumFraction_whenAboveOne() external {
        vm.expectRevert(abi.encodeWithSelector(IOctoGovernor.OctoGovernorInvalidQuorumFraction.selector, WAD + 1));
        new OctoGovernor(address(staking), timelock, VOTING_DELAY, VOTING_PERIOD, 0, WAD + 1);
    }

    function test_constructor_revertsWith_GovernorInvalidVotingPeriod_whenZeroPeriod() external {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVotingPeriod.selector, 0));
        new OctoGovernor(address(staking), timelock, VOTING_DELAY, 0, 0, QUORUM_WAD);
    }

    function test_supportsInterface() external view {
        assertTrue(governor.supportsInterface(type(IGovernor).interfaceId), "IGovernor");
        assertTrue(governor.supportsInterface(type(IERC165).interfaceId), "IERC165");
        assertTrue(governor.supportsInterface(type(IERC1155Receiver).interfaceId), "IERC1155Receiver");
        assertFalse(governor.supportsInterface(0xdeadbeef), "random id");
    }

    // ================================================================== votes source

    function test_getVotes_isSqrtOfMemberStake() external {
        _threeMembers();
        uint256 t = _now() - 1;
        assertEq(governor.getVotes(alice, t), 3e11, "alice sqrt(9e22)");
        assertEq(governor.getVotes(bob, t), 2e11, "bob sqrt(4e22)");
        assertEq(governor.getVotes(carol, t), 1e11, "carol sqrt(1e22)");
        assertEq(governor.getVotesWithParams(alice, t, "ignored"), 3e11, "params ignored");
    }

    function test_getVotes_nonMemberHasZero() external {
        _threeMembers();
        address holder = address(0xF00D);
        require(octo.transfer(holder, 1_000_000e18), "transfer"); // holds (and self-delegates) OCTO but is no member
        vm.prank(holder);
        octo.delegate(holder);
        _skip(1);
        assertEq(octo.getVotes(holder), 1_000_000e18, "token votes exist");
        assertEq(governor.getVotes(holder, _now() - 1), 0, "no governor votes for a non-member");
    }

    function test_getVotes_followsStakeHistory() external {
        _member(alice, 100e18);
        uint256 t1 = _now();
        _skip(10);
        vm.startPrank(alice);
        octo.approve(address(staking), type(uint256).max);
        vm.stopPrank();
        require(octo.transfer(alice, 300e18), "transfer");
        vm.prank(alice);
        staking.increaseMemberStake(300e18);
        uint256 t2 = _now();
        _skip(10);
        vm.prank(alice);
        staking.requestMemberExit();
        uint256 t3 = _now();
        _skip(10);

        assertEq(governor.getVotes(alice, t1 - 1), 0, "before registering");
        assertEq(governor.getVotes(alice, t1), 1e10, "sqrt(100e18)");
        assertEq(governor.getVotes(alice, t2 - 1), 1e10, "still 100e18 just before the increase");
        assertEq(governor.getVotes(alice, t2), 2e10, "sqrt(400e18)");
        assertEq(governor.getVotes(alice, t3), 0, "0 once exited");
    }

    function test_getVotes_revertsWith_StakingFutureLookup_whenTimepointNotPast() external {
        _threeMembers();
        uint256 t = _now();
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFutureLookup.selector, t, t));
        governor.getVotes(alice, t);
    }

    function testFuzz_getVotes_isFloorSqrtOfStake(uint256 stake) external {
        stake = bound(stake, 100e18, SUPPLY);
        _member(alice, stake);
        _skip(1);
        uint256 v = governor.getVotes(alice, _now() - 1);
        assertLe(v * v, stake, "v^2 <= stake");
        assertLt(stake, (v + 1) * (v + 1), "stake < (v+1)^2");
        assertEq(v, staking.votingPowerAt(alice, _now() - 1), "matches StakingManager");
    }

    // ================================================================== quorum

    function test_quorum_isFractionOfTotalSqrtPower() external {
        _threeMembers();
        address dave = address(0xDA7E);
        _member(dave, 123_456_789e15); // not a perfect square
        _skip(1);
        uint256 total = 3e11 + 2e11 + 1e11 + Math.sqrt(123_456_789e15);
        assertEq(staking.totalVotingPowerAt(_now() - 1), total, "total sqrt power");
        assertEq(governor.quorum(_now() - 1), total * QUORUM_WAD / WAD, "quorum");
    }

    function testFuzz_quorum_math(uint256 s1, uint256 s2, uint256 fraction) external {
        s1 = bound(s1, 100e18, 1_000_000e18);
        s2 = bound(s2, 100e18, 1_000_000e18);
        fraction = bound(fraction, 0, WAD);
        OctoGovernor g = new OctoGovernor(address(staking), timelock, VOTING_DELAY, VOTING_PERIOD, 0, fraction);
        _member(alice, s1);
        _member(bob, s2);
        _skip(1);
        uint256 expected = fraction * (Math.sqrt(s1) + Math.sqrt(s2)) / WAD;
        assertEq(g.quorum(_now() - 1), expected, "quorum = fraction * sum(sqrt) / 1e18, floored");
        assertLe(g.quorum(_now() - 1), Math.sqrt(s1) + Math.sqrt(s2), "quorum <= total power");
    }

    function test_quorum_isZeroWithoutMembers() external {
        _skip(1);
        assertEq(governor.quorum(_now() - 1), 0, "no members");
    }

    function test_quorum_revertsWith_StakingFutureLookup_whenTimepointNotPast() external {
        uint256 t = _now() + 5;
        vm.expectRevert(abi.encodeWithSelector(IStakingManager.StakingFutureLookup.selector, t, _now()));
        governor.quorum(t);
    }

    // ================================================================== setQuorumFraction

    function test_setQuorumFraction_throughGovernance() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.3e18, "raise quorum");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _queue(p);
        _skip(TIMELOCK_DELAY);
        vm.expectEmit(false, false, false, true, address(governor));
        emit IOctoGovernor.QuorumFractionSet(QUORUM_WAD, 0.3e18);
        _execute(p);
        uint256 executedAt = _now();
        assertEq(governor.quorumFractionWad(), 0.3e18, "latest fraction");
        assertEq(governor.quorumFractionWadAt(executedAt), 0.3e18, "fraction at change");
        assertEq(governor.quorumFractionWadAt(executedAt - 1), QUORUM_WAD, "old fraction before the change");
        _skip(1);
        assertEq(governor.quorum(executedAt), 0.3e18 * 6e11 / WAD, "quorum uses the new fraction");
        assertEq(governor.quorum(executedAt - 1), QUORUM_WAD * 6e11 / WAD, "quorum before uses the old one");
    }

    function test_setQuorumFraction_revertsWith_GovernorOnlyExecutor_whenNotTimelock() external {
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice));
        governor.setQuorumFraction(0.2e18);
    }

    function test_setQuorumFraction_reverts_whenTimelockCallsOutsideAProposal() external {
        // The timelock is the executor, but only calls whitelisted by the governor's own execute() pass.
        vm.prank(address(timelock));
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x31));
        governor.setQuorumFraction(0.2e18);
    }

    function test_setQuorumFraction_revertsWith_OctoGovernorInvalidQuorumFraction_whenAboveOne() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(WAD + 1, "bad quorum");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _queue(p);
        _skip(TIMELOCK_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IOctoGovernor.OctoGovernorInvalidQuorumFraction.selector, WAD + 1));
        _execute(p);
        assertEq(governor.quorumFractionWad(), QUORUM_WAD, "unchanged");
    }

    function test_quorum_changeDoesNotAffectExistingProposals() external {
        _threeMembers();
        // P passes with carol alone: 1e11 >= 10% of 6e11.
        Proposal memory p = _proposal(address(staking), abi.encodeCall(IStakingManager.setMinMemberBond, (200e18)), "P");
        Proposal memory q = _quorumProposal(WAD, "quorum to 100%");
        _propose(p, carol);
        _propose(q, alice);
        _toActive(p.id);
        _vote(p.id, carol, FOR);
        _vote(q.id, alice, FOR);
        _vote(q.id, bob, FOR);
        _vote(q.id, carol, FOR);
        _toEnd(q.id);
        _queue(q);
        _skip(TIMELOCK_DELAY);
        _execute(q);
        assertEq(governor.quorumFractionWad(), WAD, "quorum raised");
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Succeeded), "P keeps the quorum of its snapshot");

        // The same votes on a proposal created after the change fail the new quorum.
        Proposal memory p2 = _proposal(address(staking), abi.encodeCall(IStakingManager.setMinMemberBond, (200e18)), "P2");
        _propose(p2, carol);
        _toActive(p2.id);
        _vote(p2.id, carol, FOR);
        _toEnd(p2.id);
        assertEq(_state(p2.id), uint256(IGovernor.ProposalState.Defeated), "P2 needs 100%");
    }

    // ================================================================== full lifecycle

    function test_lifecycle_proposeVoteQueueExecute_changesStakingAndGovernor() external {
        _threeMembers();
        Proposal memory p;
        p.targets = new address[](3);
        p.values = new uint256[](3);
        p.calldatas = new bytes[](3);
        p.targets[0] = address(staking);
        p.calldatas[0] = abi.encodeCall(IStakingManager.setUnbondingPeriod, (3 days));
        p.targets[1] = address(governor);
        p.calldatas[1] = abi.encodeCall(OctoGovernor.setQuorumFraction, (0.2e18));
        p.targets[2] = address(governor);
        p.calldatas[2] = abi.encodeCall(GovernorSettings.setVotingPeriod, (uint32(7 days)));
        p.description = "Shorter unbonding, higher quorum, longer votes";
        p.descriptionHash = keccak256(bytes(p.description));
        p.id = governor.hashProposal(p.targets, p.values, p.calldatas, p.descriptionHash);

        uint256 created = _now();
        vm.prank(alice);
        assertEq(governor.propose(p.targets, p.values, p.calldatas, p.description), p.id, "proposal id");
        assertEq(governor.proposalSnapshot(p.id), created + VOTING_DELAY, "snapshot");
        assertEq(governor.proposalDeadline(p.id), created + VOTING_DELAY + VOTING_PERIOD, "deadline");
        assertEq(governor.proposalProposer(p.id), alice, "proposer");
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Pending), "pending");

        _toActive(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Active), "active");
        assertEq(_vote(p.id, alice, FOR), 3e11, "alice weight");
        assertEq(_vote(p.id, bob, AGAINST), 2e11, "bob weight");
        assertEq(_vote(p.id, carol, ABSTAIN), 1e11, "carol weight");
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(p.id);
        assertEq(against, 2e11, "against");
        assertEq(for_, 3e11, "for");
        assertEq(abstain, 1e11, "abstain");

        _toEnd(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Succeeded), "succeeded");
        _queue(p);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Queued), "queued");
        assertEq(governor.proposalEta(p.id), _now() + TIMELOCK_DELAY, "eta");
        assertTrue(timelock.isOperationPending(_timelockId(p)), "scheduled in the timelock");

        _skip(TIMELOCK_DELAY);
        _execute(p);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Executed), "executed");
        assertTrue(timelock.isOperationDone(_timelockId(p)), "done in the timelock");
        assertEq(staking.unbondingPeriod(), 3 days, "staking parameter changed by the timelock");
        assertEq(governor.quorumFractionWad(), 0.2e18, "quorum changed");
        assertEq(governor.votingPeriod(), 7 days, "voting period changed");
    }

    function test_execute_revertsWith_TimelockUnexpectedOperationState_whenDelayNotElapsed() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "early");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _queue(p);
        _skip(TIMELOCK_DELAY - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                _timelockId(p),
                bytes32(2 ** uint256(uint8(TimelockController.OperationState.Ready)))
            )
        );
        _execute(p);
    }

    function test_execute_revertsWith_GovernorUnexpectedProposalState_whenNotQueued() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "not queued");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Active,
                _bit(IGovernor.ProposalState.Succeeded) | _bit(IGovernor.ProposalState.Queued)
            )
        );
        _execute(p);
    }

    function test_queue_revertsWith_GovernorUnexpectedProposalState_whenDefeated() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "defeated");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, AGAINST);
        _toEnd(p.id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Defeated,
                _bit(IGovernor.ProposalState.Succeeded)
            )
        );
        _queue(p);
    }

    // ================================================================== states

    function test_state_defeated_whenAgainstWins() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "against wins");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, AGAINST);
        _vote(p.id, bob, FOR);
        _toEnd(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Defeated), "defeated");
    }

    function test_state_defeated_whenTie() external {
        _member(alice, 1e22);
        _member(bob, 1e22);
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "tie");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, AGAINST);
        _vote(p.id, bob, FOR);
        _toEnd(p.id);
        (uint256 against, uint256 for_,) = governor.proposalVotes(p.id);
        assertEq(against, for_, "tied");
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Defeated), "a tie fails");
    }

    function test_state_defeated_whenQuorumNotReached() external {
        _threeMembers();
        address dust = address(0xD057);
        _member(dust, 100e18); // 1e10 power, below 10% of 6.1e11
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "no quorum");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, dust, FOR);
        _toEnd(p.id);
        assertLt(1e10, governor.quorum(governor.proposalSnapshot(p.id)), "below quorum");
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Defeated), "defeated without quorum");
    }

    function test_state_abstainCountsTowardQuorum() external {
        _threeMembers();
        address dust = address(0xD057);
        _member(dust, 100e18); // 1e10 power
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "abstain quorum");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, dust, FOR);
        _vote(p.id, carol, ABSTAIN); // 1e11 abstain: 1.1e11 >= quorum 6.1e10
        _toEnd(p.id);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Succeeded), "for + abstain reach quorum");
    }

    function test_state_quorumBoundaryIsInclusive() external {
        // Two members with 1e11 each; quorum 50% of 2e11 = 1e11 exactly: one for-vote reaches it.
        StakingManager sm = staking;
        _member(alice, 1e22);
        _member(bob, 1e22);
        _skip(1);
        Proposal memory q = _quorumProposal(0.5e18, "q50");
        _passAndExecute(q);
        assertEq(governor.quorumFractionWad(), 0.5e18, "50%");
        Proposal memory p = _quorumProposal(0.2e18, "boundary");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        assertEq(governor.quorum(governor.proposalSnapshot(p.id)), 1e11, "quorum");
        assertEq(sm.totalVotingPowerAt(governor.proposalSnapshot(p.id)), 2e11, "total");
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Succeeded), "for == quorum suffices");
    }

    function test_state_succeededDoesNotExpire() external {
        // With GovernorTimelockControl there is no Expired state: a succeeded proposal stays queueable.
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "no expiry");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _skip(3650 days);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Succeeded), "still succeeded");
        _queue(p);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Queued), "queued years later");
    }

    function test_state_executed_whenRunDirectlyOnTimelock() external {
        _threeMembers();
        // Anyone may execute on the timelock (open executor role). Self-calls to the governor would fail the
        // onlyGovernance whitelist, so use a staking parameter.
        Proposal memory s = _proposal(address(staking), abi.encodeCall(IStakingManager.setMinMemberBond, (1e18)), "s");
        _propose(s, alice);
        _toActive(s.id);
        _vote(s.id, alice, FOR);
        _toEnd(s.id);
        _queue(s);
        _skip(TIMELOCK_DELAY);
        bytes32 salt = bytes20(address(governor)) ^ s.descriptionHash;
        timelock.executeBatch(s.targets, s.values, s.calldatas, 0, salt);
        assertEq(staking.minMemberBond(), 1e18, "executed by the timelock");
        assertEq(_state(s.id), uint256(IGovernor.ProposalState.Executed), "governor reports Executed");
    }

    function test_state_canceled_byProposerWhilePending() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "cancel me");
        _propose(p, alice);
        vm.expectEmit(false, false, false, true, address(governor));
        emit IGovernor.ProposalCanceled(p.id);
        vm.prank(alice);
        governor.cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Canceled), "canceled");
        _toActive(p.id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Canceled,
                _bit(IGovernor.ProposalState.Active)
            )
        );
        _vote(p.id, bob, FOR);
    }

    function test_state_canceled_whenTimelockGuardianCancels() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "guardian");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _queue(p);
        bytes32 opId = _timelockId(p);
        vm.prank(guardian);
        timelock.cancel(opId);
        assertFalse(timelock.isOperation(opId), "operation removed");
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Canceled), "canceled through the timelock");
    }

    function test_cancel_revertsWith_GovernorUnableToCancel_whenNotProposer() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "not yours");
        _propose(p, alice);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, p.id, bob));
        vm.prank(bob);
        governor.cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function test_cancel_revertsWith_GovernorUnableToCancel_whenActive() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "too late");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, p.id, alice));
        vm.prank(alice);
        governor.cancel(p.targets, p.values, p.calldatas, p.descriptionHash);
    }

    function test_state_revertsWith_GovernorNonexistentProposal_whenUnknown() external {
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorNonexistentProposal.selector, 42));
        governor.state(42);
    }

    // ================================================================== propose

    function test_propose_emitsProposalCreated() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "event");
        vm.expectEmit(false, false, false, true, address(governor));
        emit IGovernor.ProposalCreated(
            p.id,
            alice,
            p.targets,
            p.values,
            new string[](1),
            p.calldatas,
            _now() + VOTING_DELAY,
            _now() + VOTING_DELAY + VOTING_PERIOD,
            p.description
        );
        _propose(p, alice);
    }

    function test_propose_revertsWith_GovernorInsufficientProposerVotes_whenBelowThreshold() external {
        _threeMembers();
        // Raise the threshold to 2.5e11 (between bob's 2e11 and alice's 3e11) through governance.
        Proposal memory t = _proposal(
            address(governor), abi.encodeCall(GovernorSettings.setProposalThreshold, (2.5e11)), "threshold"
        );
        _passAndExecute(t);
        assertEq(governor.proposalThreshold(), 2.5e11, "threshold set");

        Proposal memory p = _quorumProposal(0.2e18, "bob proposes");
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, bob, 2e11, 2.5e11)
        );
        _propose(p, bob);
        address stranger = address(0x57A4);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, stranger, 0, 2.5e11)
        );
        _propose(p, stranger);
        _propose(p, alice); // 3e11 >= 2.5e11
        assertEq(_state(p.id), uint256(IGovernor.ProposalState.Pending), "alice may propose");
    }

    function test_propose_revertsWith_GovernorInvalidProposalLength_whenEmpty() external {
        address[] memory targets = new address[](0);
        uint256[] memory values = new uint256[](0);
        bytes[] memory calldatas = new bytes[](0);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidProposalLength.selector, 0, 0, 0));
        governor.propose(targets, values, calldatas, "empty");
    }

    function test_propose_revertsWith_GovernorUnexpectedProposalState_whenDuplicate() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "dup");
        _propose(p, alice);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector, p.id, IGovernor.ProposalState.Pending, bytes32(0)
            )
        );
        _propose(p, bob);
    }

    function test_propose_revertsWith_GovernorRestrictedProposer_whenDescriptionNamesAnother() external {
        string memory description = string.concat("mine#proposer=", _toHex(alice));
        Proposal memory p = _quorumProposal(0.2e18, description);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorRestrictedProposer.selector, bob));
        _propose(p, bob);
        _propose(p, alice);
        assertEq(governor.proposalProposer(p.id), alice, "restricted proposer accepted");
    }

    // ================================================================== castVote

    function test_castVote_emitsVoteCastAndCountsSqrtWeight() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "vote");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectEmit(true, false, false, true, address(governor));
        emit IGovernor.VoteCast(bob, p.id, FOR, 2e11, "");
        assertEq(_vote(p.id, bob, FOR), 2e11, "returned weight");
        assertTrue(governor.hasVoted(p.id, bob), "hasVoted");
        assertFalse(governor.hasVoted(p.id, alice), "alice has not voted");
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(p.id);
        assertEq(against + abstain, 0, "only for");
        assertEq(for_, 2e11, "for = sqrt(bob stake)");
    }

    function test_castVote_nonMemberCountsZero() external {
        _threeMembers();
        address holder = address(0xF00D);
        require(octo.transfer(holder, 50_000_000e18), "transfer");
        Proposal memory p = _quorumProposal(0.2e18, "non-member");
        _propose(p, alice);
        _toActive(p.id);
        assertEq(_vote(p.id, holder, FOR), 0, "weight 0");
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(p.id);
        assertEq(against + for_ + abstain, 0, "tallies untouched");
    }

    function test_castVote_usesSnapshotWeight() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "snapshot");
        _propose(p, alice);
        _toActive(p.id);
        // After the snapshot: carol exits, a newcomer registers, alice adds stake. None of it counts.
        vm.prank(carol);
        staking.requestMemberExit();
        address late = address(0x1A7E);
        _member(late, 1e24);
        require(octo.transfer(alice, 7e22), "transfer");
        vm.startPrank(alice);
        octo.approve(address(staking), 7e22);
        staking.increaseMemberStake(7e22);
        vm.stopPrank();
        assertEq(_vote(p.id, carol, FOR), 1e11, "exited member keeps snapshot weight");
        assertEq(_vote(p.id, late, FOR), 0, "late member has none");
        assertEq(_vote(p.id, alice, FOR), 3e11, "alice's top-up ignored");
    }

    function test_castVoteWithReason_emitsReason() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "reason");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectEmit(true, false, false, true, address(governor));
        emit IGovernor.VoteCast(carol, p.id, ABSTAIN, 1e11, "because");
        vm.prank(carol);
        governor.castVoteWithReason(p.id, ABSTAIN, "because");
        (,, uint256 abstain) = governor.proposalVotes(p.id);
        assertEq(abstain, 1e11, "abstain");
    }

    function test_castVoteWithReasonAndParams_ignoresParams() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "params");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectEmit(true, false, false, true, address(governor));
        emit IGovernor.VoteCastWithParams(alice, p.id, AGAINST, 3e11, "r", hex"1234");
        vm.prank(alice);
        governor.castVoteWithReasonAndParams(p.id, AGAINST, "r", hex"1234");
        (uint256 against,,) = governor.proposalVotes(p.id);
        assertEq(against, 3e11, "full weight against");
    }

    function test_castVote_revertsWith_GovernorAlreadyCastVote_whenVotingTwice() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "twice");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
        _vote(p.id, alice, AGAINST);
        // Same for a non-member (weight 0 votes are recorded too).
        _vote(p.id, address(0xF00D), FOR);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, address(0xF00D)));
        _vote(p.id, address(0xF00D), FOR);
    }

    function test_castVote_revertsWith_GovernorInvalidVoteType_whenSupportAboveTwo() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "bad support");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectRevert(IGovernor.GovernorInvalidVoteType.selector);
        _vote(p.id, alice, 3);
        assertFalse(governor.hasVoted(p.id, alice), "nothing recorded");
    }

    function test_castVote_revertsWith_GovernorUnexpectedProposalState_whenPending() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "pending");
        _propose(p, alice);
        vm.warp(governor.proposalSnapshot(p.id)); // snapshot == now: still pending
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Pending,
                _bit(IGovernor.ProposalState.Active)
            )
        );
        _vote(p.id, alice, FOR);
    }

    function test_castVote_revertsWith_GovernorUnexpectedProposalState_whenEnded() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "ended");
        _propose(p, alice);
        vm.warp(governor.proposalDeadline(p.id)); // last voting second
        _vote(p.id, bob, FOR);
        _skip(1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                p.id,
                IGovernor.ProposalState.Succeeded,
                _bit(IGovernor.ProposalState.Active)
            )
        );
        _vote(p.id, alice, FOR);
    }

    function test_castVote_revertsWith_SafeCastOverflowedUintDowncast_whenWeightExceeds72Bits() external {
        (OctoGovernor g, StakingManager sm, OctoToken big) = _deployHugeSupply();
        uint256 weight = uint256(1) << 72;
        _memberOf(big, sm, alice, weight * weight);
        _skip(1);
        uint256 id = _proposeOn(g, "huge");
        vm.warp(g.proposalSnapshot(id) + 1);
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 72, weight));
        vm.prank(alice);
        g.castVote(id, FOR);
    }

    function test_castVote_reverts_whenTallyOverflows72Bits() external {
        (OctoGovernor g, StakingManager sm, OctoToken big) = _deployHugeSupply();
        uint256 w = (uint256(1) << 72) - 1; // each weight fits, their sum does not
        _memberOf(big, sm, alice, w * w);
        _memberOf(big, sm, bob, w * w);
        _skip(1);
        uint256 id = _proposeOn(g, "overflow");
        vm.warp(g.proposalSnapshot(id) + 1);
        vm.prank(alice);
        assertEq(g.castVote(id, FOR), w, "max weight fits");
        vm.expectRevert(abi.encodeWithSignature("Panic(uint256)", 0x11));
        vm.prank(bob);
        g.castVote(id, FOR);
        vm.prank(bob);
        assertEq(g.castVote(id, AGAINST), w, "other bucket still has room");
        (uint256 against, uint256 for_,) = g.proposalVotes(id);
        assertEq(against, w, "against max");
        assertEq(for_, w, "for max");
    }

    function testFuzz_castVote_talliesAreSumsOfSqrtWeights(uint256[4] memory stakes, uint8[4] memory supportSeeds)
        external
    {
        address[4] memory voters = [address(0x1001), address(0x1002), address(0x1003), address(0x1004)];
        uint256[3] memory expected;
        for (uint256 i = 0; i < 4; ++i) {
            stakes[i] = bound(stakes[i], 100e18, 100_000_000e18);
            _member(voters[i], stakes[i]);
        }
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "fuzz tally");
        _propose(p, voters[0]);
        _toActive(p.id);
        for (uint256 i = 0; i < 4; ++i) {
            uint8 support = uint8(bound(supportSeeds[i], 0, 2));
            uint256 w = _vote(p.id, voters[i], support);
            assertEq(w, Math.sqrt(stakes[i]), "weight = floor(sqrt(stake))");
            expected[support] += w;
        }
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(p.id);
        assertEq(against, expected[0], "against");
        assertEq(for_, expected[1], "for");
        assertEq(abstain, expected[2], "abstain");
        _toEnd(p.id);
        bool ok = for_ > against && for_ + abstain >= governor.quorum(governor.proposalSnapshot(p.id));
        assertEq(
            _state(p.id),
            uint256(ok ? IGovernor.ProposalState.Succeeded : IGovernor.ProposalState.Defeated),
            "outcome follows counting rules"
        );
    }

    // ================================================================== castVoteBySig

    function test_castVoteBySig_countsWithIndependentDigest() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "sig");
        _propose(p, alice);
        _toActive(p.id);
        assertEq(governor.nonces(bob), 0, "nonce 0");
        bytes memory sig = _sigFor(bobPk, p.id, FOR, 0);
        vm.expectEmit(true, false, false, true, address(governor));
        emit IGovernor.VoteCast(bob, p.id, FOR, 2e11, "");
        vm.prank(address(0x4E1A7)); // any relayer
        assertEq(governor.castVoteBySig(p.id, FOR, bob, sig), 2e11, "weight");
        assertEq(governor.nonces(bob), 1, "nonce used");
        assertTrue(governor.hasVoted(p.id, bob), "voted");
        (, uint256 for_,) = governor.proposalVotes(p.id);
        assertEq(for_, 2e11, "for");
    }

    function test_castVoteBySig_revertsWith_GovernorInvalidSignature_whenReplayed() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "replay");
        _propose(p, alice);
        _toActive(p.id);
        bytes memory sig = _sigFor(bobPk, p.id, FOR, 0);
        governor.castVoteBySig(p.id, FOR, bob, sig);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(p.id, FOR, bob, sig);
        // Replaying on another proposal fails too: the ballot binds the proposal id and the nonce.
        Proposal memory q = _quorumProposal(0.3e18, "other");
        _propose(q, alice);
        _toActive(q.id);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(q.id, FOR, bob, sig);
        assertEq(governor.nonces(bob), 1, "failed attempts consume no nonce");
    }

    function test_castVoteBySig_revertsWith_GovernorInvalidSignature_whenWrongSigner() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "wrong signer");
        _propose(p, alice);
        _toActive(p.id);
        // carol signs a ballot naming bob as the voter.
        bytes32 digest = BallotSigning.ballotDigest("OctoGovernor", address(governor), p.id, FOR, bob, 0);
        bytes memory sig = BallotSigning.sign(vm, carolPk, digest);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(p.id, FOR, bob, sig);
        assertFalse(governor.hasVoted(p.id, bob), "bob did not vote");
        assertEq(governor.nonces(bob), 0, "nonce untouched");
    }

    function test_castVoteBySig_revertsWith_GovernorInvalidSignature_whenSupportTampered() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "tamper");
        _propose(p, alice);
        _toActive(p.id);
        bytes memory sig = _sigFor(bobPk, p.id, AGAINST, 0);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(p.id, FOR, bob, sig);
    }

    function test_castVoteBySig_revertsWith_GovernorInvalidSignature_whenWrongDomain() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "domain");
        _propose(p, alice);
        _toActive(p.id);
        bytes32 digest = BallotSigning.ballotDigest("OtherGovernor", address(governor), p.id, FOR, bob, 0);
        bytes memory sig = BallotSigning.sign(vm, bobPk, digest);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(p.id, FOR, bob, sig);
    }

    function test_castVoteBySig_revertsWith_GovernorInvalidSignature_whenMalformed() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "malformed");
        _propose(p, alice);
        _toActive(p.id);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(p.id, FOR, bob, hex"1234");
        bytes memory zero = new bytes(65);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(p.id, FOR, bob, zero);
    }

    function test_castVoteBySig_revertsWith_GovernorAlreadyCastVote_whenVotedDirectly() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "voted already");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, bob, FOR);
        bytes memory sig = _sigFor(bobPk, p.id, AGAINST, 0);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, bob));
        governor.castVoteBySig(p.id, AGAINST, bob, sig);
    }

    function test_castVoteBySig_acceptsERC1271Wallet() external {
        _threeMembers();
        uint256 ownerPk = 0x0517;
        MockSmartWallet wallet = new MockSmartWallet(vm.addr(ownerPk));
        require(octo.transfer(address(wallet), 1e22), "transfer");
        vm.startPrank(vm.addr(ownerPk));
        wallet.exec(address(octo), abi.encodeCall(octo.approve, (address(staking), 1e22)));
        wallet.exec(address(staking), abi.encodeCall(IStakingManager.registerMember, (1e22)));
        vm.stopPrank();
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "wallet");
        _propose(p, alice);
        _toActive(p.id);

        bytes32 digest = BallotSigning.ballotDigest("OctoGovernor", address(governor), p.id, FOR, address(wallet), 0);
        // A key that is not the wallet owner: the ERC-1271 check says no.
        bytes memory bad = BallotSigning.sign(vm, carolPk, digest);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, address(wallet)));
        governor.castVoteBySig(p.id, FOR, address(wallet), bad);

        bytes memory good = BallotSigning.sign(vm, ownerPk, digest);
        assertEq(governor.castVoteBySig(p.id, FOR, address(wallet), good), 1e11, "wallet votes sqrt(1e22)");
        assertEq(governor.nonces(address(wallet)), 1, "wallet nonce used");
    }

    function test_castVoteWithReasonAndParamsBySig_extendedBallot() external {
        _threeMembers();
        Proposal memory p = _quorumProposal(0.2e18, "extended");
        _propose(p, alice);
        _toActive(p.id);
        bytes32 structHash = keccak256(
            abi.encode(
                BallotSigning.EXTENDED_BALLOT_TYPEHASH, p.id, ABSTAIN, carol, 0, keccak256("why"), keccak256(hex"01")
            )
        );
        bytes32 digest = keccak256(
            abi.encodePacked("\x19\x01", BallotSigning.domainSeparator("OctoGovernor", address(governor)), structHash)
        );
        bytes memory sig = BallotSigning.sign(vm, carolPk, digest);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, carol));
        governor.castVoteWithReasonAndParamsBySig(p.id, FOR, carol, "why", hex"01", sig);
        assertEq(governor.castVoteWithReasonAndParamsBySig(p.id, ABSTAIN, carol, "why", hex"01", sig), 1e11, "w");
        assertEq(governor.nonces(carol), 1, "nonce used");
    }

    function testFuzz_castVoteBySig_anyPrivateKey(uint256 pk, uint8 support, uint256 stake) external {
        pk = bound(pk, 1, SECP256K1_N - 1);
        support = uint8(bound(support, 0, 2));
        stake = bound(stake, 100e18, 100_000_000e18);
        address voter = vm.addr(pk);
        vm.assume(voter != alice && voter != address(this));
        _member(alice, 1e22);
        _member(voter, stake);
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "fuzz sig");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR); // not the first vote
        bytes memory sig = _sigFor(pk, p.id, support, governor.nonces(voter));
        assertEq(governor.castVoteBySig(p.id, support, voter, sig), Math.sqrt(stake), "weight");
        assertTrue(governor.hasVoted(p.id, voter), "voted");
        assertEq(governor.nonces(voter), 1, "nonce used");
        (uint256 against, uint256 for_, uint256 abstain) = governor.proposalVotes(p.id);
        uint256[3] memory t = [against, for_ - 1e11, abstain];
        assertEq(t[support], Math.sqrt(stake), "counted under its support");
    }

    function testFuzz_castVoteBySig_revertsWith_GovernorInvalidSignature_whenSignedByAnotherKey(
        uint256 pk,
        uint256 otherPk
    ) external {
        pk = bound(pk, 1, SECP256K1_N - 1);
        otherPk = bound(otherPk, 1, SECP256K1_N - 1);
        vm.assume(pk != otherPk);
        address voter = vm.addr(pk);
        vm.assume(voter != alice && voter != address(this));
        _member(alice, 1e22);
        _member(voter, 1e22);
        _skip(1);
        Proposal memory p = _quorumProposal(0.2e18, "fuzz wrong key");
        _propose(p, alice);
        _toActive(p.id);
        bytes32 digest = BallotSigning.ballotDigest("OctoGovernor", address(governor), p.id, FOR, voter, 0);
        bytes memory sig = BallotSigning.sign(vm, otherPk, digest);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, voter));
        governor.castVoteBySig(p.id, FOR, voter, sig);
        assertFalse(governor.hasVoted(p.id, voter), "not voted");
    }

    // ================================================================== settings & other onlyGovernance paths

    function test_settings_changeThroughGovernance() external {
        _threeMembers();
        Proposal memory p;
        p.targets = new address[](3);
        p.values = new uint256[](3);
        p.calldatas = new bytes[](3);
        p.targets[0] = address(governor);
        p.targets[1] = address(governor);
        p.targets[2] = address(governor);
        p.calldatas[0] = abi.encodeCall(GovernorSettings.setVotingDelay, (uint48(2 hours)));
        p.calldatas[1] = abi.encodeCall(GovernorSettings.setVotingPeriod, (uint32(3 days)));
        p.calldatas[2] = abi.encodeCall(GovernorSettings.setProposalThreshold, (5e10));
        p.description = "settings";
        p.descriptionHash = keccak256(bytes(p.description));
        p.id = governor.hashProposal(p.targets, p.values, p.calldatas, p.descriptionHash);
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _queue(p);
        _skip(TIMELOCK_DELAY);
        vm.expectEmit(false, false, false, true, address(governor));
        emit GovernorSettings.VotingDelaySet(VOTING_DELAY, 2 hours);
        vm.expectEmit(false, false, false, true, address(governor));
        emit GovernorSettings.VotingPeriodSet(VOTING_PERIOD, 3 days);
        vm.expectEmit(false, false, false, true, address(governor));
        emit GovernorSettings.ProposalThresholdSet(0, 5e10);
        _execute(p);
        assertEq(governor.votingDelay(), 2 hours, "delay");
        assertEq(governor.votingPeriod(), 3 days, "period");
        assertEq(governor.proposalThreshold(), 5e10, "threshold");
    }

    function test_setVotingPeriod_revertsWith_GovernorInvalidVotingPeriod_whenZero() external {
        _threeMembers();
        Proposal memory p = _proposal(address(governor), abi.encodeCall(GovernorSettings.setVotingPeriod, (0)), "zero");
        _propose(p, alice);
        _toActive(p.id);
        _vote(p.id, alice, FOR);
        _toEnd(p.id);
        _queue(p);
        _skip(TIMELOCK_DELAY);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVotingPeriod.selector, 0));
        _execute(p);
    }

    function test_onlyGovernanceFunctions_revertWith_GovernorOnlyExecutor_whenCalledDirectly() external {
        bytes[] memory calls = new bytes[](6);
        calls[0] = abi.encodeCall(GovernorSettings.setVotingDelay, (uint48(1)));
        calls[1] = abi.encodeCall(GovernorSettings.setVotingPeriod, (uint32(1)));
        calls[2] = abi.encodeCall(GovernorSettings.setProposalThreshold, (1));
        calls[3] = abi.encodeCall(OctoGovernor.setQuorumFraction, (1));
        calls[4] = abi.encodeCall(GovernorTimelockControl.updateTimelock, (TimelockController(payable(address(1)))));
        calls[5] = abi.encodeCall(governor.relay, (address(1), 0, ""));
        for (uint256 i = 0; i < calls.length; ++i) {
            vm.prank(alice);
            (bool ok, bytes memory ret) = address(governor).call(calls[i]);
            assertFalse(ok, "must revert");
            assertEq(
                keccak256(ret),
                keccak256(abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, alice)),
                "GovernorOnlyExecutor"
            );
        }
    }

    function test_receive_revertsWith_GovernorDisabledDeposit() external {
        vm.deal(alice, 1 ether);
        vm.prank(alice);
        (bool ok, bytes memory ret) = address(governor).call{value: 1 ether}("");
        assertFalse(ok, "deposit refused");
        assertEq(keccak256(ret), keccak256(abi.encodeWithSelector(IGovernor.GovernorDisabledDeposit.selector)), "err");
        vm.expectRevert(IGovernor.GovernorDisabledDeposit.selector);
        governor.onERC721Received(alice, alice, 1, "");
        vm.expectRevert(IGovernor.GovernorDisabledDeposit.selector);
        governor.onERC1155Received(alice, alice, 1, 1, "");
        vm.expectRevert(IGovernor.GovernorDisabledDeposit.selector);
        governor.onERC1155BatchReceived(alice, alice, new uint256[](0), new uint256[](0), "");
    }

    // ================================================================== helpers

    /// @dev A separate staking + governor over an OCTO with the ERC20Votes maximum supply (for overflow paths).
    function _deployHugeSupply() internal returns (OctoGovernor g, StakingManager sm, OctoToken big) {
        big = new OctoToken(tokenAdmin, type(uint208).max, address(this), type(uint208).max);
        sm = new StakingManager(address(big), roleTokens, address(this));
        (, g) = _deployGovernance(address(sm), QUORUM_WAD);
    }

    function _proposeOn(OctoGovernor g, string memory description) internal returns (uint256) {
        address[] memory targets = new address[](1);
        targets[0] = address(g);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(OctoGovernor.setQuorumFraction, (0.2e18));
        vm.prank(alice);
        return g.propose(targets, values, calldatas, description);
    }

    function _toHex(address a) internal pure returns (string memory) {
        bytes memory s = new bytes(42);
        s[0] = "0";
        s[1] = "x";
        bytes16 digits = "0123456789abcdef";
        for (uint256 i = 0; i < 20; ++i) {
            // casting to 'uint8' is safe because it keeps exactly the byte wanted
            // forge-lint: disable-next-line(unsafe-typecast)
            uint8 b = uint8(uint160(a) >> (8 * (19 - i)));
            s[2 + 2 * i] = digits[b >> 4];
            s[3 + 2 * i] = digits[b & 0x0f];
        }
        return string(s);
    }
}

/// @notice The packed vote bookkeeping across bitmap chunks: 400 live proposals (numbers 1..400 span chunks 0, 1
/// and 2 of 160), votes in any order, exact `hasVoted`, double votes always rejected, nonces kept.
contract OctoGovernorVoteBookkeepingTest is OctoGovernorFixture {
    uint256 internal constant N = 400;
    uint256[] internal ids;

    function setUp() external {
        _deployFixture();
        _threeMembers();
        for (uint256 i = 1; i <= N; ++i) {
            Proposal memory p = _quorumProposal(0.2e18, string.concat("p", vm.toString(i)));
            ids.push(_propose(p, alice));
        }
        _toActive(ids[0]);
    }

    function _id(uint256 number) internal view returns (uint256) {
        return ids[number - 1];
    }

    function test_proposalNumber_isSequential() external view {
        assertEq(governor.proposalCount(), N, "count");
        assertEq(governor.proposalNumber(_id(1)), 1, "first");
        assertEq(governor.proposalNumber(_id(160)), 160, "chunk 1 starts");
        assertEq(governor.proposalNumber(_id(N)), N, "last");
        assertEq(governor.proposalNumber(12345), 0, "unknown proposal");
        assertFalse(governor.hasVoted(12345, alice), "unknown proposal: not voted");
        assertEq(governor.VOTE_CHUNK_SIZE(), 160, "chunk size");
    }

    function test_hasVoted_exactAcrossChunks() external {
        uint256[7] memory voted = [uint256(1), 200, 5, 350, 170, 2, 351];
        for (uint256 i = 0; i < voted.length; ++i) {
            assertEq(_vote(_id(voted[i]), alice, FOR), 3e11, "full weight");
        }
        for (uint256 i = 0; i < voted.length; ++i) {
            assertTrue(governor.hasVoted(_id(voted[i]), alice), "voted");
            vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, alice));
            _vote(_id(voted[i]), alice, AGAINST);
            (, uint256 for_,) = governor.proposalVotes(_id(voted[i]));
            assertEq(for_, 3e11, "counted once");
        }
        uint256[9] memory notVoted = [uint256(3), 159, 160, 199, 201, 319, 320, 352, 400];
        for (uint256 i = 0; i < notVoted.length; ++i) {
            assertFalse(governor.hasVoted(_id(notVoted[i]), alice), "not voted");
            assertFalse(governor.hasVoted(_id(notVoted[i]), bob), "bob never voted");
        }
        // Votes in later, then earlier chunks by another voter do not touch alice's records.
        _vote(_id(399), bob, AGAINST);
        _vote(_id(3), bob, AGAINST);
        assertFalse(governor.hasVoted(_id(3), alice), "alice unaffected");
        assertTrue(governor.hasVoted(_id(3), bob), "bob recorded");
    }

    function test_nonces_surviveChunkMoves() external {
        assertEq(governor.castVoteBySig(_id(10), FOR, bob, _sigFor(bobPk, _id(10), FOR, 0)), 2e11, "sig 1");
        assertEq(governor.nonces(bob), 1, "nonce 1");
        _vote(_id(300), bob, FOR); // moves bob's slot to chunk 1, archiving chunk 0
        assertEq(governor.nonces(bob), 1, "castVote uses no nonce");
        governor.castVoteBySig(_id(20), AGAINST, bob, _sigFor(bobPk, _id(20), AGAINST, 1)); // archived chunk
        governor.castVoteBySig(_id(390), ABSTAIN, bob, _sigFor(bobPk, _id(390), ABSTAIN, 2)); // moves to chunk 2
        assertEq(governor.nonces(bob), 3, "nonce 3");
        assertTrue(governor.hasVoted(_id(10), bob), "10");
        assertTrue(governor.hasVoted(_id(20), bob), "20");
        assertTrue(governor.hasVoted(_id(300), bob), "300");
        assertTrue(governor.hasVoted(_id(390), bob), "390");
        bytes memory replay = _sigFor(bobPk, _id(10), FOR, 0);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidSignature.selector, bob));
        governor.castVoteBySig(_id(10), FOR, bob, replay);
        bytes memory fresh = _sigFor(bobPk, _id(10), FOR, 3);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, bob));
        governor.castVoteBySig(_id(10), FOR, bob, fresh);
    }

    function testFuzz_hasVoted_matchesGhostInAnyOrder(uint256 seed) external {
        address[3] memory voters = [alice, bob, carol];
        uint256[3] memory pks = [alicePk, bobPk, carolPk];
        uint256[3] memory weights = [uint256(3e11), 2e11, 1e11];
        bool[][3] memory ghost;
        for (uint256 v = 0; v < 3; ++v) {
            ghost[v] = new bool[](N + 1);
        }
        uint256[] memory touched = new uint256[](24);
        uint256[3] memory used;
        for (uint256 step = 0; step < 24; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 v = r % 3;
            // Half the draws reuse an earlier number (to hit double votes), half are fresh anywhere in 1..N.
            uint256 number = (step > 0 && (r >> 8) % 2 == 0) ? touched[(r >> 16) % step] : 1 + (r >> 24) % N;
            touched[step] = number;
            uint8 support = uint8((r >> 40) % 3);
            bool bySig = (r >> 48) % 2 == 0;
            uint256 id = _id(number);
            bytes memory sig = bySig ? _sigFor(pks[v], id, support, governor.nonces(voters[v])) : bytes("");
            if (ghost[v][number]) {
                vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, voters[v]));
            } else {
                ghost[v][number] = true;
                if (bySig) ++used[v];
            }
            uint256 w;
            if (bySig) {
                w = governor.castVoteBySig(id, support, voters[v], sig);
            } else {
                w = _vote(id, voters[v], support);
            }
            if (w != 0) assertEq(w, weights[v], "weight");
        }
        for (uint256 v = 0; v < 3; ++v) {
            assertEq(governor.nonces(voters[v]), used[v], "one nonce per accepted ballot");
            for (uint256 i = 0; i < touched.length; ++i) {
                uint256 number = touched[i];
                assertEq(governor.hasVoted(_id(number), voters[v]), ghost[v][number], "hasVoted == ghost");
                if (number < N) {
                    assertEq(governor.hasVoted(_id(number + 1), voters[v]), ghost[v][number + 1], "neighbour");
                }
            }
        }
        // Each tally is the sum of the weights of the voters who voted on it (whatever the support).
        for (uint256 i = 0; i < touched.length; ++i) {
            uint256 number = touched[i];
            (uint256 a, uint256 f, uint256 ab) = governor.proposalVotes(_id(number));
            uint256 expected;
            for (uint256 v = 0; v < 3; ++v) {
                if (ghost[v][number]) expected += weights[v];
            }
            assertEq(a + f + ab, expected, "tally total");
        }
    }
}
