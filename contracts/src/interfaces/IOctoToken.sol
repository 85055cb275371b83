// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IOctoToken
/// @notice OCTO, the governance and payment token: ERC20 + ERC-2612 permit + ERC20Votes (timestamp clock)
/// + burnable, with a hard cap on total supply. New OCTO exists only through the reward path: `mint` is
/// restricted to MINTER_ROLE, which the deployment grants to the RewardDistributor alone.
interface IOctoToken is IERC20 {
    /// @notice A mint would push the total supply above the hard cap.
    error OctoTokenCapExceeded(uint256 requestedSupply, uint256 cap);
    /// @notice The cap is 0 or above what ERC20Votes can checkpoint (type(uint208).max), or the admin is zero.
    error OctoTokenInvalidConfig();

    /// @notice Mints `amount` OCTO to `to`. Reverts with OctoTokenCapExceeded past the cap.
    /// @dev Only MINTER_ROLE (the RewardDistributor) may call.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's OCTO.
    function burn(uint256 amount) external;

    /// @notice The hard cap on total supply, in wei.
    function cap() external view returns (uint256);
}
