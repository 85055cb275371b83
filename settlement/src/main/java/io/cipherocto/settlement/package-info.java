/**
 * epoch settlement: signed job receipts in, per-provider rewards and a cumulative Merkle root out, proofs and audit history.
 *
 * <p>Design: ../shared/DESIGN.md. This module is assembled into the one runnable service by {@code node/}.
 */
package io.cipherocto.settlement;
