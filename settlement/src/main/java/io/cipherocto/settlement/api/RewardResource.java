package io.cipherocto.settlement.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
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

    @GET
    @Path("/{address}/epochs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Earnings per settled epoch, newest first: this epoch's amount and the cumulative amount per token; "
            + "limit epochs per page (default 50, at most 500); the next page: before=<next of this one>")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "earnings", value =
            "{\"address\":\"0x7099...79c8\",\"epochs\":[{\"epoch\":4,\"rewards\":[{\"epoch\":4,\"token\":\"0x5fbd...0aa3\","
            + "\"kind\":\"provider\",\"amount\":\"950000000000000000\",\"cumulative\":\"2850000000000000000\"}]}],\"next\":null}")))
    @APIResponse(responseCode = "400", description = "invalid_address, invalid_limit, invalid_cursor")
    public RewardQueries.EarningsPage epochs(@PathParam("address") String address, @QueryParam("before") Long before,
            @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.earnings(address, java.util.Optional.ofNullable(before), limit);
    }
}
