// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Test double for the one StakingManager entry point the AttestationRegistry calls: records every
/// `slash` call (and counts them per evidence hash) instead of moving tokens. Can be told to revert.
contract SlashRecorder {
    struct SlashCall {
        address caller;
        address provider;
        uint8 role;
        uint256 fractionWad;
        bytes32 evidenceHash;
        address finder;
    }

    error SlashRecorderRevert();

    SlashCall[] internal _calls;
    mapping(bytes32 evidenceHash => uint256) public slashCountByEvidence;
    bool public shouldRevert;

    function setShouldRevert(bool value) external {
        shouldRevert = value;
    }

    /// @notice Same signature as IStakingManager.slash.
    function slash(address provider, uint8 role, uint256 fractionWad, bytes32 evidenceHash, address finder) external {
        if (shouldRevert) revert SlashRecorderRevert();
        _calls.push(SlashCall(msg.sender, provider, role, fractionWad, evidenceHash, finder));
        ++slashCountByEvidence[evidenceHash];
    }

    function callCount() external view returns (uint256) {
        return _calls.length;
    }

    function callAt(uint256 i) external view returns (SlashCall memory) {
        return _calls[i];
    }
}
