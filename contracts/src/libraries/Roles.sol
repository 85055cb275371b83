// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title Roles
/// @notice The provider roles of the CipherOcto network. Each role has its own role token (OCTO-A ... OCTO-N)
/// and its own staking minimums. Role ids are dense, starting at 0, so they index fixed-size arrays.
library Roles {
    uint8 internal constant COMPUTE = 0; // OCTO-A
    uint8 internal constant STORAGE = 1; // OCTO-S
    uint8 internal constant BANDWIDTH = 2; // OCTO-B
    uint8 internal constant ORCHESTRATION = 3; // OCTO-O
    uint8 internal constant WHOLESALE = 4; // OCTO-W
    uint8 internal constant DEVELOPERS = 5; // OCTO-D
    uint8 internal constant MARKETING = 6; // OCTO-M
    uint8 internal constant NODE_OPERATORS = 7; // OCTO-N
    uint8 internal constant COUNT = 8;

    /// @notice The ticker suffix of a role token, e.g. "A" for compute.
    function suffix(uint8 role) internal pure returns (string memory) {
        return ["A", "S", "B", "O", "W", "D", "M", "N"][role];
    }
}
