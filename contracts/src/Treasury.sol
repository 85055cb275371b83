// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import {IOctoToken} from "./interfaces/IOctoToken.sol";
import {ITreasury} from "./interfaces/ITreasury.sol";

/// @title Treasury
/// @notice Protocol treasury. See {ITreasury}.
///
/// On every protocol fee it burns `floor(amount * burnShareWad / 1e18)` OCTO (rounding down keeps the remainder,
/// at most 1 wei per fee, in the treasury). Everything it holds (the kept fee share, slash shares, any other token)
/// leaves only through `spend`, i.e. a governance proposal executed by the timelock.
///
/// Defaults: `burnShareWad` = 0.5e18. FEE_NOTIFIER_ROLE is granted by the admin to the RewardDistributor after
/// deployment (the distributor is deployed after the treasury, whose address it takes).
contract Treasury is ITreasury, AccessControl {
    using SafeERC20 for IERC20;

    /// @notice Role allowed to change parameters and spend (the timelock in production).
    bytes32 public constant GOVERNANCE_ROLE = keccak256("GOVERNANCE_ROLE");

    /// @notice Role allowed to call `notifyProtocolFee` (the RewardDistributor).
    bytes32 public constant FEE_NOTIFIER_ROLE = keccak256("FEE_NOTIFIER_ROLE");

    /// @notice Default share of each protocol fee that is burned.
    uint256 public constant DEFAULT_BURN_SHARE_WAD = 0.5e18;

    uint256 private constant WAD = 1e18;

    /// @inheritdoc ITreasury
    address public immutable octo;

    /// @inheritdoc ITreasury
    uint256 public burnShareWad;

    /// @inheritdoc ITreasury
    uint256 public totalFeesReceived;

    /// @inheritdoc ITreasury
    uint256 public totalBurned;

    /// @param octo_ the OCTO token.
    /// @param admin receives DEFAULT_ADMIN_ROLE and GOVERNANCE_ROLE (handed to the timelock by the deployer).
    constructor(address octo_, address admin) {
        if (octo_ == address(0) || admin == address(0)) revert TreasuryInvalidParameter();
        octo = octo_;
        burnShareWad = DEFAULT_BURN_SHARE_WAD;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(GOVERNANCE_ROLE, admin);
        emit BurnShareSet(DEFAULT_BURN_SHARE_WAD);
    }

    /// @inheritdoc ITreasury
    /// @dev Trusts the notifier to have transferred `amount` OCTO first; the burn reverts if the treasury's OCTO
    /// balance cannot cover the burn share.
    function notifyProtocolFee(uint256 amount) external onlyRole(FEE_NOTIFIER_ROLE) {
        uint256 burned = amount * burnShareWad / WAD; // rounds down, in favour of the treasury
        totalFeesReceived += amount;
        totalBurned += burned;
        emit ProtocolFeeReceived(msg.sender, amount, burned);
        if (burned != 0) IOctoToken(octo).burn(burned);
    }

    /// @inheritdoc ITreasury
    /// @dev Reverts with TreasuryInvalidParameter for the zero recipient and TreasuryInsufficientBalance when the
    /// treasury holds less than `amount`.
    function spend(address token, address to, uint256 amount) external onlyRole(GOVERNANCE_ROLE) {
        if (to == address(0)) revert TreasuryInvalidParameter();
        uint256 balance = IERC20(token).balanceOf(address(this));
        if (amount > balance) revert TreasuryInsufficientBalance(token, balance, amount);
        emit Spent(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @inheritdoc ITreasury
    /// @dev Only GOVERNANCE_ROLE. Reverts with TreasuryInvalidParameter above 1e18.
    function setBurnShare(uint256 burnShareWad_) external onlyRole(GOVERNANCE_ROLE) {
        if (burnShareWad_ > WAD) revert TreasuryInvalidParameter();
        burnShareWad = burnShareWad_;
        emit BurnShareSet(burnShareWad_);
    }
}
