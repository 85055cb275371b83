// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IOctoGovernor} from "./interfaces/IOctoGovernor.sol";
import {IStakingManager} from "./interfaces/IStakingManager.sol";
import {GovernorCountingPacked} from "./governance/GovernorCountingPacked.sol";

/// @title OctoGovernor
/// @notice The CipherOcto DAO governor. OpenZeppelin Governor on a timestamp clock, executing through a
/// TimelockController, with square-root voting: an account's weight at a timepoint is
/// `IStakingManager.votingPowerAt(account, timepoint)` = floor(sqrt(member stake)), 0 for non-members, so
/// splitting stake across fresh (unregistered) addresses gains nothing.
///
/// - Clock: `block.timestamp` (ERC-6372 "mode=timestamp"); voting delay and period are in seconds.
/// - Proposal threshold: in voting-power units (square roots of wei of stake), checked at `clock() - 1`.
/// - Quorum: `quorumFractionWad(at snapshot) * staking.totalVotingPowerAt(snapshot) / 1e18`, rounded down.
///   The fraction is checkpointed, so changing it never changes the outcome of an already-created proposal
///   whose snapshot precedes the change.
/// - Counting ({GovernorCountingPacked}): against / for / abstain; quorum counts for + abstain; success iff
///   for > against. One slot per proposal (number + three tallies), one slot per voter (ballot nonce + voted bitmap),
///   so a relayed ballot of a first-time voter writes one fresh slot instead of two.
/// - Ballots: the standard OZ `Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)` under the
///   EIP-712 domain (name "OctoGovernor", version "1", chainId, this), with the OZ per-voter nonces.
/// - Voting delay, voting period, proposal threshold and the quorum fraction change only through governance
///   (a proposal executed by the timelock).
contract OctoGovernor is IOctoGovernor, GovernorSettings, GovernorCountingPacked, GovernorTimelockControl {
    using Checkpoints for Checkpoints.Trace208;

    uint256 private constant WAD = 1e18;

    IStakingManager private immutable _staking;

    /// @dev Quorum fraction (wad) by timestamp of the change.
    Checkpoints.Trace208 private _quorumFractionHistory;

    /// @param staking_ The StakingManager whose member stake gives voting power.
    /// @param timelock_ The TimelockController that queues and executes proposals (the governor must hold its
    /// PROPOSER_ROLE and CANCELLER_ROLE).
    /// @param votingDelay_ Seconds between proposal creation and the vote snapshot / start.
    /// @param votingPeriod_ Seconds the vote lasts (> 0).
    /// @param proposalThreshold_ Voting power (square-root units) needed to propose.
    /// @param quorumFractionWad_ Quorum as a fraction of total square-root voting power (1e18 = 100%).
    constructor(
        address staking_,
        TimelockController timelock_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 proposalThreshold_,
        uint256 quorumFractionWad_
    )
        Governor("OctoGovernor")
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorTimelockControl(timelock_)
    {
        _staking = IStakingManager(staking_);
        _setQuorumFraction(quorumFractionWad_);
    }

    // ------------------------------------------------------------------ votes source (StakingManager)

    /// @inheritdoc IOctoGovernor
    function staking() external view returns (address) {
        return address(_staking);
    }

    /// @inheritdoc IERC6372
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @inheritdoc IERC6372
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev floor(sqrt(member stake)) of `account` at `timepoint`, from the StakingManager (0 for non-members).
    function _getVotes(address account, uint256 timepoint, bytes memory /* params */ )
        internal
        view
        override
        returns (uint256)
    {
        return _staking.votingPowerAt(account, timepoint);
    }

    // ------------------------------------------------------------------ quorum

    /// @inheritdoc IOctoGovernor
    function quorumFractionWad() public view returns (uint256) {
        return _quorumFractionHistory.latest();
    }

    /// @notice The quorum fraction (wad) in effect at `timepoint`.
    /// @param timepoint A timestamp.
    /// @return The fraction set by the last change at or before `timepoint`.
    function quorumFractionWadAt(uint256 timepoint) public view returns (uint256) {
        // Fast path: most lookups are for snapshots after the latest change.
        (, uint48 key, uint208 value) = _quorumFractionHistory.latestCheckpoint();
        if (key <= timepoint) {
            return value;
        }
        return _quorumFractionHistory.upperLookupRecent(SafeCast.toUint48(timepoint));
    }

    /// @inheritdoc IGovernor
    /// @dev quorumFractionWadAt(timepoint) * staking.totalVotingPowerAt(timepoint) / 1e18, rounded down (a
    /// rounding in favour of reaching quorum by less than one voting-power unit). Reverts where the
    /// StakingManager does, i.e. for a timepoint that is not in the past.
    function quorum(uint256 timepoint) public view override returns (uint256) {
        return quorumFractionWadAt(timepoint) * _staking.totalVotingPowerAt(timepoint) / WAD;
    }

    /// @inheritdoc IOctoGovernor
    /// @dev Reverts with OctoGovernorInvalidQuorumFraction when `newQuorumFractionWad` > 1e18, and with
    /// GovernorOnlyExecutor unless called by the timelock while it executes a proposal of this governor.
    function setQuorumFraction(uint256 newQuorumFractionWad) external onlyGovernance {
        _setQuorumFraction(newQuorumFractionWad);
    }

    function _setQuorumFraction(uint256 newQuorumFractionWad) private {
        if (newQuorumFractionWad > WAD) {
            revert OctoGovernorInvalidQuorumFraction(newQuorumFractionWad);
        }
        uint256 old = _quorumFractionHistory.latest();
        // casting to 'uint208' is safe because `newQuorumFractionWad` <= 1e18 was checked above
        // forge-lint: disable-next-line(unsafe-typecast)
        _quorumFractionHistory.push(clock(), uint208(newQuorumFractionWad));
        emit QuorumFractionSet(old, newQuorumFractionWad);
    }

    // ------------------------------------------------------------------ counting

    /// @inheritdoc IOctoGovernor
    function proposalVotes(uint256 proposalId)
        public
        view
        override(IOctoGovernor, GovernorCountingPacked)
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        return super.proposalVotes(proposalId);
    }

    // ------------------------------------------------------------------ signatures

    /// @dev Same digest, nonce use and acceptance as OZ's SignatureChecker (ECDSA for keys, ERC-1271 for contract
    /// wallets), but ECDSA is tried first: a valid EOA ballot never pays for the cold EXTCODESIZE on the voter.
    /// A contract wallet has no private key, so it is never the ecrecover output of a signature and the order
    /// changes no outcome for it; an EIP-7702 delegated EOA is accepted with its own key as well as via ERC-1271.
    function _validateVoteSig(uint256 proposalId, uint8 support, address voter, bytes memory signature)
        internal
        override
        returns (bool)
    {
        bytes32 digest =
            _hashTypedDataV4(keccak256(abi.encode(BALLOT_TYPEHASH, proposalId, support, voter, _useNonce(voter))));
        (address recovered, ECDSA.RecoverError err,) = ECDSA.tryRecover(digest, signature);
        if (err == ECDSA.RecoverError.NoError && recovered == voter) {
            return true;
        }
        return voter.code.length != 0 && SignatureChecker.isValidERC1271SignatureNow(voter, digest, signature);
    }

    // ------------------------------------------------------------------ required overrides

    /// @inheritdoc GovernorTimelockControl
    function state(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (ProposalState)
    {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorTimelockControl
    function proposalNeedsQueuing(uint256 proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc GovernorCountingPacked
    function nonces(address owner) public view override(Nonces, GovernorCountingPacked) returns (uint256) {
        return super.nonces(owner);
    }

    /// @inheritdoc GovernorSettings
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function _useNonce(address owner) internal override(Nonces, GovernorCountingPacked) returns (uint256) {
        return super._useNonce(owner);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorCountingPacked) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
