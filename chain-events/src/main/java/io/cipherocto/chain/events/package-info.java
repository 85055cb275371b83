/**
 * The suite's contract events, for every module that reads them: the {@link io.cipherocto.chain.events.EventCatalog}
 * (from the ABIs octo-contracts ships), the strict ABI {@link io.cipherocto.chain.events.LogDecoder}, and
 * {@link io.cipherocto.chain.events.IndexedEvents}, the typed reads of the events the chain-indexer stored. The
 * chain-indexer implements that interface over its own tables; settlement, governance and verifier read indexed
 * events only through it and never name the indexer's tables.
 */
package io.cipherocto.chain.events;
