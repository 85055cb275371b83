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

/**
 * {@code GET /api/v1/epochs}, {@code /epochs/{n}}, {@code /epochs/{n}/rewards}, {@code /epochs/{n}/jobs},
 * {@code /epochs/{n}/receipts?provider=} or {@code ?requester=}, {@code /epochs/{n}/bundle}.
 */
@Path("/api/v1/epochs")
@Tag(name = "settlement")
public class EpochResource {
    @Inject
    EpochQueries queries;

    @Inject
    JobQueries jobs;

    @Inject
    ReceiptQueries receipts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Settled epochs, newest first: by offset (page=, page size octo.settlement.page-size) or by "
            + "keyset (before= empty or the previous page's next, limit 1..500; the next page's before= is in X-Next-Before "
            + "and the Link header)")
    @APIResponse(responseCode = "400", description = "invalid_page, invalid_cursor, invalid_limit")
    public Response list(@QueryParam("page") @DefaultValue("0") int page, @QueryParam("before") String before,
            @QueryParam("limit") Integer limit) {
        if (before == null && limit == null) {
            return Response.ok(queries.list(page), MediaType.APPLICATION_JSON).build();
        }
        java.util.Optional<Long> cursor;
        try {
            cursor = java.util.Optional.ofNullable(before).filter(b -> !b.isEmpty()).map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw io.cipherocto.platform.api.ApiException.badRequest("invalid_cursor",
                    "before must be an epoch >= 0 (the next of a previous page)");
        }
        int n = limit == null ? 50 : limit;
        EpochQueries.EpochPage p = queries.page(cursor, n);
        Response.ResponseBuilder r = Response.ok(p.epochs(), MediaType.APPLICATION_JSON);
        if (p.next() != null) {
            r.header("X-Next-Before", p.next()).header("Link", "</api/v1/epochs?before=" + p.next() + "&limit=" + n
                    + ">; rel=\"next\"");
        }
        return r.build();
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
    @Operation(summary = "Per earner and token: this epoch's amount and the cumulative amount. JSON: one page, by offset "
            + "(page=) or by keyset (after=<earner>,<token> of the previous page's last row, limit 1..1000; the next page's "
            + "after= is in the Link header); CSV (Accept: text/csv or ?format=csv): every row of the epoch")
    @APIResponse(responseCode = "404", description = "epoch_not_found")
    @APIResponse(responseCode = "400", description = "invalid_page, invalid_limit, invalid_cursor")
    public Response rewards(@PathParam("epoch") long epoch, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("after") String after, @QueryParam("limit") Integer limit,
            @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv")
                && !accept.contains(MediaType.APPLICATION_JSON));
        if (csv) {
            queries.requireSettled(epoch); // 404 before the stream starts
            jakarta.ws.rs.core.StreamingOutput body = out -> {
                java.io.Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(out,
                        java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
                w.write("earner,token,kind,amount,cumulative\n");
                queries.eachReward(epoch, r -> {
                    try {
                        w.write(r.earner() + ',' + r.token() + ',' + r.kind() + ',' + r.amount() + ',' + r.cumulative() + '\n');
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                w.flush();
            };
            return Response.ok(body, "text/csv")
                    .header("Content-Disposition", "attachment; filename=\"epoch-" + epoch + "-rewards.csv\"").build();
        }
        if (after == null && limit == null) {
            return Response.ok(queries.rewards(epoch, page), MediaType.APPLICATION_JSON).build();
        }
        int n = limit == null ? 100 : limit;
        List<EpochStore.RewardRow> rows = queries.rewardsAfter(epoch, java.util.Optional.ofNullable(after).filter(a -> !a.isEmpty()), n);
        Response.ResponseBuilder r = Response.ok(rows, MediaType.APPLICATION_JSON);
        if (rows.size() == n) {
            EpochStore.RewardRow last = rows.get(rows.size() - 1);
            String next = last.earner() + "," + last.token();
            r.header("X-Next-After", next).header("Link", "</api/v1/epochs/" + epoch + "/rewards?after=" + next + "&limit=" + n
                    + ">; rel=\"next\"");
        }
        return r.build();
    }

    @GET
    @Path("/{epoch}/jobs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A committed epoch's jobs (its receipts) with each receipt's inclusion proof against the "
            + "receipts root committed on chain, in job id order; pass the previous page's next as after")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "jobs", value =
            "{\"epoch\":3,\"receiptsRoot\":\"0x4b...\",\"count\":2,\"jobs\":[{\"jobId\":\"0x01...\",\"provider\":\"0x70...\","
            + "\"role\":0,\"requester\":\"0x3c...\",\"specHash\":\"0x9a...\",\"outputHash\":\"0x11...\",\"workUnits\":\"1000\","
            + "\"fee\":\"2000000000000000\",\"proof\":[\"0x7f...\"]}],\"next\":null}")))
    @APIResponse(responseCode = "400", description = "invalid_epoch, invalid_field (after), invalid_page (limit)")
    @APIResponse(responseCode = "404", description = "epoch_not_committed")
    public io.cipherocto.contracts.protocol.JobPage jobs(@PathParam("epoch") long epoch, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("500") int limit) {
        return jobs.page(epoch, after, limit);
    }

    @GET
    @Path("/{epoch}/receipts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One provider's (provider=) or one requester's (requester=) stored receipts of an epoch (open or "
            + "closed), as stored: amounts as decimal strings, both signatures; exactly one of provider and requester; in job "
            + "id order, limit 1..1000 (default 100); pass the previous page's next as after")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "receipts", value =
            "{\"epoch\":3,\"provider\":\"0x70...\",\"receipts\":[{\"jobId\":\"0x01...\",\"requester\":\"0x3c...\","
            + "\"provider\":\"0x70...\",\"role\":0,\"kernel\":\"0x6d...\",\"specHash\":\"0x9a...\",\"outputHash\":\"0x11...\","
            + "\"workUnits\":\"1000\",\"fee\":\"2000000000000000\",\"digest\":\"0x5d...\",\"providerSignature\":\"0x8f...\","
            + "\"requesterSignature\":\"0x2b...\",\"receivedAt\":\"2026-12-07T11:00:00.123Z\"}],\"next\":null}")))
    @APIResponse(responseCode = "400", description = "invalid_epoch, invalid_address (provider or requester: neither or both "
            + "given, or not an address), invalid_cursor (after), invalid_limit")
    public ReceiptQueries.ReceiptPage receipts(@PathParam("epoch") long epoch, @QueryParam("provider") String provider,
            @QueryParam("requester") String requester, @QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return receipts.page(epoch, java.util.Optional.ofNullable(provider), java.util.Optional.ofNullable(requester),
                java.util.Optional.ofNullable(after), limit);
    }

    @GET
    @Path("/{epoch}/bundle")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The epoch's public bundle: every signed receipt, the parameters, seed and on-chain verdict "
            + "references needed to recompute the epoch (octo audit verify-epoch N --bundle URL). The exact bytes whose "
            + "keccak256 is the bundleHash committed on chain with the root (also in the X-Bundle-Hash header)")
    @APIResponse(responseCode = "404", description = "epoch_not_found, bundle_not_found (settled before bundles existed)")
    @APIResponse(responseCode = "503", description = "bundle_unavailable: a bundle kept only as a file (above "
            + "bundle-db-max-bytes) whose file is not in this node's bundle-dir")
    public Response bundle(@PathParam("epoch") long epoch) {
        EpochQueries.PublicBundle b = queries.bundle(epoch);
        Object body = b.bytes().isPresent() ? b.bytes().get() : b.file().orElseThrow().toFile();
        return Response.ok(body, MediaType.APPLICATION_JSON).header("X-Bundle-Hash", b.hash())
                .header("ETag", "\"" + b.hash() + "\"").build();
    }
}
