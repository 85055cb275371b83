package io.cipherocto.governance.api;

import io.cipherocto.governance.query.GovernanceQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One proposal from the governor's view functions. */
@Path("/api/v1/governance/proposals")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
public class ProposalResource {
    @Inject
    GovernanceQueries queries;

    @GET
    @Path("/{proposalId}")
    @Operation(summary = "State, snapshot, deadline, tallies, quorum and ETA of a proposal, from the governor")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ProposalView.class),
            examples = @ExampleObject(name = "active", value = "{\"proposalId\":\"4869...931\",\"state\":\"Active\","
                    + "\"snapshot\":1763702411,\"deadline\":1763702711,\"proposer\":\"0x90f79bf6eb2c4f870365e785982e1f101e93b906\","
                    + "\"votes\":{\"against\":\"0\",\"for\":\"100000000000\",\"abstain\":\"0\"},"
                    + "\"quorum\":\"12000000000\",\"eta\":null,\"block\":57}")))
    @APIResponse(responseCode = "400", description = "invalid_field: the id is not a decimal uint256")
    @APIResponse(responseCode = "404", description = "unknown_proposal")
    public ProposalView get(@PathParam("proposalId") String proposalId) {
        return queries.proposal(Ids.proposalId(proposalId, "proposalId"));
    }
}
