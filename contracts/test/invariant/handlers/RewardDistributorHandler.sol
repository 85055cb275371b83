// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {PaymentEscrow} from "../../../src/PaymentEscrow.sol";
import {Treasury} from "../../../src/Treasury.sol";
import {RewardDistributor} from "../../../src/RewardDistributor.sol";
import {IPaymentEscrow} from "../../../src/interfaces/IPaymentEscrow.sol";
import {IRewardDistributor} from "../../../src/interfaces/IRewardDistributor.sol";
import {Test} from "../../utils/Test.sol";
import {MerkleTreeBuilder} from "../../utils/MerkleTreeBuilder.sol";

/// @notice Drives the settlement stack (PaymentEscrow, RewardDistributor, Treasury) through random sequences:
/// deposits, withdrawal requests and withdrawals, epochs with random debits / protocol fee / burn share / emissions
/// and a valid cumulative tree, disabling pending roots (by governance or the guardian), time warps, designated
/// claimers and claims by random earners against the active root. Ghost variables record what the books must say.
contract RewardDistributorHandler is Test {
    uint256 internal constant N_REQUESTERS = 3;
    uint256 internal constant N_EARNERS = 4;
    uint256 internal constant N_TOKENS = 2; // 0 = OCTO, 1 = OCTO-A
    uint256 internal constant N_LEAVES = N_EARNERS * N_TOKENS;
    uint256 internal constant MAX_EMISSION = 1_000e18;
    /// @dev Holds GUARDIAN_ROLE (granted by the test's setUp).
    address public constant GUARDIAN = address(uint160(uint256(keccak256("rwd.guardian"))));

    IERC20 public immutable octo;
    IERC20 public immutable roleA;
    PaymentEscrow public immutable escrow;
    Treasury public immutable treasury;
    RewardDistributor public immutable distributor;
    address internal immutable admin;
    address internal immutable settlement;
    address internal immutable holder;

    address[N_REQUESTERS] public requesters;
    address[N_EARNERS] public earners;

    /// @dev The model: cumulative amount every earner has earned per token (leaf index = earner * 2 + token).
    uint256[N_LEAVES] internal cumulative;
    /// @dev The cumulative amounts each submitted epoch's root commits to.
    mapping(uint64 epoch => uint256[N_LEAVES]) internal epochAmounts;

    // ghosts
    uint256[N_LEAVES] public ghostPaid; // sum of token transfers received by the earner from claims
    uint256[N_LEAVES] public ghostMaxClaimedCumulative;
    uint256 public ghostUnexpectedClaimResults;
    uint256 public ghostProtocolFees;
    uint256 public ghostBurned;
    uint256 public ghostOctoEmitted;
    uint256[N_TOKENS] public ghostFunded;

    uint256 public callsSubmit;
    uint256 public callsClaim;
    uint256 public callsDisable;
    uint256 public callsDisableByGuardian;

    constructor(
        IERC20 octo_,
        IERC20 roleA_,
        PaymentEscrow escrow_,
        Treasury treasury_,
        RewardDistributor distributor_,
        address admin_,
        address settlement_,
        address holder_
    ) {
        octo = octo_;
        roleA = roleA_;
        escrow = escrow_;
        treasury = treasury_;
        distributor = distributor_;
        admin = admin_;
        settlement = settlement_;
        holder = holder_;
        for (uint256 i; i < N_REQUESTERS; ++i) {
            requesters[i] = address(uint160(uint256(keccak256(abi.encode("requester", i)))));
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

    function withdraw(uint256 who) external {
        address r = requesters[who % N_REQUESTERS];
        IPaymentEscrow.Account memory acct = escrow.account(r);
        if (acct.pendingWithdrawal == 0) return;
        if (block.timestamp < acct.withdrawableAt) vm.warp(acct.withdrawableAt);
        vm.prank(r);
        escrow.withdraw();
    }

    // ------------------------------------------------------------------ settlement and governance

    function submitEpoch(uint256 seed, uint256 feeWad, uint256 burnShare, uint256 roleEmission, uint256 octoEmission)
        external
    {
        IRewardDistributor.RootInfo memory latest = distributor.latestRoot();
        if (latest.root != bytes32(0) && !latest.disabled && block.timestamp < latest.activatesAt) {
            vm.warp(latest.activatesAt);
        }
        feeWad = bound(feeWad, 0, 0.3e18);
        burnShare = bound(burnShare, 0, 1e18);
        roleEmission = bound(roleEmission, 0, MAX_EMISSION);
        octoEmission = bound(octoEmission, 0, MAX_EMISSION);
        vm.startPrank(admin);
        distributor.setProtocolFee(feeWad);
        treasury.setBurnShare(burnShare);
        vm.stopPrank();

        // Debit a random part of every requester's balance.
        address[] memory rs = new address[](N_REQUESTERS);
        uint256[] memory fees = new uint256[](N_REQUESTERS);
        uint256 debited;
        for (uint256 i; i < N_REQUESTERS; ++i) {
            rs[i] = requesters[i];
            uint256 r = uint256(keccak256(abi.encode(seed, "fee", i)));
            fees[i] = escrow.balanceOf(rs[i]) * (r % 101) / 100;
            debited += fees[i];
        }
        uint256 protocolFee = debited * feeWad / 1e18;
        uint256 octoFunded = debited - protocolFee + octoEmission;

        // Allocate the new funding to earners (floors leave dust unallocated: claims can never exceed funding).
        _allocate(seed, 0, octoFunded);
        _allocate(seed, 1, roleEmission);

        uint64 epoch = distributor.nextEpoch();
        bytes32[] memory tree = _tree(cumulative);
        epochAmounts[epoch] = cumulative;

        vm.prank(settlement);
        distributor.submitRoot(
            epoch, tree[0], rs, fees, _pair(address(octo), address(roleA)), _pairAmounts(octoEmission, roleEmission)
        );
        ghostProtocolFees += protocolFee;
        ghostBurned += protocolFee * burnShare / 1e18;
        ghostOctoEmitted += octoEmission;
        ghostFunded[0] += octoFunded;
        ghostFunded[1] += roleEmission;
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
