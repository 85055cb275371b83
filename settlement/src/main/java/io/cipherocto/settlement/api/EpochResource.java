package io.cipherocto.settlement.api;

import io.cipherocto.settlement.epoch.EpochStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/v1/epochs}, {@code /epochs/{n}}, {@code /epochs/{n}/rewards}. */
@Path("/api/v1/epochs")
@Tag(name = "settlement")
public class EpochResource {
    @Inject
    EpochQueries queries;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Settled epochs, newest first (page size octo.settlement.page-size)")
    public List<EpochQueries.EpochView> list(@QueryParam("page") @DefaultValue("0") int page) {
        return queries.list(page);
    }

    @GET
    @Path("/{epoch}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One settled epoch: seed, parameters in force, sample and attestation counts, totals, root, tx")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "epoch", value =
            "{\"epoch\":0,\"status\":\"published\",\"closingBlock\":149,\"seed\":\"0x5e...\",\"samplingRateWad\":\"10000000000000000\","
            + "\"receipts\":3,\"sampled\":1,\"attestedPass\":1,\"attestedFail\":0,\"unattested\":0,\"forfeited\":[],"
            + "\"root\":\"0x9f...\",\"txHash\":\"0xab...\"}")))
    @APIResponse(responseCode = "404", description = "epoch_not_found")
    public EpochQueries.EpochView get(@PathParam("epoch") long epoch) {
        return queries.get(epoch);
    }

    @GET
    @Path("/{epoch}/rewards")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @Operation(summary = "Per earner and token: this epoch's amount and the cumulative amount (JSON, or CSV with "
            + "Accept: text/csv or ?format=csv)")
    @APIResponse(responseCode = "404", description = "epoch_not_found")
    public Response rewards(@PathParam("epoch") long epoch, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        List<EpochStore.RewardRow> rows = queries.rewards(epoch, page);
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv")
                && !accept.contains(MediaType.APPLICATION_JSON));
        if (!csv) {
            return Response.ok(rows, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder sb = new StringBuilder("earner,token,kind,amount,cumulative\n");
        rows.forEach(r -> sb.append(r.earner()).append(',').append(r.token()).append(',').append(r.kind()).append(',')
                .append(r.amount()).append(',').append(r.cumulative()).append('\n'));
        return Response.ok(sb.toString(), "text/csv").build();
    }
}
