/**
 * Webhooks: subscribers register a URL and the event types they want; the dispatcher (role {@code webhooks}) turns
 * indexed chain events, read only through {@link io.cipherocto.chain.events.IndexedEvents}, and time-based triggers
 * (voting started, voting ending soon, rewards claimable) into a durable outbox in the schema {@code webhooks}, and
 * delivers each event at least once per subscription with an HMAC-SHA256 signature, retrying with exponential backoff.
 * docs/webhooks.md describes the events, the headers and how a receiver verifies a delivery.
 */
package io.cipherocto.webhooks;
