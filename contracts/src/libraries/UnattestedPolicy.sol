// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title UnattestedPolicy
/// @notice The values of the AttestationRegistry's unattested-sample policy: what settlement does with a sampled
/// receipt that has no on-chain verdict (no fail attestation, no pass commitment covering it) by the settlement
/// deadline, for instance because its provider withheld the job spec so that nobody could re-execute it. Governed
/// (`setUnattestedPolicy`) and frozen per epoch when the epoch's seed is recorded (`epochUnattestedPolicy`).
/// Under REFUND a provider gains nothing by withholding; under FEES_ONLY it gets at most the fee its requester
/// agreed to pay, never an emission.
library UnattestedPolicy {
    /// @notice The requester is not charged for the receipt and the provider earns nothing for it (the default).
    uint8 internal constant REFUND = 0;
    /// @notice The provider is paid the receipt's fee, but earns no emission for it.
    uint8 internal constant FEES_ONLY = 1;
    /// @notice Number of valid values; a policy is valid iff it is below COUNT.
    uint8 internal constant COUNT = 2;
}
