// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IOctoToken} from "./interfaces/IOctoToken.sol";

/// @title OctoToken
/// @notice OCTO: ERC20 + ERC-2612 permit + ERC20Votes on a timestamp clock (ERC-6372 "mode=timestamp") + burnable,
/// with a hard cap on total supply. Only MINTER_ROLE (the RewardDistributor) mints; the admin manages roles.
/// @dev The cap is enforced in `_update` for every mint (constructor included), so no path can exceed it.
contract OctoToken is IOctoToken, ERC20, ERC20Permit, ERC20Votes, ERC20Burnable, AccessControl {
    /// @notice Role allowed to mint (granted to the RewardDistributor by the deployment).
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    uint256 private immutable _cap;

    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants MINTER_ROLE; handed to the timelock after deployment).
    /// @param cap_ Hard cap on total supply, 0 < cap_ <= type(uint208).max (the ERC20Votes limit).
    /// @param initialHolder Receives `initialSupply` (ignored when `initialSupply` is 0).
    /// @param initialSupply Minted at deployment; must not exceed `cap_`.
    constructor(address admin, uint256 cap_, address initialHolder, uint256 initialSupply)
        ERC20("CipherOcto", "OCTO")
        ERC20Permit("CipherOcto")
    {
        if (admin == address(0) || cap_ == 0 || cap_ > type(uint208).max) {
            revert OctoTokenInvalidConfig();
        }
        _cap = cap_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (initialSupply != 0) _mint(initialHolder, initialSupply);
    }

    /// @inheritdoc IOctoToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IOctoToken
    function burn(uint256 value) public override(ERC20Burnable, IOctoToken) {
        super.burn(value);
    }

    /// @inheritdoc IOctoToken
    function cap() external view returns (uint256) {
        return _cap;
    }

    /// @notice ERC-6372 clock: the block timestamp (governance checkpoints are keyed by time, not block number).
    function clock() public view override returns (uint48) {
        return Time.timestamp();
    }

    /// @notice ERC-6372 clock mode.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice Permit / delegation nonce of `owner` (shared by ERC20Permit and ERC20Votes).
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Enforces the cap on mints, then the ERC20Votes bookkeeping.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        if (from == address(0)) {
            // A sum past 2^256 is reported as type(uint256).max rather than panicking.
            uint256 requested = Math.saturatingAdd(totalSupply(), value);
            if (requested > _cap) revert OctoTokenCapExceeded(requested, _cap);
        }
        super._update(from, to, value);
    }
}
