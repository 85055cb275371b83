package io.cipherocto.settlement.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/providers/{address}}: a provider's profile ({@link ProviderProfiles}). */
@Path("/api/v1/providers")
@Tag(name = "settlement")
public class ProviderResource {
    @Inject
    ProviderProfiles profiles;

    @GET
    @Path("/{address}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stake and unbonding per role, verdict history and reputation multiplier, earnings per epoch, "
            + "APR per staked token (basis points, integer method in docs/settlement.md), claimable rewards, slashes with evidence")
    @APIResponse(responseCode = "400", description = "invalid_address")
    @APIResponse(responseCode = "503", description = "chain_unavailable, store_unavailable (Retry-After)")
    public ProviderProfiles.ProviderProfile get(@PathParam("address") String address) {
        return profiles.profile(address);
    }
}
