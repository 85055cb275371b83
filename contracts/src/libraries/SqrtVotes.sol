// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title SqrtVotes
/// @notice The one definition of square-root voting power used on chain (StakingManager totals, OctoGovernor
/// weights) and mirrored off chain (governance API): power = floor(sqrt(member stake in wei)).
library SqrtVotes {
    function power(uint256 stake) internal pure returns (uint256) {
        return Math.sqrt(stake);
    }
}
