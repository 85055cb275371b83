package io.cipherocto.governance.api;

/**
 * 202 answer of POST /votes. The relay transaction is sent off the request path, so instead of its hash the answer
 * names the stored ballot and where to follow it ({@code statusUrl}: queued, submitted with txHash, confirmed, failed).
 */
public record BallotAccepted(String ballotId, String status, String statusUrl) {}
