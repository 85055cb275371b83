package io.cipherocto.governance.api;

import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.vote.VoteService;
import io.cipherocto.platform.api.ApiError;
import io.cipherocto.platform.api.ApiException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signed ballots: POST one for relay, GET its relay status. */
@Path("/api/v1/governance/votes")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
public class VoteResource {
    static final String EXAMPLE_BALLOT = """
            {"proposalId": "4869273945036125306312812361346049371906958240590069802592373620917093590931",
             "support": 1,
             "voter": "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
             "nonce": "0",
             "signature": "0x5b3c...1b",
             "domain": {"name": "OctoGovernor", "version": "1", "chainId": 31337,
                        "verifyingContract": "0x0165878A594ca255338adfa4d48449f69242Eb8F"}}""";

    @Inject
    VoteService votes;

    @Inject
    GovernanceRuntime runtime;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Submit an EIP-712 signed ballot for relay",
            description = "Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce) signed with "
                    + "eth_signTypedData_v4 under the governor's domain (with a reason: ExtendedBallot with empty "
                    + "params). Validated (domain, signature, nonce, proposal Active, member power, not voted), stored, "
                    + "then relayed in the background. Body at most 16 KB.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "ballot", value = EXAMPLE_BALLOT)))
    @APIResponse(responseCode = "202", description = "Accepted and stored; follow statusUrl",
            content = @Content(schema = @Schema(implementation = BallotAccepted.class), examples = @ExampleObject(
                    name = "accepted", value = "{\"ballotId\":\"0b6f8c1e-3d0a-4c57-9a53-2b8d3c1f4a10\",\"status\":\"queued\","
                    + "\"statusUrl\":\"/api/v1/governance/votes/0b6f8c1e-3d0a-4c57-9a53-2b8d3c1f4a10\"}")))
    @APIResponse(responseCode = "400", description = "malformed_json, invalid_field",
            content = @Content(schema = @Schema(implementation = ApiError.class), examples = @ExampleObject(name = "invalid",
                    value = "{\"error\":\"invalid_field\",\"message\":\"support: must be 0 (against), 1 (for) or 2 (abstain)\"}")))
    @APIResponse(responseCode = "409", description = "nonce_mismatch, proposal_not_active, already_voted",
            content = @Content(schema = @Schema(implementation = ApiError.class), examples = @ExampleObject(name = "replay",
                    value = "{\"error\":\"nonce_mismatch\",\"message\":\"nonce 0 is not the voter's next ballot nonce (1)\"}")))
    @APIResponse(responseCode = "413", description = "body_too_large")
    @APIResponse(responseCode = "422", description = "wrong_chain_id, wrong_verifying_contract, wrong_domain, "
            + "bad_signature, unknown_proposal, not_a_member, no_voting_power")
    @APIResponse(responseCode = "429", description = "too_many_requests (per client address or per voter), with Retry-After")
    public Uni<Response> submit(byte[] body, @Context HttpServerRequest request) {
        // Non-blocking method: RESTEasy reads the (small) body on the I/O thread without parking a worker; the
        // validation (signature recovery, chain reads on a cache miss) then runs on the worker pool, and the
        // database commit is awaited without holding any thread.
        votes.chargeClient(client(request));
        byte[] raw = body == null ? new byte[0] : body;
        return Uni.createFrom().item(() -> {
                    // Content-Length above the limit was refused before reading (BodyLimitFilter); this covers chunked bodies.
                    if (raw.length > votes.maxBodyBytes()) {
                        throw ApiException.payloadTooLarge("body_too_large", "body exceeds " + votes.maxBodyBytes() + " bytes");
                    }
                    return votes.submit(raw);
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(ChainFailures::isChainFailure).transform(ChainFailures::unavailable)
                .flatMap(stage -> Uni.createFrom().completionStage(stage))
                .map(a -> {
                    String url = "/api/v1/governance/votes/" + a.ballotId();
                    return Response.status(Response.Status.ACCEPTED).header("Location", url)
                            .type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(new BallotAccepted(a.ballotId().toString(), "queued", url).json()).build();
                });
    }

    @GET
    @Path("/{ballotId}")
    @Operation(summary = "Relay status of a ballot: queued, submitted (txHash), confirmed (txHash, block), failed (failure)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = BallotStatusView.class),
            examples = @ExampleObject(name = "confirmed", value = "{\"ballotId\":\"0b6f8c1e-3d0a-4c57-9a53-2b8d3c1f4a10\","
                    + "\"status\":\"confirmed\",\"proposalId\":\"4869...\",\"support\":1,\"voter\":\"0x14dc...9955\","
                    + "\"nonce\":\"0\",\"txHash\":\"0x9a1f...\",\"blockNumber\":118,\"failure\":null}")))
    @APIResponse(responseCode = "404", description = "unknown_ballot")
    public BallotStatusView status(@PathParam("ballotId") String ballotId) {
        UUID id;
        try {
            id = UUID.fromString(ballotId);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_field", "ballotId: not a ballot id (UUID)");
        }
        return runtime.store().find(id).map(BallotStatusView::of)
                .orElseThrow(() -> ApiException.notFound("unknown_ballot", "no ballot " + ballotId));
    }

    private static String client(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null) {
            return "unknown";
        }
        String host = request.remoteAddress().hostAddress();
        return host == null ? "unknown" : host;
    }
}
