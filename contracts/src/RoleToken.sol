// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IRoleToken} from "./interfaces/IRoleToken.sol";
import {Roles} from "./libraries/Roles.sol";

/// @title RoleToken
/// @notice A role token (OCTO-A ... OCTO-N), deployed once per role: ERC20 + burnable with a hard cap of at most
/// type(uint96).max, so stake books can pack amounts in 96 bits. Only MINTER_ROLE (the RewardDistributor) mints.
/// @dev The cap is enforced in `_update` for every mint (constructor included).
contract RoleToken is IRoleToken, ERC20, ERC20Burnable, AccessControl {
    /// @notice Role allowed to mint (granted to the RewardDistributor by the deployment).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    uint256 private immutable _cap;
    uint8 private immutable _role;

    /// @param name_ Token name.
    /// @param symbol_ Token symbol ("OCTO-A" ... "OCTO-N").
    /// @param role_ Role id, < Roles.COUNT.
    /// @param cap_ Hard cap on total supply, 0 < cap_ <= type(uint96).max.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants MINTER_ROLE; handed to the timelock after deployment).
    /// @param initialHolder Receives `initialSupply` (ignored when `initialSupply` is 0).
    /// @param initialSupply Minted at deployment; must not exceed `cap_`.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 role_,
        uint256 cap_,
        address admin,
        address initialHolder,
        uint256 initialSupply
    ) ERC20(name_, symbol_) {
        if (role_ >= Roles.COUNT || cap_ == 0 || cap_ > type(uint96).max || admin == address(0)) {
            revert RoleTokenInvalidConfig();
        }
        _cap = cap_;
        _role = role_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (initialSupply != 0) _mint(initialHolder, initialSupply);
    }

    /// @inheritdoc IRoleToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IRoleToken
    function burn(uint256 value) public override(ERC20Burnable, IRoleToken) {
        super.burn(value);
    }

    /// @inheritdoc IRoleToken
    function role() external view returns (uint8) {
        return _role;
    }

    /// @inheritdoc IRoleToken
    function cap() external view returns (uint256) {
        return _cap;
    }

    /// @dev Enforces the cap on mints.
    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0)) {
            // A sum past 2^256 is reported as type(uint256).max rather than panicking.
            uint256 requested = Math.saturatingAdd(totalSupply(), value);
            if (requested > _cap) revert RoleTokenCapExceeded(requested, _cap);
        }
        super._update(from, to, value);
    }
}
