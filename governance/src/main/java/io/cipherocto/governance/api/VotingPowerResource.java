package io.cipherocto.governance.api;

import io.cipherocto.governance.query.GovernanceQueries;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Square-root voting power of an address. */
@Path("/api/v1/governance/voting-power")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
public class VotingPowerResource {
    @Inject
    GovernanceQueries queries;

    @GET
    @Path("/{address}")
    @Operation(summary = "Member or not, member stake and voting power floor(sqrt(stake)) at a proposal's snapshot "
            + "(proposalId) or at the latest block")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = VotingPowerView.class),
            examples = @ExampleObject(name = "member", value = "{\"address\":\"0x14dc79964da2c08b23698b3d3cc7ca32193d9955\","
                    + "\"member\":true,\"stake\":\"10000000000000000000000\",\"votingPower\":\"100000000000\","
                    + "\"proposalId\":\"4869...931\",\"timepoint\":1763702411,\"atSnapshot\":true,\"block\":57}")))
    @APIResponse(responseCode = "400", description = "invalid_field")
    @APIResponse(responseCode = "404", description = "unknown_proposal")
    public VotingPowerView get(@PathParam("address") String address, @QueryParam("proposalId") String proposalId) {
        return queries.votingPower(Ids.address(address),
                Optional.ofNullable(proposalId).filter(s -> !s.isBlank()).map(s -> Ids.proposalId(s, "proposalId")));
    }
}
