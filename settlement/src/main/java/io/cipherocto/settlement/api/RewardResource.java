package io.cipherocto.settlement.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/rewards/{address}}: everything a wallet needs to call {@code claim}. */
@Path("/api/v1/rewards")
@Tag(name = "settlement")
public class RewardResource {
    @Inject
    RewardQueries queries;

    @GET
    @Path("/{address}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Claim data per token against the active root: cumulative amount, claimed, claimable, proof")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "rewards", value =
            "{\"address\":\"0x7099...79c8\",\"epoch\":0,\"root\":\"0x9f...\",\"activatesAt\":1760000000,\"rewards\":[{"
            + "\"token\":\"0x5fbd...0aa3\",\"cumulativeAmount\":\"950000000000000000\",\"claimed\":\"0\","
            + "\"claimable\":\"950000000000000000\",\"leafIndex\":1,\"proof\":[\"0x12...\"]}]}")))
    @APIResponse(responseCode = "400", description = "invalid_address")
    public RewardQueries.AddressRewards get(@PathParam("address") String address) {
        return queries.rewards(address);
    }
}
