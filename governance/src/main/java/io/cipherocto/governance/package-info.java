/**
 * the DAO API: proposals, square-root voting power, EIP-712 signed ballots validated and relayed on chain.
 *
 * <p>Design: ../shared/DESIGN.md. This module is assembled into the one runnable service by {@code node/}.
 */
package io.cipherocto.governance;
