// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

// Conventions, constructor signatures and default parameters: contracts/CONTRIBUTING.md (read it first).

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IRoleToken
/// @notice A role token (OCTO-A compute, -S storage, -B bandwidth, -O orchestration, -W wholesale, -D developers,
/// -M marketing, -N node operators). One contract, deployed once per role. Minted only as Proof-of-Useful-Work
/// rewards (MINTER_ROLE = RewardDistributor); burnable by holders. Supply never exceeds `cap()`, which is at most
/// type(uint96).max so stake books can pack amounts.
interface IRoleToken is IERC20 {
    /// @notice A mint would push the total supply above the cap.
    error RoleTokenCapExceeded(uint256 requestedSupply, uint256 cap);
    /// @notice The role id is not one of Roles.COUNT roles, or the cap does not fit in 96 bits.
    error RoleTokenInvalidConfig();

    /// @notice Mints `amount` to `to`. Only MINTER_ROLE (the RewardDistributor).
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's tokens.
    function burn(uint256 amount) external;

    /// @notice The role id (see Roles) this token belongs to.
    function role() external view returns (uint8);

    /// @notice The hard cap on total supply.
    function cap() external view returns (uint256);
}
