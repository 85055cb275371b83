package io.cipherocto.settlement.api;

import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.audit.AuditReport;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Auditor endpoints: indexed events, attestations, and the recomputation of an epoch. */
@Path("/api/v1")
@Tag(name = "audit")
public class AuditResource {
    @Inject
    AuditQueries queries;

    @Inject
    SettlementRuntime runtime;

    @GET
    @Path("/audit/events")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Indexed contract events of one kind in chain order, e.g. contract=RewardDistributor&event=RootSubmitted; "
            + "limit per page (default 100, at most 1000); the next page: after=<next of this one>")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "page", value =
            "{\"contract\":\"RewardDistributor\",\"event\":\"RootSubmitted(uint64,bytes32,uint256,bytes32)\",\"limit\":100,"
            + "\"hasMore\":true,\"next\":\"1042-3\",\"events\":[{\"block_number\":57,\"log_index\":0,\"tx_index\":0,"
            + "\"block_hash\":\"0x...\",\"tx_hash\":\"0x...\",\"contract\":\"0x...\",\"epoch\":\"0\",\"root\":\"0x...\","
            + "\"activates_at\":\"1763702411\",\"bundle_hash\":\"0x...\"}]}")))
    @APIResponse(responseCode = "400", description = "unknown_contract, unknown_event, invalid_range, invalid_limit, "
            + "invalid_cursor (after is not a next of this endpoint), invalid_page (page other than 0: use after)")
    @APIResponse(responseCode = "503", description = "indexer_unavailable: the chain-indexer's tables are not in the database")
    public Map<String, Object> events(@QueryParam("contract") String contract, @QueryParam("event") String event,
            @QueryParam("fromBlock") @DefaultValue("0") long fromBlock,
            @QueryParam("toBlock") @DefaultValue("9223372036854775807") long toBlock,
            @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit,
            @QueryParam("page") @DefaultValue("0") int page) {
        // an empty after= (a blank form field) asks for the first page, like no after at all
        return queries.events(contract, event, fromBlock, toBlock, Optional.ofNullable(after).filter(a -> !a.isEmpty()), limit,
                page);
    }

    @GET
    @Path("/attestations")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fail attestations accepted on chain, executed and cancelled slashes, and the verdicts settlement used")
    public Map<String, Object> attestations(@QueryParam("epoch") Long epoch, @QueryParam("provider") String provider) {
        return queries.attestations(epoch, provider);
    }

    @GET
    @Path("/audit/epochs/{epoch}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Recompute an epoch from stored receipts, verdicts and chain data; compare with the root on chain")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "match", value =
            "{\"epoch\":0,\"match\":true,\"onChainRoot\":\"0x9f...\",\"storedRoot\":\"0x9f...\",\"recomputedRoot\":\"0x9f...\","
            + "\"receipts\":3,\"sampled\":1,\"differences\":[]}")))
    @APIResponse(responseCode = "404", description = "epoch_not_found: the epoch is not settled in this database")
    public AuditReport verify(@PathParam("epoch") long epoch) {
        if (epoch < 0) {
            throw io.cipherocto.platform.api.ApiException.badRequest("invalid_epoch", "epoch must be >= 0");
        }
        if (runtime.epochStore().epoch(epoch).isEmpty()) {
            throw io.cipherocto.platform.api.ApiException.notFound("epoch_not_found", "epoch " + epoch
                    + " is not settled in this database");
        }
        return runtime.auditVerifier().verifyEpoch(epoch);
    }
}
