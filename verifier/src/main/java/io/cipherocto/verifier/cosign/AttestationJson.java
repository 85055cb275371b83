package io.cipherocto.verifier.cosign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.platform.kernel.Hex;

/**
 * An {@link Attestation} on the wire (the body of {@code POST /api/v1/verifier/cosign}): the fields of
 * {@code IAttestationRegistry.Attestation}, bytes32 values as 0x-hex, the provider and the finder as 0x addresses.
 */
public record AttestationJson(Long epoch, String jobId, String provider, Integer role, String specHash,
        String claimedOutputHash, String recomputedOutputHash, Boolean passed, String evidenceHash, String finder,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String finderSignature) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses a request body into the attestation: 400 {@code malformed_json} when it is not JSON (or not an object),
     * 400 {@code invalid_field} naming the first missing or invalid field.
     */
    public static Attestation parse(String body) {
        return parseRequest(body).attestation();
    }

    /** A co-sign request: the attestation and the finder's own signature over it (absent: empty array). */
    public record Request(Attestation attestation, byte[] finderSignature) {
    }

    /** As {@link #parse}, keeping the finder's signature (0x-hex, 65 bytes; absent or malformed: empty). */
    public static Request parseRequest(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("malformed_json", "the body must be a fail attestation (JSON object)");
        }
        AttestationJson json;
        try {
            json = JSON.readValue(body, AttestationJson.class);
        } catch (MismatchedInputException e) {
            throw ApiException.badRequest("invalid_field", "a field has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed_json", "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null) {
            throw ApiException.badRequest("malformed_json", "the body must be a fail attestation (JSON object)");
        }
        Attestation a;
        try {
            a = json.toAttestation();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_field", e.getMessage());
        }
        byte[] sig = new byte[0];
        if (json.finderSignature() != null) {
            try {
                sig = Hex.decodeField("finderSignature", json.finderSignature(), 65);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("invalid_field", e.getMessage());
            }
        }
        return new Request(a, sig);
    }

    public static AttestationJson of(Attestation a) {
        return new AttestationJson(a.epoch(), Hex.encode(a.jobId()), a.provider(), a.role(), Hex.encode(a.specHash()),
                Hex.encode(a.claimedOutputHash()), Hex.encode(a.recomputedOutputHash()), a.passed(), Hex.encode(a.evidenceHash()), a.finder(),
                null);
    }

    /** A co-sign request body: the attestation and the finder's signature over it. */
    public static AttestationJson request(Attestation a, byte[] finderSignature) {
        AttestationJson j = of(a);
        return new AttestationJson(j.epoch(), j.jobId(), j.provider(), j.role(), j.specHash(), j.claimedOutputHash(),
                j.recomputedOutputHash(), j.passed(), j.evidenceHash(), j.finder(), Hex.encode(finderSignature));
    }

    /** The attestation; IllegalArgumentException naming the first missing or invalid field. */
    public Attestation toAttestation() {
        if (epoch == null || role == null || passed == null) {
            throw new IllegalArgumentException((epoch == null ? "epoch" : role == null ? "role" : "passed") + " is missing");
        }
        if (provider == null) {
            throw new IllegalArgumentException("provider is missing");
        }
        return new Attestation(epoch, Hex.decodeField("jobId", jobId, 32), provider, role, Hex.decodeField("specHash", specHash, 32),
                Hex.decodeField("claimedOutputHash", claimedOutputHash, 32),
                Hex.decodeField("recomputedOutputHash", recomputedOutputHash, 32), passed,
                Hex.decodeField("evidenceHash", evidenceHash, 32), finder == null ? Attestation.NO_FINDER : finder);
    }
}
