package io.cipherocto.governance.api;

import io.cipherocto.governance.query.MemberProfiles;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/governance/members/{address}}: a member's profile ({@link MemberProfiles}). */
@Path("/api/v1/governance/members")
@Tag(name = "governance")
@Produces(MediaType.APPLICATION_JSON)
public class MemberResource {
    @Inject
    MemberProfiles profiles;

    @GET
    @Path("/{address}")
    @Operation(summary = "Membership, stake and voting power now; voting power over time (every stake change, power = "
            + "floor(sqrt(stake))); the votes the member cast; newest first")
    @APIResponse(responseCode = "400", description = "invalid_field: not an address")
    @APIResponse(responseCode = "503", description = "chain_unavailable, indexer_unavailable (Retry-After)")
    public MemberProfiles.MemberProfile get(@PathParam("address") String address) {
        return profiles.profile(Ids.address(address));
    }
}
