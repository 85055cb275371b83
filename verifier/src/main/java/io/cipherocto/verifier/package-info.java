/**
 * samples jobs from the epoch seed, re-executes them, signs Proof-of-Useful-Work attestations and brings slashing evidence.
 *
 * <p>Design: ../shared/DESIGN.md. This module is assembled into the one runnable service by {@code node/}.
 */
package io.cipherocto.verifier;
