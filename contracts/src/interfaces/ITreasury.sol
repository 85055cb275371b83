// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

/// @title ITreasury
/// @notice Receives the protocol fee (in OCTO) and the treasury share of slashes. On each protocol fee it burns the
/// governed `burnShareWad` part (buyback-and-burn: fees are already OCTO, so the buyback is the burn itself).
/// Everything else is spent only through governance (`spend`, GOVERNANCE_ROLE = timelock).
interface ITreasury {
    error TreasuryInvalidParameter();
    error TreasuryInsufficientBalance(address token, uint256 balance, uint256 requested);

    event ProtocolFeeReceived(address indexed from, uint256 amount, uint256 burned);
    event Spent(address indexed token, address indexed to, uint256 amount);
    event BurnShareSet(uint256 burnShareWad);

    /// @notice Called by the fee payer right after transferring `amount` OCTO here; burns the burn share.
    /// @dev Only FEE_NOTIFIER_ROLE (the RewardDistributor).
    function notifyProtocolFee(uint256 amount) external;

    /// @notice Sends `amount` of `token` to `to`. Only GOVERNANCE_ROLE.
    function spend(address token, address to, uint256 amount) external;

    function setBurnShare(uint256 burnShareWad) external;
    function burnShareWad() external view returns (uint256);
    function totalFeesReceived() external view returns (uint256);
    function totalBurned() external view returns (uint256);
    function octo() external view returns (address);
}
