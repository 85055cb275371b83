/**
 * follows the chain over JSON-RPC and writes every suite event to PostgreSQL exactly once, reorg- and crash-safe.
 *
 * <p>Design: ../shared/DESIGN.md. This module is assembled into the one runnable service by {@code node/}.
 */
package io.cipherocto.indexer;
