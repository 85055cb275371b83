// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IOctoToken} from "./interfaces/IOctoToken.sol";
import {IPaymentEscrow} from "./interfaces/IPaymentEscrow.sol";
import {IRewardDistributor} from "./interfaces/IRewardDistributor.sol";
import {ITreasury} from "./interfaces/ITreasury.sol";

/// @title RewardDistributor
/// @notice Cumulative Merkle reward distribution, funded per epoch from the PaymentEscrow (OCTO fees) and by
/// minting emissions. See {IRewardDistributor}.
///
/// Funding and rounding: the protocol fee of an epoch is `floor(debited * protocolFeeWad / 1e18)` (rounding down
/// in favour of the earners); it is sent to the Treasury, followed by `Treasury.notifyProtocolFee`. The rest of the
/// debited OCTO is added to `totalFunded(octo)`. Emissions are minted here and added to `totalFunded(token)`.
/// Claims never pay beyond `totalFunded(token) - totalClaimed(token)`, so the contract always holds exactly what is
/// still claimable from its books (plus anything sent here directly, which no claim can reach).
///
/// Claim cost. `claim` is the hot path (one call per earner, token and claim) and touches two storage slots of this
/// contract, both read once and written once:
///  - `_claimed` slot of (earner, token): the cumulative amount already paid (a fresh earner's 0 -> x write is the
///    unavoidable 22,100 gas);
///  - `_hot[token]`: the token's unclaimed funding (`totalFunded - totalClaimed`, low 128 bits) and a tag of the
///    active root (its high 128 bits, 0 = not cached), so the per-token books and the root check cost one slot.
///    A claim whose proof leads to a root with the cached tag is checked against the tag alone; otherwise it
///    takes the slow path, which compares the full root with the active root (`activeRoot()`, four more slots) and
///    caches the tag when no root is pending. A cached tag therefore always names the active root: the active root
///    changes only when a pending root activates, and `submitRoot` clears every token's tag when it makes a root
///    pending (while a root is pending nothing is cached; once it is active or disabled the active root can change
///    only through another `submitRoot`). The first claim of each token after a new root activates, and every
///    claim while a root is pending, pays the slow path (about 4,500 gas more).
///    Security of the tag: a forged claim needs a leaf and proof hashing to a root whose top 128 bits equal the
///    active root's, a 2^128 preimage search on keccak256; the same security level as the secp256k1 keys that
///    hold the funds.
/// No ReentrancyGuard: `claim` follows checks-effects-interactions (both slots are written before the only external
/// call, the token transfer) and reward tokens are our own OCTO / RoleToken contracts, which have no transfer hooks,
/// so a guard's two extra storage writes would buy nothing. The transfer is a direct `transfer` call that requires
/// the call to succeed and return `true`, which our tokens do; that is SafeERC20's check for tokens that return a
/// value, without its support for tokens that return nothing, which cannot be reward tokens here (a reward token
/// must let this contract mint).
///
/// Defaults: `activationDelay` = 1 hours, `protocolFeeWad` = 0.05e18; OCTO is registered as a reward token with an
/// emission cap of 0 (fees only) at construction. This contract needs MINTER_ROLE on every token with a non-zero
/// emission cap and FEE_NOTIFIER_ROLE on the Treasury, and must be the escrow's debitor.
contract RewardDistributor is IRewardDistributor, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to change parameters and disable pending roots (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @dev Role allowed to disable a pending root and nothing else (a security council or monitoring key,
    /// granted and revoked by the admin with `grantRole(keccak256("GUARDIAN_ROLE"), account)`). A governance
    /// proposal takes longer than `activationDelay`, so without it a bad root could not be stopped in time.
    /// Disabling only delays payment: the funding stays and the next cumulative root includes the amounts.
    /// Kept internal (no getter): a public getter adds a selector to the dispatch and costs every `claim` 22 gas.
    bytes32 internal constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Role allowed to submit roots (the settlement service).
    bytes32 public constant SETTLEMENT_ROLE = keccak256("SETTLEMENT_ROLE");

    /// @dev Defaults and bounds (kept internal: every public getter adds a selector to the dispatch `claim` pays).
    uint256 internal constant DEFAULT_ACTIVATION_DELAY = 1 hours;
    uint256 internal constant DEFAULT_PROTOCOL_FEE_WAD = 0.05e18;
    /// @dev Upper bound governance may set for the activation delay.
    uint256 internal constant MAX_ACTIVATION_DELAY = 30 days;

    uint256 private constant WAD = 1e18;
    uint256 private constant LOW_128 = type(uint128).max;
    /// @dev Second word of the `_claimed` slot preimage is `token | CLAIMED_DOMAIN`: its high bits are set, so it
    /// can never equal a Solidity mapping's base slot (the second word of every compiler-generated mapping slot).
    uint256 private constant CLAIMED_DOMAIN = 0xc1a10000000000000000000000000000000000000000; // 0xc1a1 << 160

    /// @inheritdoc IRewardDistributor
    address public immutable octo;
    /// @inheritdoc IRewardDistributor
    address public immutable escrow;
    /// @inheritdoc IRewardDistributor
    address public immutable treasury;

    /// @inheritdoc IRewardDistributor
    uint256 public activationDelay;
    /// @inheritdoc IRewardDistributor
    uint256 public protocolFeeWad;
    /// @inheritdoc IRewardDistributor
    uint64 public nextEpoch;

    /// @dev The newest submitted root.
    RootInfo private _latest;
    /// @dev The newest non-disabled root submitted before `_latest` (always active; zero root if none).
    RootInfo private _prior;

    /// @dev token => active-root tag (bits 128-255, 0 = not cached) | unclaimed funding (bits 0-127).
    mapping(address token => uint256) private _hot;
    /// @dev token => everything ever funded for claims.
    mapping(address token => uint256) private _totalFunded;
    // earner => token => cumulative amount paid lives at keccak256(earner, token | CLAIMED_DOMAIN) (see _claimedSlot).

    mapping(address earner => address) private _claimerOf;
    mapping(address token => uint256) private _emissionCap;
    mapping(address token => bool) private _isRewardToken;
    /// @dev Every registered token (OCTO first): the tokens whose root tag `submitRoot` clears.
    address[] private _rewardTokens;

    /// @param octo_ the OCTO token (the fee token).
    /// @param escrow_ the PaymentEscrow fees are debited from.
    /// @param treasury_ the Treasury receiving the protocol fee.
    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock by the deployer).
    /// @dev Defaults: activationDelay 1 hours, protocolFeeWad 0.05e18, OCTO registered with emission cap 0.
    constructor(address octo_, address escrow_, address treasury_, address admin) {
        if (octo_ == address(0) || escrow_ == address(0) || treasury_ == address(0) || admin == address(0)) {
            revert RewardsInvalidParameter();
        }
        octo = octo_;
        escrow = escrow_;
        treasury = treasury_;
        activationDelay = DEFAULT_ACTIVATION_DELAY;
        protocolFeeWad = DEFAULT_PROTOCOL_FEE_WAD;
        _isRewardToken[octo_] = true;
        _rewardTokens.push(octo_);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        emit ActivationDelaySet(DEFAULT_ACTIVATION_DELAY);
        emit ProtocolFeeSet(DEFAULT_PROTOCOL_FEE_WAD);
        emit EmissionCapSet(octo_, 0);
    }

    // ------------------------------------------------------------------ settlement

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with RewardsNotSettlement, RewardsEpochOutOfOrder, RewardsZeroRoot, RewardsRootPending,
    /// RewardsLengthMismatch, RewardsUnknownToken (token not registered with `setEmissionCap`),
    /// RewardsInvalidParameter (a token listed twice), RewardsEmissionCapExceeded, and with the escrow's and the
    /// tokens' errors. Zero emissions are skipped. Emits RootSubmitted, EpochFunded for the OCTO fees (always) and
    /// EpochFunded for every non-zero emission (protocolFee 0).
    function submitRoot(
        uint64 epoch,
        bytes32 root,
        address[] calldata requesters,
        uint256[] calldata fees,
        address[] calldata tokens,
        uint256[] calldata emissions
    ) external returns (uint256 octoFunded) {
        if (!hasRole(SETTLEMENT_ROLE, msg.sender)) revert RewardsNotSettlement(msg.sender);
        uint64 expected = nextEpoch;
        if (epoch != expected) revert RewardsEpochOutOfOrder(expected, epoch);
        if (root == bytes32(0)) revert RewardsZeroRoot();
        RootInfo memory latest = _latest;
        if (latest.root != bytes32(0) && !latest.disabled && block.timestamp < latest.activatesAt) {
            revert RewardsRootPending(latest.epoch, latest.activatesAt);
        }
        if (requesters.length != fees.length || tokens.length != emissions.length) revert RewardsLengthMismatch();

        // Roots: the previous latest root, unless disabled, is active now and becomes the prior root.
        if (latest.root != bytes32(0) && !latest.disabled) _prior = latest;
        uint256 activatesAt = block.timestamp + activationDelay;
        // activatesAt < 2^48 for any realistic timestamp (activationDelay <= 30 days).
        _latest = RootInfo({root: root, epoch: epoch, activatesAt: uint48(activatesAt), disabled: false});
        // epoch == nextEpoch; checked arithmetic only reverts after 2^64 epochs.
        nextEpoch = epoch + 1;
        _clearRootTags();
        emit RootSubmitted(epoch, root, activatesAt);

        // Fees: the escrow debits the requesters and sends the total here.
        uint256 debited = IPaymentEscrow(escrow).debit(epoch, requesters, fees);
        uint256 protocolFee = debited * protocolFeeWad / WAD; // rounds down, in favour of earners
        octoFunded = debited - protocolFee;
        _addFunding(octo, octoFunded);
        emit EpochFunded(epoch, octo, octoFunded, protocolFee);
        if (protocolFee != 0) {
            IERC20(octo).safeTransfer(treasury, protocolFee);
            ITreasury(treasury).notifyProtocolFee(protocolFee);
        }

        // Emissions, each within its token's per-epoch cap.
        uint256 n = tokens.length;
        for (uint256 i; i < n; ++i) {
            address token = tokens[i];
            if (!_isRewardToken[token]) revert RewardsUnknownToken(token);
            for (uint256 j; j < i; ++j) {
                if (tokens[j] == token) revert RewardsInvalidParameter();
            }
            uint256 amount = emissions[i];
            if (amount == 0) continue;
            uint256 cap = _emissionCap[token];
            if (amount > cap) revert RewardsEmissionCapExceeded(token, amount, cap);
            _addFunding(token, amount);
            emit EpochFunded(epoch, token, amount, 0);
            IOctoToken(token).mint(address(this), amount);
        }
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Only GOVERNANCE_ROLE or GUARDIAN_ROLE, else RewardsNotGuardian. Reverts with RewardsNoPendingRoot when
    /// there is no root or the latest one is already disabled, and with RewardsRootAlreadyActive once the latest
    /// root has activated. Claims continue against the prior root.
    function disablePendingRoot() external {
        if (!hasRole(GOVERNANCE_ROLE, msg.sender) && !hasRole(GUARDIAN_ROLE, msg.sender)) {
            revert RewardsNotGuardian(msg.sender);
        }
        RootInfo memory latest = _latest;
        if (latest.root == bytes32(0) || latest.disabled) revert RewardsNoPendingRoot();
        if (block.timestamp >= latest.activatesAt) revert RewardsRootAlreadyActive(latest.epoch);
        _latest.disabled = true;
        // No tag to clear: none is cached while a root is pending.
        emit RootDisabled(latest.epoch, latest.root);
    }

    // ------------------------------------------------------------------ earners

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with RewardsUnauthorizedClaimer, RewardsNoActiveRoot (no root has activated yet),
    /// RewardsInvalidProof (the proof does not lead to the active root), RewardsNothingToClaim, and
    /// RewardsInsufficientFunding (`funded` = the token's unclaimed funding, `totalFunded - totalClaimed`).
    function claim(address earner, address token, uint256 cumulativeAmount, bytes32[] calldata proof) external {
        if (msg.sender != earner) {
            if (msg.sender != _claimerOf[earner]) revert RewardsUnauthorizedClaimer(msg.sender, earner);
        }

        bytes32 node;
        uint256 hotSlot;
        uint256 hot;
        uint256 claimedSlot;
        uint256 already;
        assembly ("memory-safe") {
            // Leaf = keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount)))), hashed in the
            // scratch space and the free memory pointer word, which is restored.
            let fmp := mload(0x40)
            mstore(0x00, earner)
            mstore(0x20, token)
            mstore(0x40, cumulativeAmount)
            mstore(0x00, keccak256(0x00, 0x60))
            node := keccak256(0x00, 0x20)
            mstore(0x40, fmp)

            // Sorted-pair proof (OpenZeppelin MerkleProof.processProofCalldata), four levels per loop turn.
            // At each level the smaller of (node, sibling) goes first: node is stored at 0x20 iff node > sibling.
            let o := proof.offset
            let end := add(o, shl(5, proof.length))
            for {} lt(add(o, 0x60), end) { o := add(o, 0x80) } {
                let s := calldataload(o)
                let at := shl(5, gt(node, s))
                mstore(at, node)
                mstore(xor(at, 0x20), s)
                node := keccak256(0x00, 0x40)
                s := calldataload(add(o, 0x20))
                at := shl(5, gt(node, s))
                mstore(at, node)
                mstore(xor(at, 0x20), s)
                node := keccak256(0x00, 0x40)
                s := calldataload(add(o, 0x40))
                at := shl(5, gt(node, s))
                mstore(at, node)
                mstore(xor(at, 0x20), s)
                node := keccak256(0x00, 0x40)
                s := calldataload(add(o, 0x60))
                at := shl(5, gt(node, s))
                mstore(at, node)
                mstore(xor(at, 0x20), s)
                node := keccak256(0x00, 0x40)
            }
            for {} lt(o, end) { o := add(o, 0x20) } {
                let s := calldataload(o)
                let at := shl(5, gt(node, s))
                mstore(at, node)
                mstore(xor(at, 0x20), s)
                node := keccak256(0x00, 0x40)
            }

            // _hot[token] and the (earner, token) claimed slot.
            mstore(0x00, token)
            mstore(0x20, _hot.slot)
            hotSlot := keccak256(0x00, 0x40)
            hot := sload(hotSlot)
            mstore(0x00, earner)
            mstore(0x20, or(token, CLAIMED_DOMAIN))
            claimedSlot := keccak256(0x00, 0x40)
            already := sload(claimedSlot)
        }

        uint256 tag = hot >> 128;
        if (tag == 0 || tag != uint256(node) >> 128) tag = _checkActiveRoot(node);

        if (cumulativeAmount <= already) revert RewardsNothingToClaim(cumulativeAmount, already);
        uint256 amount;
        uint256 remaining = hot & LOW_128;
        // cumulativeAmount > already.
        unchecked {
            amount = cumulativeAmount - already;
        }
        if (amount > remaining) revert RewardsInsufficientFunding(token, remaining, amount);

        assembly ("memory-safe") {
            sstore(claimedSlot, cumulativeAmount)
            // amount <= remaining: no underflow, and the result stays in the low 128 bits.
            sstore(hotSlot, or(shl(128, tag), sub(remaining, amount)))
        }
        emit Claimed(earner, token, amount, cumulativeAmount, msg.sender);

        // token.transfer(earner, amount), requiring success and a `true` return (see the contract notes).
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
            mstore(add(m, 0x04), earner)
            mstore(add(m, 0x24), amount)
            let ok := call(gas(), token, 0, m, 0x44, 0x00, 0x20)
            if iszero(and(ok, and(gt(returndatasize(), 0x1f), eq(mload(0x00), 1)))) {
                if iszero(ok) {
                    returndatacopy(m, 0, returndatasize())
                    revert(m, returndatasize())
                }
                mstore(0x00, 0x5274afe7) // SafeERC20FailedOperation(address)
                mstore(0x20, token)
                revert(0x1c, 0x24)
            }
        }
    }

    /// @inheritdoc IRewardDistributor
    function setClaimer(address claimer) external {
        _claimerOf[msg.sender] = claimer;
        emit ClaimerSet(msg.sender, claimer);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IRewardDistributor
    /// @dev A zero struct when no root has activated yet.
    function activeRoot() public view returns (RootInfo memory info) {
        info = _latest;
        if (info.root == bytes32(0) || info.disabled || block.timestamp < info.activatesAt) info = _prior;
    }

    /// @inheritdoc IRewardDistributor
    /// @dev A zero struct before the first submission.
    function latestRoot() external view returns (RootInfo memory) {
        return _latest;
    }

    /// @inheritdoc IRewardDistributor
    function claimed(address earner, address token) external view returns (uint256 amount) {
        uint256 slot = _claimedSlot(earner, token);
        assembly ("memory-safe") {
            amount := sload(slot)
        }
    }

    /// @inheritdoc IRewardDistributor
    function claimerOf(address earner) external view returns (address) {
        return _claimerOf[earner];
    }

    /// @inheritdoc IRewardDistributor
    function totalFunded(address token) external view returns (uint256) {
        return _totalFunded[token];
    }

    /// @inheritdoc IRewardDistributor
    function totalClaimed(address token) external view returns (uint256) {
        // The unclaimed part is always <= totalFunded (funding adds to both, claims subtract from it only).
        return _totalFunded[token] - (_hot[token] & LOW_128);
    }

    /// @inheritdoc IRewardDistributor
    function leaf(address earner, address token, uint256 cumulativeAmount) external pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(earner, token, cumulativeAmount))));
    }

    /// @inheritdoc IRewardDistributor
    function emissionCap(address token) external view returns (uint256) {
        return _emissionCap[token];
    }

    /// @inheritdoc IRewardDistributor
    function isRewardToken(address token) external view returns (bool) {
        return _isRewardToken[token];
    }

    // ------------------------------------------------------------------ parameters

    /// @inheritdoc IRewardDistributor
    /// @dev Only GOVERNANCE_ROLE. Reverts with RewardsInvalidParameter above 30 days. Applies to roots submitted
    /// afterwards.
    function setActivationDelay(uint256 delay) external onlyRole(GOVERNANCE_ROLE) {
        if (delay > MAX_ACTIVATION_DELAY) revert RewardsInvalidParameter();
        activationDelay = delay;
        emit ActivationDelaySet(delay);
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Only GOVERNANCE_ROLE. Reverts with RewardsInvalidParameter for the zero address. Registration is
    /// permanent; a cap of 0 stops minting.
    function setEmissionCap(address token, uint256 capPerEpoch) external onlyRole(GOVERNANCE_ROLE) {
        if (token == address(0)) revert RewardsInvalidParameter();
        if (!_isRewardToken[token]) {
            _isRewardToken[token] = true;
            _rewardTokens.push(token);
        }
        _emissionCap[token] = capPerEpoch;
        emit EmissionCapSet(token, capPerEpoch);
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Only GOVERNANCE_ROLE. Reverts with RewardsInvalidParameter above 1e18.
    function setProtocolFee(uint256 feeWad) external onlyRole(GOVERNANCE_ROLE) {
        if (feeWad > WAD) revert RewardsInvalidParameter();
        protocolFeeWad = feeWad;
        emit ProtocolFeeSet(feeWad);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Adds `amount` to the token's funding; the unclaimed part must stay below 2^128 (SafeCast reverts).
    function _addFunding(address token, uint256 amount) private {
        if (amount == 0) return;
        _totalFunded[token] += amount;
        uint256 hot = _hot[token];
        uint256 remaining = SafeCast.toUint128((hot & LOW_128) + amount);
        _hot[token] = (hot & ~LOW_128) | remaining;
    }

    /// @dev Forgets every token's cached root tag (a new root is pending).
    function _clearRootTags() private {
        uint256 n = _rewardTokens.length;
        for (uint256 i; i < n; ++i) {
            address token = _rewardTokens[i];
            uint256 hot = _hot[token];
            if (hot > LOW_128) _hot[token] = hot & LOW_128;
        }
    }

    /// @dev Slow path of the root check: `node` must be the active root. Returns the tag to cache: the root's top
    /// 128 bits when no root is pending, else 0 (nothing cached; see the contract notes).
    function _checkActiveRoot(bytes32 node) private view returns (uint256 tag) {
        RootInfo memory latest = _latest;
        bool latestActive = latest.root != bytes32(0) && !latest.disabled && block.timestamp >= latest.activatesAt;
        bytes32 active = latestActive ? latest.root : _prior.root;
        if (active == bytes32(0)) revert RewardsNoActiveRoot();
        if (node != active) revert RewardsInvalidProof();
        if (latestActive || latest.disabled) tag = uint256(node) >> 128;
    }

    /// @dev Storage slot of the cumulative amount paid to `earner` in `token`.
    function _claimedSlot(address earner, address token) private pure returns (uint256 slot) {
        assembly ("memory-safe") {
            mstore(0x00, earner)
            mstore(0x20, or(token, CLAIMED_DOMAIN))
            slot := keccak256(0x00, 0x40)
        }
    }
}
