// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title UnattestedPolicy
/// @notice The values of the AttestationRegistry's unattested-sample policy: what settlement does with a sampled
/// receipt that has no on-chain verdict (no fail attestation, no pass commitment covering it) by the settlement
/// deadline, for instance because its provider withheld the job spec so that nobody could re-execute it. Governed
/// (`setUnattestedPolicy`) and frozen per epoch when the epoch's seed is recorded (`epochUnattestedPolicy`).
/// Neither value ever pays the provider for such a receipt, so withholding never pays: REFUND gives the requester its
/// fee back; FORFEIT keeps the fee from the requester and pays it to the Treasury, so that a requester colluding with a
/// withholding provider loses it too.
library UnattestedPolicy {
    /// @notice The requester is not charged for the receipt and the provider earns nothing for it (the default).
    uint8 internal constant REFUND = 0;
    /// @notice The requester is charged the receipt's fee, which goes to the Treasury; the provider earns nothing for it.
    uint8 internal constant FORFEIT = 1;
    /// @notice Number of valid values; a policy is valid iff it is below COUNT.
    uint8 internal constant COUNT = 2;
}
