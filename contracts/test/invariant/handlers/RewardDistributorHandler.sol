// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PaymentEscrow} from "../../../src/PaymentEscrow.sol";
import {Treasury} from "../../../src/Treasury.sol";
import {RewardDistributor} from "../../../src/RewardDistributor.sol";
import {AttestationRegistry} from "../../../src/AttestationRegistry.sol";
import {IPaymentEscrow} from "../../../src/interfaces/IPaymentEscrow.sol";
import {IRewardDistributor} from "../../../src/interfaces/IRewardDistributor.sol";
import {VoucherHelpers} from "../../utils/RewardsTestBase.sol";
import {MerkleTreeBuilder} from "../../utils/MerkleTreeBuilder.sol";
import {Authorizations} from "../../utils/Authorizations.sol";

/// @notice Drives the settlement stack (PaymentEscrow, AttestationRegistry epochs, RewardDistributor, Treasury)
/// through random sequences: deposits, withdrawal requests (which may lapse) and withdrawals, epochs committed with
/// random vouchers (valid, forged, below the amount, above the balance) then seeded and settled with a valid
/// cumulative tree and random emissions (sometimes above the cap), disabled roots, time warps, designated claimers
/// and claims. Ghost variables record what the books must say.
contract RewardDistributorHandler is VoucherHelpers {
    uint256 internal constant N_REQUESTERS = 3;
    uint256 internal constant N_EARNERS = 4;
    uint256 internal constant N_TOKENS = 2; // 0 = OCTO, 1 = OCTO-A
    uint256 internal constant N_LEAVES = N_EARNERS * N_TOKENS;
    /// @dev Holds GUARDIAN_ROLE (granted by the test's setUp).
    address public constant GUARDIAN = address(uint160(uint256(keccak256("rwd.guardian"))));

    IERC20 public immutable octo;
    IERC20 public immutable roleA;
    PaymentEscrow public immutable escrow;
    Treasury public immutable treasury;
    RewardDistributor public immutable distributor;
    AttestationRegistry public immutable registry;
    address internal immutable admin;
    address internal immutable settlement;
    address internal immutable holder;

    address[N_REQUESTERS] public requesters;
    address[N_EARNERS] public earners;

    /// @dev The model: cumulative amount every earner has earned per token (leaf index = earner * 2 + token).
    uint256[N_LEAVES] internal cumulative;
    /// @dev The cumulative amounts each submitted epoch's root commits to.
    mapping(uint64 epoch => uint256[N_LEAVES]) internal epochAmounts;

    /// @dev Registry epochs committed so far (0 .. epochsCommitted - 1), each with a root.
    uint64 public epochsCommitted;
    /// @dev The maxAmount each requester validly signed for an epoch (0 when none or forged).
    mapping(uint64 epoch => mapping(address requester => uint256)) public ghostSigned;

    // ghosts
    uint256[N_LEAVES] public ghostPaid;
    uint256[N_LEAVES] public ghostMaxClaimedCumulative;
    uint256 public ghostUnexpectedClaimResults;
    uint256 public ghostProtocolFees;
    uint256 public ghostBurned;
    uint256 public ghostOctoEmitted;
    uint256[N_TOKENS] public ghostFunded;
    uint256 public ghostOverCapAccepted;
    uint256 public ghostUnexpectedWithdrawResults;

    uint256 public callsSubmit;
    uint256 public callsClaim;
    uint256 public callsDisable;
    uint256 public callsDisableByGuardian;
    uint256 public callsSkipped;
    uint256 public callsOverCapRejected;

    constructor(
        IERC20 octo_,
        IERC20 roleA_,
        PaymentEscrow escrow_,
        Treasury treasury_,
        RewardDistributor distributor_,
        AttestationRegistry registry_,
        address admin_,
        address settlement_,
        address holder_
    ) {
        octo = octo_;
        roleA = roleA_;
        escrow = escrow_;
        treasury = treasury_;
        distributor = distributor_;
        registry = registry_;
        admin = admin_;
        settlement = settlement_;
        holder = holder_;
        for (uint256 i; i < N_REQUESTERS; ++i) {
            requesters[i] = vm.addr(_requesterPk(i));
        }
        for (uint256 i; i < N_EARNERS; ++i) {
            earners[i] = address(uint160(uint256(keccak256(abi.encode("earner", i)))));
        }
    }

    function token(uint256 t) public view returns (address) {
        return t == 0 ? address(octo) : address(roleA);
    }

    function modelCumulative(uint256 e, uint256 t) external view returns (uint256) {
        return cumulative[e * N_TOKENS + t];
    }

    // ------------------------------------------------------------------ requesters

    function deposit(uint256 who, uint256 amount) external {
        address r = requesters[who % N_REQUESTERS];
        amount = bound(amount, 1, 100_000e18);
        vm.prank(holder);
        octo.transfer(r, amount);
        vm.startPrank(r);
        octo.approve(address(escrow), amount);
        escrow.deposit(amount);
        vm.stopPrank();
    }

    function requestWithdrawal(uint256 who, uint256 amount) external {
        address r = requesters[who % N_REQUESTERS];
        uint256 balance = escrow.balanceOf(r);
        if (balance == 0) return;
        amount = bound(amount, 1, balance);
        vm.prank(r);
        escrow.requestWithdrawal(amount);
    }

    /// @dev Withdraws when the request is live (warping to withdrawableAt if needed); a lapsed request must revert.
    function withdraw(uint256 who) external {
        address r = requesters[who % N_REQUESTERS];
        IPaymentEscrow.Account memory acct = escrow.account(r);
        if (acct.pendingWithdrawal == 0) return;
        if (block.timestamp < acct.withdrawableAt) vm.warp(acct.withdrawableAt);
        vm.prank(r);
        try escrow.withdraw() {
            if (block.timestamp >= acct.expiresAt) ++ghostUnexpectedWithdrawResults;
        } catch {
            if (block.timestamp < acct.expiresAt) ++ghostUnexpectedWithdrawResults;
        }
    }

    // ------------------------------------------------------------------ settlement and governance

    /// @dev Commits the next registry epoch with random vouchers, seeds it, and submits a valid cumulative root.
    function submitEpoch(uint256 seed, uint256 feeWad, uint256 burnShare, uint256 roleEmission, uint256 octoEmission)
        external
    {
        IRewardDistributor.RootInfo memory latest = distributor.latestRoot();
        if (latest.root != bytes32(0) && !latest.disabled && block.timestamp < latest.activatesAt) {
            vm.warp(latest.activatesAt);
        }
        feeWad = bound(feeWad, 0, 0.3e18);
        burnShare = bound(burnShare, 0, 1e18);
        roleEmission = bound(roleEmission, 0, distributor.emissionCap(address(roleA)));
        octoEmission = bound(octoEmission, 0, distributor.emissionCap(address(octo)));
        vm.startPrank(admin);
        distributor.setProtocolFee(feeWad);
        treasury.setBurnShare(burnShare);
        vm.stopPrank();

        uint64 epoch = epochsCommitted;
        IPaymentEscrow.Authorization[] memory auths = _randomAuths(seed, epoch);
        uint256 target = registry.closingBlock(epoch) + 1;
        if (vmr.getBlockNumber() < target) vm.roll(target);
        vm.prank(settlement);
        uint256 reserved = distributor.commitEpoch(epoch, keccak256(abi.encode(seed)), 1, bytes32(0), auths);
        ++epochsCommitted;
        vm.roll(vmr.getBlockNumber() + 1);
        registry.recordEpochSeed(epoch);

        uint256 protocolFee = reserved * feeWad / 1e18;
        uint256 octoFunded = reserved - protocolFee + octoEmission;
        _allocate(seed, 0, octoFunded);
        _allocate(seed, 1, roleEmission);
        bytes32[] memory tree = _tree(cumulative);
        epochAmounts[epoch] = cumulative;

        vm.prank(settlement);
        distributor.submitRoot(
            epoch,
            tree[0],
            keccak256(abi.encode("bundle", epoch)),
            _pair(address(octo), address(roleA)),
            _pairAmounts(octoEmission, roleEmission)
        );
        ghostProtocolFees += protocolFee;
        ghostBurned += protocolFee * burnShare / 1e18;
        ghostOctoEmitted += octoEmission;
        ghostFunded[0] += octoFunded;
        ghostFunded[1] += roleEmission;
        ++callsSubmit;
    }

    /// @dev Attack: settlement tries to mint above a token's per-epoch cap for the next committed epoch.
    function submitOverCap(uint256 seed, uint256 excess, bool octoToken) external {
        IRewardDistributor.RootInfo memory latest = distributor.latestRoot();
        if (latest.root != bytes32(0) && !latest.disabled && block.timestamp < latest.activatesAt) return;
        uint64 epoch = epochsCommitted;
        uint256 target = registry.closingBlock(epoch) + 1;
        if (vmr.getBlockNumber() < target) vm.roll(target);
        vm.prank(settlement);
        distributor.commitEpoch(epoch, keccak256(abi.encode(seed)), 1, bytes32(0), Authorizations.none());
        ++epochsCommitted;
        vm.roll(vmr.getBlockNumber() + 1);
        registry.recordEpochSeed(epoch);
        address tok = octoToken ? address(octo) : address(roleA);
        uint256 amount = distributor.emissionCap(tok) + bound(excess, 1, 1e30);
        vm.prank(settlement);
        try distributor.submitRoot(epoch, keccak256("over"), bytes32(0), _one(tok), _one(amount)) {
            ++ghostOverCapAccepted;
            return;
        } catch {
            ++callsOverCapRejected;
        }
        // Settle the epoch honestly (same cumulative amounts, no emission) so its reservation is paid.
        bytes32[] memory tree = _tree(cumulative);
        epochAmounts[epoch] = cumulative;
        vm.prank(settlement);
        distributor.submitRoot(epoch, tree[0], bytes32(0), new address[](0), new uint256[](0));
        ++callsSubmit;
    }

    /// @dev Disables the pending root as governance (the admin) or as the guardian.
    function disablePending(bool byGuardian) external {
        IRewardDistributor.RootInfo memory latest = distributor.latestRoot();
        if (latest.root == bytes32(0) || latest.disabled || block.timestamp >= latest.activatesAt) return;
        vm.prank(byGuardian ? GUARDIAN : admin);
        distributor.disablePendingRoot();
        ++callsDisable;
        if (byGuardian) ++callsDisableByGuardian;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 0, 3 days));
    }

    // ------------------------------------------------------------------ earners

    function setClaimer(uint256 who, uint256 claimer) external {
        address e = earners[who % N_EARNERS];
        address c = claimer % 3 == 0 ? address(0) : earners[claimer % N_EARNERS];
        vm.prank(e);
        distributor.setClaimer(c);
    }

    function claim(uint256 who, uint256 t, bool viaClaimer) external {
        IRewardDistributor.RootInfo memory active = distributor.activeRoot();
        if (active.root == bytes32(0)) return;
        uint256 e = who % N_EARNERS;
        t = t % N_TOKENS;
        uint256 index = e * N_TOKENS + t;
        uint256[N_LEAVES] memory amounts = epochAmounts[active.epoch];
        bytes32[] memory tree = _tree(amounts);
        address earner = earners[e];
        address tok = token(t);
        uint256 amount = amounts[index];
        bytes32[] memory proof = MerkleTreeBuilder.proofOf(tree, MerkleTreeBuilder.leafHash(earner, tok, amount));
        address caller = earner;
        if (viaClaimer && distributor.claimerOf(earner) != address(0)) caller = distributor.claimerOf(earner);

        uint256 before = IERC20(tok).balanceOf(earner);
        vm.prank(caller);
        try distributor.claim(earner, tok, amount, proof) {
            if (amount <= ghostMaxClaimedCumulative[index]) ++ghostUnexpectedClaimResults;
            ghostPaid[index] += IERC20(tok).balanceOf(earner) - before;
            ghostMaxClaimedCumulative[index] = amount;
            ++callsClaim;
        } catch {
            // The only legitimate failure is RewardsNothingToClaim (amount already claimed).
            if (amount > ghostMaxClaimedCumulative[index]) ++ghostUnexpectedClaimResults;
        }
    }

    // ------------------------------------------------------------------ helpers

    function _requesterPk(uint256 i) internal pure returns (uint256) {
        return uint256(keccak256(abi.encode("requester", i)));
    }

    /// @dev Per requester (ascending): amount up to 120% of its balance; voucher ceiling 80%..120% of the amount;
    /// one in eight signed by the wrong key. Records the validly signed ceilings.
    function _randomAuths(uint256 seed, uint64 epoch) internal returns (IPaymentEscrow.Authorization[] memory auths) {
        auths = new IPaymentEscrow.Authorization[](N_REQUESTERS);
        for (uint256 i; i < N_REQUESTERS; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, "fee", i)));
            uint256 amount = escrow.balanceOf(requesters[i]) * (r % 121) / 100;
            uint256 maxAmount = amount * (80 + (r >> 8) % 41) / 100;
            bool forged = (r >> 16) % 8 == 0;
            uint256 pk = forged ? _requesterPk(i + 1) : _requesterPk(i);
            IPaymentEscrow.Authorization memory a = _auth(escrow, pk, epoch, amount, maxAmount);
            a.requester = requesters[i];
            auths[i] = a;
            if (!forged) ghostSigned[epoch][requesters[i]] = maxAmount;
            if (forged || amount > maxAmount || amount > escrow.balanceOf(requesters[i])) ++callsSkipped;
        }
        Authorizations.sorted(auths);
    }

    function _allocate(uint256 seed, uint256 t, uint256 amount) internal {
        if (amount == 0) return;
        uint256[N_EARNERS] memory w;
        uint256 sum;
        for (uint256 e; e < N_EARNERS; ++e) {
            w[e] = uint256(keccak256(abi.encode(seed, "w", t, e))) % 4; // some earners get nothing
            sum += w[e];
        }
        if (sum == 0) return;
        for (uint256 e; e < N_EARNERS; ++e) {
            cumulative[e * N_TOKENS + t] += amount * w[e] / sum;
        }
    }

    function _tree(uint256[N_LEAVES] memory amounts) internal view returns (bytes32[] memory) {
        bytes32[] memory leaves = new bytes32[](N_LEAVES);
        for (uint256 e; e < N_EARNERS; ++e) {
            for (uint256 t; t < N_TOKENS; ++t) {
                leaves[e * N_TOKENS + t] = MerkleTreeBuilder.leafHash(earners[e], token(t), amounts[e * N_TOKENS + t]);
            }
        }
        return MerkleTreeBuilder.build(leaves);
    }

    function _one(address a) internal pure returns (address[] memory arr) {
        arr = new address[](1);
        arr[0] = a;
    }

    function _one(uint256 x) internal pure returns (uint256[] memory arr) {
        arr = new uint256[](1);
        arr[0] = x;
    }

    function _pair(address a, address b) internal pure returns (address[] memory arr) {
        arr = new address[](2);
        arr[0] = a;
        arr[1] = b;
    }

    function _pairAmounts(uint256 a, uint256 b) internal pure returns (uint256[] memory arr) {
        arr = new uint256[](2);
        arr[0] = a;
        arr[1] = b;
    }
}
