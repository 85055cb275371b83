package io.cipherocto.governance.api;

/**
 * 202 answer of POST /votes. The relay transaction is sent off the request path, so instead of its hash the answer
 * names the stored ballot and where to follow it ({@code statusUrl}: queued, submitted with txHash, confirmed, failed).
 */
public record BallotAccepted(String ballotId, String status, String statusUrl) {
    /**
     * The same JSON Jackson would write, rendered directly: this answer is on the hot path of POST /votes and its
     * fields (a UUID, a fixed status, a URL made of the UUID) never need escaping.
     */
    String json() {
        return "{\"ballotId\":\"" + ballotId + "\",\"status\":\"" + status + "\",\"statusUrl\":\"" + statusUrl + "\"}";
    }
}
