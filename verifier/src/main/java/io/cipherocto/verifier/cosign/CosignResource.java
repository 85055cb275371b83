package io.cipherocto.verifier.cosign;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.verifier.runtime.VerifierService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Served by every verifier operator: another verifier asks it to co-sign a fail attestation so that the quorum the
 * AttestationRegistry demands is reached. The checks and the re-execution are in {@link CosignService}.
 */
@Path("/api/v1/verifier/cosign")
@Tag(name = "verifier", description = "verifier operators co-signing fail attestations")
public class CosignResource {
    private static final int MAX_BODY_CHARS = 8 * 1024;

    @Inject
    VerifierService verifier;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Co-sign a fail attestation after re-executing the job independently: answers "
            + "{\"signer\", \"signature\"} (65 bytes over the attestation's EIP-712 digest) or refuses. Only a registered "
            + "verifier may ask, for an attestation naming it as finder and signed by it (finderSignature)")
    @APIResponse(responseCode = "200", description = "this verifier recomputed the same output hash and signed")
    @APIResponse(responseCode = "400", description = "malformed_json, invalid_field")
    @APIResponse(responseCode = "401", description = "bad_finder_signature: finderSignature is not the finder's signature "
            + "over the attestation")
    @APIResponse(responseCode = "403", description = "finder_not_verifier: the finder is not a registered verifier")
    @APIResponse(responseCode = "429", description = "too_many_requests (per finder and minute), with Retry-After")
    @APIResponse(responseCode = "413", description = "body_too_large")
    @APIResponse(responseCode = "404", description = "unknown_job")
    @APIResponse(responseCode = "409", description = "seed_not_recorded")
    @APIResponse(responseCode = "422", description = "not_a_failure, not_sampled, job_mismatch, job_not_verifiable, "
            + "outputs_disagree, attestation_mismatch")
    @APIResponse(responseCode = "503", description = "verifier_off (the verifier role does not run here), chain_unavailable")
    public Cosignature cosign(@RequestBody(content = @Content(schema = @Schema(implementation = AttestationJson.class)))
            String body) {
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw ApiException.payloadTooLarge("body_too_large", "an attestation is at most " + MAX_BODY_CHARS + " characters");
        }
        AttestationJson.Request request = AttestationJson.parseRequest(body);
        CosignService service = verifier.cosigner().orElseThrow(() -> ApiException.unavailable("verifier_off",
                "the verifier does not run on this node: " + verifier.offReason().orElse("starting")));
        return service.cosign(request.attestation(), request.finderSignature());
    }
}
