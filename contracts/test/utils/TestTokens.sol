// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {OctoToken} from "../../src/OctoToken.sol";
import {RoleToken} from "../../src/RoleToken.sol";
import {Roles} from "../../src/libraries/Roles.sol";

/// @title TestTokens
/// @notice Deploys OCTO and the eight role tokens for tests. The calling contract is the deployer; `admin` gets
/// DEFAULT_ADMIN_ROLE on every token (grant MINTER_ROLE from it when a test needs to mint).
library TestTokens {
    /// @notice OCTO cap used by tests: 10 billion OCTO.
    uint256 internal constant OCTO_CAP = 10_000_000_000e18;
    /// @notice Role-token cap used by tests: 10 billion tokens (well below type(uint96).max ~ 7.9e28).
    uint256 internal constant ROLE_CAP = 10_000_000_000e18;

    /// @notice OCTO with cap OCTO_CAP and `supply` minted to `holder`.
    function deployOcto(address admin, address holder, uint256 supply) internal returns (OctoToken) {
        return new OctoToken(admin, OCTO_CAP, holder, supply);
    }

    /// @notice One role token ("CipherOcto <Role>", "OCTO-<suffix>") with cap ROLE_CAP and `supply` to `holder`.
    function deployRoleToken(uint8 role, address admin, address holder, uint256 supply) internal returns (RoleToken) {
        return new RoleToken(
            string.concat("CipherOcto ", roleName(role)),
            string.concat("OCTO-", Roles.suffix(role)),
            role,
            ROLE_CAP,
            admin,
            holder,
            supply
        );
    }

    /// @notice The eight role tokens, indexed by role id, each with `supply` minted to `holder`.
    function deployRoleTokens(address admin, address holder, uint256 supply)
        internal
        returns (address[8] memory tokens)
    {
        for (uint8 i = 0; i < Roles.COUNT; ++i) {
            tokens[i] = address(deployRoleToken(i, admin, holder, supply));
        }
    }

    /// @notice Human-readable role name, e.g. "Compute" for role 0.
    function roleName(uint8 role) internal pure returns (string memory) {
        return [
            "Compute", "Storage", "Bandwidth", "Orchestration", "Wholesale", "Developers", "Marketing", "Node Operators"
        ][role];
    }
}
