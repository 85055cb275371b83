// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @notice Test double for the StakingManager entry points the AttestationRegistry calls: records every `slash` and
/// `setFrozen` call (and counts slashes per evidence hash) instead of moving tokens, and answers
/// `maxSlashFractionWad` (settable, default 1e18). Can be told to revert.
contract SlashRecorder {
    struct SlashCall {
        address caller;
        address provider;
        uint8 role;
        uint256 fractionWad;
        bytes32 evidenceHash;
        address finder;
    }

    struct FreezeCall {
        address caller;
        address provider;
        uint8 role;
        bool frozen;
    }

    error SlashRecorderRevert();

    SlashCall[] internal _calls;
    FreezeCall[] internal _freezeCalls;
    mapping(bytes32 evidenceHash => uint256) public slashCountByEvidence;
    mapping(address provider => mapping(uint8 role => bool)) public frozen;
    bool public shouldRevert;
    uint256 public maxSlashFractionWad = 1e18;

    function setShouldRevert(bool value) external {
        shouldRevert = value;
    }

    function setMaxSlashFractionWad(uint256 value) external {
        maxSlashFractionWad = value;
    }

    /// @notice Same signature as IStakingManager.slash.
    function slash(address provider, uint8 role, uint256 fractionWad, bytes32 evidenceHash, address finder) external {
        if (shouldRevert) revert SlashRecorderRevert();
        _calls.push(SlashCall(msg.sender, provider, role, fractionWad, evidenceHash, finder));
        ++slashCountByEvidence[evidenceHash];
    }

    /// @notice Same signature as IStakingManager.setFrozen.
    function setFrozen(address provider, uint8 role, bool frozen_) external {
        if (shouldRevert) revert SlashRecorderRevert();
        _freezeCalls.push(FreezeCall(msg.sender, provider, role, frozen_));
        frozen[provider][role] = frozen_;
    }

    function callCount() external view returns (uint256) {
        return _calls.length;
    }

    function callAt(uint256 i) external view returns (SlashCall memory) {
        return _calls[i];
    }

    function freezeCallCount() external view returns (uint256) {
        return _freezeCalls.length;
    }

    function freezeCallAt(uint256 i) external view returns (FreezeCall memory) {
        return _freezeCalls[i];
    }
}
