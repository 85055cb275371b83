// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IAttestationRegistry} from "./interfaces/IAttestationRegistry.sol";
import {IOctoToken} from "./interfaces/IOctoToken.sol";
import {IPaymentEscrow} from "./interfaces/IPaymentEscrow.sol";
import {IRewardDistributor} from "./interfaces/IRewardDistributor.sol";
import {ITreasury} from "./interfaces/ITreasury.sol";

/// @title RewardDistributor
/// @notice Cumulative Merkle reward distribution (protocol v2), funded per registry epoch from the PaymentEscrow
/// (OCTO fees reserved against the requesters' vouchers) and by minting emissions. See {IRewardDistributor}.
///
/// Anchoring: `commitEpoch` commits the epoch's receipts in the AttestationRegistry and reserves its fees in the
/// escrow in one transaction; `submitRoot` accepts a root only for an epoch the registry has seeded (so committed,
/// and sampled by randomness drawn after the commitment) and strictly after the last root's epoch, and settles
/// that epoch's reservation. The escrow settles an epoch at most once, whoever the debitor is, so the fees and the
/// emissions of a registry epoch are paid at most once even across a distributor migration. Settlement must submit
/// a root for every committed epoch (a cumulative root may carry no new amounts): the reservation of an epoch that
/// is skipped stays in the escrow.
///
/// Funding and rounding: the protocol fee of an epoch is `floor(settled * protocolFeeWad / 1e18)` (rounding down
/// in favour of the earners); it is sent to the Treasury, followed by `Treasury.notifyProtocolFee`. The rest of the
/// settled OCTO is added to `totalFunded(octo)`. Emissions are minted here and added to `totalFunded(token)`; per
/// epoch and token they never exceed the emission cap nor the token's remaining supply (`cap() - totalSupply()`,
/// for tokens exposing `cap()`). Claims never pay beyond `totalFunded(token) - totalClaimed(token)`, so the
/// contract always holds at least what is still claimable from its books.
///
/// Claims: OpenZeppelin `MerkleProof.verifyCalldata` against the full 256-bit active root, SafeERC20 transfer,
/// `nonReentrant` (OpenZeppelin ReentrancyGuardTransient: EIP-1153, the guard costs no storage writes) and
/// `whenNotPaused` (OpenZeppelin Pausable: a guardian or governance pauses, only governance unpauses).
///
/// Defaults: `activationDelay` = 1 hours, `protocolFeeWad` = 0.05e18; OCTO is registered as a reward token with an
/// emission cap of 0 (fees only) at construction. This contract needs MINTER_ROLE on every token with a non-zero
/// emission cap, FEE_NOTIFIER_ROLE on the Treasury, must be the escrow's debitor and the registry's committer.
/// Receipts' EIP-712 domain: job receipts are signed by provider and requester under ("CipherOcto Settlement", "1",
/// chainId, this contract), the contract whose roots pay for them. It does not verify receipts itself; it exposes the
/// domain through ERC-5267 `eip712Domain()` (OpenZeppelin EIP712) so that wallets and libraries read it from the chain
/// instead of from the docs.
contract RewardDistributor is IRewardDistributor, AccessControl, Pausable, ReentrancyGuardTransient, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to change parameters, disable pending roots and unpause claims (the timelock).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Role allowed to disable a pending root and to pause claims, nothing else (a security council or
    /// monitoring key, granted and revoked by the admin). A governance proposal takes longer than
    /// `activationDelay`, so without it a bad root could not be stopped in time. Disabling only delays payment: the
    /// funding stays and the next cumulative root includes the amounts.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    /// @notice Role allowed to commit epochs and submit roots (the settlement service).
    bytes32 public constant SETTLEMENT_ROLE = keccak256("SETTLEMENT_ROLE");

    /// @notice Default delay between a root's submission and its activation.
    uint256 public constant DEFAULT_ACTIVATION_DELAY = 1 hours;
    /// @notice Default protocol fee share of the settled fees (WAD).
    uint256 public constant DEFAULT_PROTOCOL_FEE_WAD = 0.05e18;
    /// @notice Upper bound governance may set for the activation delay.
    uint256 public constant MAX_ACTIVATION_DELAY = 30 days;

    uint256 private constant WAD = 1e18;

    /// @inheritdoc IRewardDistributor
    address public immutable octo;
    /// @inheritdoc IRewardDistributor
    address public immutable escrow;
    /// @inheritdoc IRewardDistributor
    address public immutable treasury;
    /// @inheritdoc IRewardDistributor
    address public immutable registry;

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

    /// @dev Per-token books in one slot: everything ever funded for claims, and everything claimed.
    struct TokenBooks {
        uint128 funded;
        uint128 claimed;
    }

    mapping(address token => TokenBooks) private _books;
    mapping(address earner => mapping(address token => uint256)) private _claimed;
    mapping(address earner => address) private _claimerOf;
    mapping(address token => uint256) private _emissionCap;
    mapping(address token => bool) private _isRewardToken;
    mapping(uint64 epoch => mapping(address token => uint256)) private _epochEmission;
    mapping(uint64 epoch => bytes32) private _bundleHash;

    /// @param octo_ the OCTO token (the fee token).
    /// @param escrow_ the PaymentEscrow fees are reserved in and settled from.
    /// @param treasury_ the Treasury receiving the protocol fee.
    /// @param registry_ the AttestationRegistry whose epochs are committed and seeded.
    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock by the deployer).
    /// @dev Reverts with RewardsInvalidParameter for any zero address. Defaults: activationDelay 1 hours,
    /// protocolFeeWad 0.05e18, OCTO registered with emission cap 0.
    constructor(address octo_, address escrow_, address treasury_, address registry_, address admin)
        EIP712("CipherOcto Settlement", "1")
    {
        if (
            octo_ == address(0) || escrow_ == address(0) || treasury_ == address(0) || registry_ == address(0)
                || admin == address(0)
        ) {
            revert RewardsInvalidParameter();
        }
        octo = octo_;
        escrow = escrow_;
        treasury = treasury_;
        registry = registry_;
        activationDelay = DEFAULT_ACTIVATION_DELAY;
        protocolFeeWad = DEFAULT_PROTOCOL_FEE_WAD;
        _isRewardToken[octo_] = true;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        emit ActivationDelaySet(DEFAULT_ACTIVATION_DELAY);
        emit ProtocolFeeSet(DEFAULT_PROTOCOL_FEE_WAD);
        emit EmissionCapSet(octo_, 0);
    }

    // ------------------------------------------------------------------ settlement

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with RewardsNotSettlement, then with the registry's errors (AttestationNotCommitter when this
    /// contract is not the registry's committer, AttestationEpochNotClosed, AttestationEpochAlreadyCommitted) and
    /// the escrow's (EscrowUnauthorizedDebitor, EscrowEpochAlreadyReserved, EscrowRequestersNotSorted). Emits
    /// EpochCommitted with the reserved total.
    function commitEpoch(
        uint64 epoch,
        bytes32 receiptsRoot,
        uint32 receiptCount,
        bytes32 dataHash,
        IPaymentEscrow.Authorization[] calldata auths
    ) external returns (uint256 reserved) {
        if (!hasRole(SETTLEMENT_ROLE, msg.sender)) revert RewardsNotSettlement(msg.sender);
        IAttestationRegistry(registry).commitEpoch(epoch, receiptsRoot, receiptCount, dataHash);
        reserved = IPaymentEscrow(escrow).reserve(epoch, auths);
        emit EpochCommitted(epoch, receiptsRoot, receiptCount, dataHash, reserved);
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts, in this order, with RewardsNotSettlement, RewardsEpochOutOfOrder (epoch < nextEpoch),
    /// RewardsEpochNotSeeded (the registry has no seed for the epoch), RewardsZeroRoot, RewardsRootPending,
    /// RewardsLengthMismatch, then the escrow's errors (EscrowEpochNotReserved, EscrowEpochAlreadySettled), and
    /// per emission RewardsUnknownToken (token not registered with `setEmissionCap`), RewardsInvalidParameter (a
    /// token listed twice), RewardsEmissionCapExceeded (amount above min(cap, remaining supply); the error carries
    /// that limit) and the token's errors. Zero emissions are skipped. Emits RootSubmitted, EpochFunded for the
    /// OCTO fees (always) and EpochFunded for every non-zero emission (protocolFee 0).
    function submitRoot(
        uint64 epoch,
        bytes32 root,
        bytes32 bundleHash_,
        address[] calldata tokens,
        uint256[] calldata emissions
    ) external nonReentrant returns (uint256 octoFunded) {
        if (!hasRole(SETTLEMENT_ROLE, msg.sender)) revert RewardsNotSettlement(msg.sender);
        uint64 expected = nextEpoch;
        if (epoch < expected) revert RewardsEpochOutOfOrder(expected, epoch);
        if (IAttestationRegistry(registry).epochSeed(epoch) == bytes32(0)) revert RewardsEpochNotSeeded(epoch);
        if (root == bytes32(0)) revert RewardsZeroRoot();
        RootInfo memory latest = _latest;
        if (latest.root != bytes32(0) && !latest.disabled && block.timestamp < latest.activatesAt) {
            revert RewardsRootPending(latest.epoch, latest.activatesAt);
        }
        if (tokens.length != emissions.length) revert RewardsLengthMismatch();

        // Roots: the previous latest root, unless disabled, is active now and becomes the prior root.
        if (latest.root != bytes32(0) && !latest.disabled) _prior = latest;
        uint256 activatesAt = block.timestamp + activationDelay;
        // activatesAt < 2^48 for any realistic timestamp (activationDelay <= 30 days).
        _latest = RootInfo({root: root, epoch: epoch, activatesAt: uint48(activatesAt), disabled: false});
        // Checked: reverts only for epoch == type(uint64).max, which no registry reaches.
        nextEpoch = epoch + 1;
        _bundleHash[epoch] = bundleHash_;
        emit RootSubmitted(epoch, root, activatesAt, bundleHash_);

        // Fees: the escrow sends the epoch's reservation here, once per epoch whoever the debitor is.
        uint256 settled = IPaymentEscrow(escrow).settle(epoch);
        uint256 protocolFee = settled * protocolFeeWad / WAD; // rounds down, in favour of earners
        octoFunded = settled - protocolFee;
        _addFunding(octo, octoFunded);
        emit EpochFunded(epoch, octo, octoFunded, protocolFee);
        if (protocolFee != 0) {
            IERC20(octo).safeTransfer(treasury, protocolFee);
            ITreasury(treasury).notifyProtocolFee(protocolFee);
        }

        // Emissions, each within its token's per-epoch cap and remaining supply.
        uint256 n = tokens.length;
        for (uint256 i; i < n; ++i) {
            address token = tokens[i];
            if (!_isRewardToken[token]) revert RewardsUnknownToken(token);
            for (uint256 j; j < i; ++j) {
                if (tokens[j] == token) revert RewardsInvalidParameter();
            }
            uint256 amount = emissions[i];
            if (amount == 0) continue;
            uint256 limit = _emissionCap[token];
            uint256 remainingSupply = _remainingSupply(token);
            if (remainingSupply < limit) limit = remainingSupply;
            if (amount > limit) revert RewardsEmissionCapExceeded(token, amount, limit);
            _epochEmission[epoch][token] = amount;
            _addFunding(token, amount);
            emit EpochFunded(epoch, token, amount, 0);
            IOctoToken(token).mint(address(this), amount);
        }
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with RewardsNoPendingRoot when there is no root or the latest one is already disabled, and with
    /// RewardsRootAlreadyActive once the latest root has activated. Claims continue against the prior root.
    function disablePendingRoot() external {
        _requireGuardian();
        RootInfo memory latest = _latest;
        if (latest.root == bytes32(0) || latest.disabled) revert RewardsNoPendingRoot();
        if (block.timestamp >= latest.activatesAt) revert RewardsRootAlreadyActive(latest.epoch);
        _latest.disabled = true;
        emit RootDisabled(latest.epoch, latest.root);
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with RewardsNotGuardian and, when already paused, with EnforcedPause. Emits Paused.
    function pauseClaims() external {
        _requireGuardian();
        _pause();
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with AccessControlUnauthorizedAccount and, when not paused, with ExpectedPause. Emits Unpaused.
    function unpauseClaims() external onlyRole(GOVERNANCE_ROLE) {
        _unpause();
    }

    // ------------------------------------------------------------------ earners

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with EnforcedPause (claims paused), RewardsUnauthorizedClaimer, RewardsNoActiveRoot (no root
    /// has activated yet), RewardsInvalidProof (the proof does not lead to the full active root),
    /// RewardsNothingToClaim, RewardsInsufficientFunding (`funded` = totalFunded - totalClaimed of the token) and
    /// SafeERC20FailedOperation / the token's own error when the transfer fails.
    function claim(address earner, address token, uint256 cumulativeAmount, bytes32[] calldata proof)
        external
        nonReentrant
        whenNotPaused
    {
        _checkClaimer(earner);
        _claim(earner, token, cumulativeAmount, proof, _activeRootHash());
    }

    /// @inheritdoc IRewardDistributor
    /// @dev Reverts with EnforcedPause, RewardsLengthMismatch, RewardsUnauthorizedClaimer, RewardsNoActiveRoot and,
    /// for any entry, with `claim`'s errors (the whole call reverts: nothing is paid).
    function claimMany(
        address earner,
        address[] calldata tokens,
        uint256[] calldata cumulativeAmounts,
        bytes32[][] calldata proofs
    ) external nonReentrant whenNotPaused {
        uint256 n = tokens.length;
        if (n != cumulativeAmounts.length || n != proofs.length) revert RewardsLengthMismatch();
        _checkClaimer(earner);
        bytes32 root = _activeRootHash();
        for (uint256 i; i < n; ++i) {
            _claim(earner, tokens[i], cumulativeAmounts[i], proofs[i], root);
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
    function epochEmission(uint64 epoch, address token) external view returns (uint256) {
        return _epochEmission[epoch][token];
    }

    /// @inheritdoc IRewardDistributor
    function bundleHash(uint64 epoch) external view returns (bytes32) {
        return _bundleHash[epoch];
    }

    /// @inheritdoc IRewardDistributor
    function claimsPaused() external view returns (bool) {
        return paused();
    }

    /// @inheritdoc IRewardDistributor
    function claimed(address earner, address token) external view returns (uint256) {
        return _claimed[earner][token];
    }

    /// @inheritdoc IRewardDistributor
    function claimerOf(address earner) external view returns (address) {
        return _claimerOf[earner];
    }

    /// @inheritdoc IRewardDistributor
    function totalFunded(address token) external view returns (uint256) {
        return _books[token].funded;
    }

    /// @inheritdoc IRewardDistributor
    function totalClaimed(address token) external view returns (uint256) {
        return _books[token].claimed;
    }

    /// @inheritdoc IRewardDistributor
    function leaf(address earner, address token, uint256 cumulativeAmount) public pure returns (bytes32) {
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
        _isRewardToken[token] = true;
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

    function _requireGuardian() private view {
        if (!hasRole(GOVERNANCE_ROLE, msg.sender) && !hasRole(GUARDIAN_ROLE, msg.sender)) {
            revert RewardsNotGuardian(msg.sender);
        }
    }

    function _checkClaimer(address earner) private view {
        if (msg.sender != earner && msg.sender != _claimerOf[earner]) {
            revert RewardsUnauthorizedClaimer(msg.sender, earner);
        }
    }

    /// @dev The full active root; reverts with RewardsNoActiveRoot when none has activated.
    function _activeRootHash() private view returns (bytes32 root) {
        root = activeRoot().root;
        if (root == bytes32(0)) revert RewardsNoActiveRoot();
    }

    /// @dev One claim against `root` (checks, then effects, then the transfer).
    function _claim(address earner, address token, uint256 cumulativeAmount, bytes32[] calldata proof, bytes32 root)
        private
    {
        if (!MerkleProof.verifyCalldata(proof, root, leaf(earner, token, cumulativeAmount))) {
            revert RewardsInvalidProof();
        }
        uint256 already = _claimed[earner][token];
        if (cumulativeAmount <= already) revert RewardsNothingToClaim(cumulativeAmount, already);
        TokenBooks memory books = _books[token];
        uint256 amount;
        uint256 unclaimed;
        // cumulativeAmount > already; claimed <= funded always (every claim is checked against the difference).
        unchecked {
            amount = cumulativeAmount - already;
            unclaimed = uint256(books.funded) - books.claimed;
        }
        if (amount > unclaimed) revert RewardsInsufficientFunding(token, unclaimed, amount);
        _claimed[earner][token] = cumulativeAmount;
        // amount <= funded - claimed, so claimed + amount <= funded < 2^128.
        unchecked {
            _books[token].claimed = books.claimed + uint128(amount);
        }
        emit Claimed(earner, token, amount, cumulativeAmount, msg.sender);
        IERC20(token).safeTransfer(earner, amount);
    }

    /// @dev Adds `amount` to the token's funding (SafeCast reverts beyond 2^128 - 1).
    function _addFunding(address token, uint256 amount) private {
        if (amount == 0) return;
        _books[token].funded = SafeCast.toUint128(_books[token].funded + amount);
    }

    /// @dev `cap() - totalSupply()` for tokens exposing `cap()` (0 when the supply is at or above the cap), else
    /// unlimited (the emission cap alone bounds the mint).
    function _remainingSupply(address token) private view returns (uint256) {
        (bool ok, bytes memory ret) = token.staticcall(abi.encodeCall(IOctoToken.cap, ()));
        if (!ok || ret.length < 32) return type(uint256).max;
        uint256 tokenCap = abi.decode(ret, (uint256));
        uint256 supply = IERC20(token).totalSupply();
        return tokenCap > supply ? tokenCap - supply : 0;
    }
}
