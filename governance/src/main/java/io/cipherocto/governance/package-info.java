/**
 * The governance role: DAO proposals and square-root voting power read from the governor, EIP-712 signed ballots
 * validated ({@link io.cipherocto.governance.vote.VoteService}), stored in PostgreSQL and relayed on chain by
 * {@link io.cipherocto.governance.relay.Relayer}. REST under {@code /api/v1/governance}; see docs/governance-api.md.
 *
 * <p>Design: ../shared/DESIGN.md. This module is assembled into the one runnable service by {@code node/}.
 */
package io.cipherocto.governance;
