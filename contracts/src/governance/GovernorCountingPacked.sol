// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// @title GovernorCountingPacked
/// @notice Bravo-style counting (0 = against, 1 = for, 2 = abstain) with the same semantics as OpenZeppelin's
/// GovernorCountingSimple: quorum counts for + abstain; a proposal succeeds when for > against (ties fail); one vote
/// per (proposal, voter) with the voter's whole weight. Only the storage layout differs, to make voting cheap:
///
/// - Per proposal, ONE slot: a sequence number assigned at creation (1, 2, 3, ...) and the three tallies
///   (uint40 + 3 x uint72). The slot is written at `propose`, so even the first vote updates a non-zero slot.
/// - Per voter, ONE slot: the OZ ballot nonce (uint48) and a 160-bit "voted" bitmap over one chunk of 160
///   consecutive proposals (the chunk number is uint48). A relayed ballot (`castVoteBySig`) therefore writes one
///   voter slot for both the nonce and the vote record, instead of two fresh slots.
/// - When the voter votes on a proposal of a later chunk, the current bitmap is archived under
///   (voter, chunk) and the slot moves on; votes on proposals of earlier chunks read and write that archive.
///   Chunks only move forward, so every (proposal, voter) pair has exactly one bit, `hasVoted` is exact for every
///   proposal ever created, and a second vote always reverts with GovernorAlreadyCastVote.
///
/// Nonces keep OZ's semantics exactly (start at 0, +1 per signed ballot used, `nonces(voter)` view); only their
/// storage moves into the voter slot.
///
/// @dev Widths. uint72 holds 4.7e21 voting-power units. With square-root voting a tally is a sum of
/// floor(sqrt(stake)) over distinct members, at most sqrt(members * total stake) (Cauchy-Schwarz): ~1e17 for a
/// 1e27-wei supply and 1e7 members, four orders of magnitude below the limit. A weight or a tally that would not fit
/// reverts (SafeCast / checked arithmetic) rather than wrapping. uint40 proposal numbers (1.1e12) and uint48 nonces
/// (2.8e14 signed ballots per voter) cannot be exhausted; both increments are checked anyway.
abstract contract GovernorCountingPacked is Governor {
    /// @notice The vote types of `support`.
    enum VoteType {
        Against,
        For,
        Abstain
    }

    /// @dev One storage slot: 40 + 3 x 72 bits. `number` is 0 only for proposals that do not exist.
    struct ProposalTally {
        uint40 number;
        uint72 againstVotes;
        uint72 forVotes;
        uint72 abstainVotes;
    }

    /// @dev One storage slot: 48 + 48 + 160 bits. Bit `n % 160` of `voted` is set when the voter voted on the
    /// proposal numbered n, for the n with n / 160 == chunk.
    struct VoterRecord {
        uint48 nonce;
        uint48 chunk;
        uint160 voted;
    }

    /// @notice Proposals per chunk of a voter's bitmap.
    uint256 public constant VOTE_CHUNK_SIZE = 160;

    uint40 private _proposalCount;
    mapping(uint256 proposalId => ProposalTally) private _tallies;
    mapping(address voter => VoterRecord) private _voters;
    mapping(address voter => mapping(uint256 chunk => uint256 voted)) private _archivedVotes;

    /// @inheritdoc IGovernor
    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure virtual override returns (string memory) {
        return "support=bravo&quorum=for,abstain";
    }

    /// @inheritdoc IGovernor
    function hasVoted(uint256 proposalId, address account) public view virtual override returns (bool) {
        uint256 number = _tallies[proposalId].number;
        if (number == 0) return false;
        uint256 chunk = number / VOTE_CHUNK_SIZE;
        // bit (number % 160) of the chunk's bitmap
        // forge-lint: disable-next-line(incorrect-shift)
        uint256 mask = 1 << (number % VOTE_CHUNK_SIZE);
        VoterRecord memory record = _voters[account];
        if (chunk == record.chunk) return record.voted & mask != 0;
        if (chunk < record.chunk) return _archivedVotes[account][chunk] & mask != 0;
        return false; // a later chunk than any the voter has voted in
    }

    /// @notice Tallies of `proposalId` in voting-power units.
    /// @return againstVotes Sum of the weights cast against.
    /// @return forVotes Sum of the weights cast for.
    /// @return abstainVotes Sum of the weights cast as abstention.
    function proposalVotes(uint256 proposalId)
        public
        view
        virtual
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        ProposalTally memory tally = _tallies[proposalId];
        return (tally.againstVotes, tally.forVotes, tally.abstainVotes);
    }

    /// @notice Sequence number of `proposalId` (1 for the first proposal created); 0 if it does not exist.
    /// @param proposalId The proposal.
    /// @return The number assigned at creation.
    function proposalNumber(uint256 proposalId) public view virtual returns (uint256) {
        return _tallies[proposalId].number;
    }

    /// @notice Number of proposals created so far.
    /// @return The number of the latest proposal.
    function proposalCount() public view virtual returns (uint256) {
        return _proposalCount;
    }

    /// @inheritdoc Nonces
    function nonces(address owner) public view virtual override returns (uint256) {
        return _voters[owner].nonce;
    }

    /// @dev Returns the current nonce of `owner` and increments it (OZ semantics), in the voter slot.
    function _useNonce(address owner) internal virtual override returns (uint256) {
        VoterRecord storage record = _voters[owner];
        uint48 current = record.nonce;
        record.nonce = current + 1;
        return current;
    }

    /// @dev Numbers the proposal (1, 2, ...) in its tally slot, so that slot is non-zero before the first vote.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        uint40 number = _proposalCount + 1;
        _proposalCount = number;
        _tallies[proposalId].number = number;
    }

    /// @inheritdoc Governor
    /// @dev quorum(snapshot) <= for + abstain.
    function _quorumReached(uint256 proposalId) internal view virtual override returns (bool) {
        ProposalTally memory tally = _tallies[proposalId];
        return quorum(proposalSnapshot(proposalId)) <= uint256(tally.forVotes) + uint256(tally.abstainVotes);
    }

    /// @inheritdoc Governor
    /// @dev Strictly more for than against.
    function _voteSucceeded(uint256 proposalId) internal view virtual override returns (bool) {
        ProposalTally memory tally = _tallies[proposalId];
        return tally.forVotes > tally.againstVotes;
    }

    /// @inheritdoc Governor
    /// @dev Reverts with GovernorAlreadyCastVote on a second vote, GovernorInvalidVoteType when support > 2 and
    /// SafeCastOverflowedUintDowncast when the weight exceeds 72 bits. The whole weight goes to one option
    /// (params are ignored).
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory // params
    ) internal virtual override returns (uint256) {
        ProposalTally memory tally = _tallies[proposalId];
        _recordVote(account, tally.number);

        uint72 weight = SafeCast.toUint72(totalWeight);
        if (support == uint8(VoteType.Against)) {
            tally.againstVotes += weight;
        } else if (support == uint8(VoteType.For)) {
            tally.forVotes += weight;
        } else if (support == uint8(VoteType.Abstain)) {
            tally.abstainVotes += weight;
        } else {
            revert GovernorInvalidVoteType();
        }
        _tallies[proposalId] = tally;

        return totalWeight;
    }

    /// @dev Sets the (proposal `number`, `account`) bit; reverts with GovernorAlreadyCastVote if it was set.
    function _recordVote(address account, uint256 number) private {
        uint256 chunk = number / VOTE_CHUNK_SIZE;
        // bit (number % 160) < 160 of the chunk's bitmap, so the mask fits uint160
        // forge-lint: disable-next-line(incorrect-shift)
        uint160 mask = uint160(1 << (number % VOTE_CHUNK_SIZE));
        VoterRecord memory record = _voters[account];
        if (chunk == record.chunk) {
            if (record.voted & mask != 0) revert GovernorAlreadyCastVote(account);
            record.voted |= mask;
        } else if (chunk > record.chunk) {
            // Chunks only move forward, so nothing was ever archived under the chunk being left: a plain write.
            if (record.voted != 0) _archivedVotes[account][record.chunk] = record.voted;
            // casting to 'uint48' is safe because chunk = number / 160 with number < 2**40
            // forge-lint: disable-next-line(unsafe-typecast)
            record.chunk = uint48(chunk);
            record.voted = mask;
        } else {
            uint256 archived = _archivedVotes[account][chunk];
            if (archived & mask != 0) revert GovernorAlreadyCastVote(account);
            _archivedVotes[account][chunk] = archived | mask;
            return;
        }
        _voters[account] = record;
    }
}
