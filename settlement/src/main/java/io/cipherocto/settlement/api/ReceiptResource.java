package io.cipherocto.settlement.api;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.receipt.BatchResult;
import io.cipherocto.settlement.receipt.ReceiptBatch;
import io.cipherocto.settlement.receipt.SenderPage;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/receipts}: a batch of signed JobReceipts (logic in {@code ReceiptService}); {@code GET
 * /api/v1/receipts/senders}: what each sender's receipts became since this instance started (logic in
 * {@code SenderActivity}).
 */
@Path("/api/v1/receipts")
@Tag(name = "settlement")
public class ReceiptResource {
    @Inject
    SettlementRuntime runtime;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit signed job receipts",
            description = "Up to octo.settlement.max-batch (10,000) EIP-712 JobReceipts, each signed by provider and requester "
                    + "under the domain (\"CipherOcto Settlement\", \"1\", chainId, RewardDistributor). Each receipt gets a "
                    + "status (accepted, duplicate, rejected) and a code; accepted receipts are stored before the answer. Optional "
                    + "\"vouchers\": the requesters' signed vouchers for their epochs (see POST /api/v1/vouchers), stored first.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "one receipt",
            value = "{\"receipts\":[{\"jobId\":\"0x00000000000000000000000000000000000000000000000000000000000000aa\","
                    + "\"epoch\":0,\"requester\":\"0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc\","
                    + "\"provider\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"role\":0,"
                    + "\"kernel\":\"0x1111111111111111111111111111111111111111111111111111111111111111\","
                    + "\"specHash\":\"0x2222222222222222222222222222222222222222222222222222222222222222\","
                    + "\"outputHash\":\"0x3333333333333333333333333333333333333333333333333333333333333333\","
                    + "\"workUnits\":\"1000\",\"fee\":\"1000000000000000000\",\"providerSignature\":\"0x...\","
                    + "\"requesterSignature\":\"0x...\"}]}")))
    @APIResponse(responseCode = "200", description = "per-receipt results and counts", content = @Content(
            examples = @ExampleObject(name = "result", value = "{\"accepted\":1,\"duplicates\":0,\"rejected\":1,\"results\":["
                    + "{\"index\":0,\"jobId\":\"0x...aa\",\"status\":\"accepted\",\"code\":\"accepted\"},"
                    + "{\"index\":1,\"jobId\":\"0x...ab\",\"status\":\"rejected\",\"code\":\"bad_requester_signature\","
                    + "\"message\":\"...\"}]}")))
    @APIResponse(responseCode = "400", description = "empty_batch: no receipts")
    @APIResponse(responseCode = "413", description = "batch_too_large or body_too_large")
    @APIResponse(responseCode = "503", description = "chain_unavailable")
    public BatchResult post(@HeaderParam("Content-Length") Long contentLength, ReceiptBatch batch) {
        checkBodySize(contentLength);
        java.util.List<io.cipherocto.settlement.voucher.VoucherResult> vouchers = batch == null || batch.vouchers() == null
                || batch.vouchers().isEmpty() ? java.util.List.of() : runtime.voucherService().submit(batch.vouchers());
        return runtime.receiptService().submit(batch == null ? null : batch.receipts()).withVouchers(vouchers);
    }

    @POST
    @Path("/envelopes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit batch-signed receipts",
            description = "One or more envelopes, each an EIP-712 ReceiptEnvelope(uint64 epoch,address requester,address "
                    + "provider,bytes32 receiptsRoot,uint32 count) signed once by the provider and once by the requester "
                    + "under the settlement domain, over the OpenZeppelin StandardMerkleTree ([\"bytes32\"]) root of its "
                    + "receipts' EIP-712 struct hashes (docs/settlement.md, \"Batch-signed receipts\"). Up to "
                    + "octo.settlement.max-envelope-receipts (32,768) receipts per request. An envelope that fails its own "
                    + "checks stores nothing; otherwise each receipt is accepted or refused on its own, accepted ones are "
                    + "stored before the answer, and every receipt that is not accepted is listed with its code. An "
                    + "envelope may carry the requester's signed voucher for the epoch (\"voucher\"), stored first.")
    @APIResponse(responseCode = "200", description = "per-envelope results: counts and the refused receipts", content = @Content(
            examples = @ExampleObject(name = "result", value = "{\"accepted\":2,\"duplicates\":0,\"rejected\":1,\"envelopes\":"
                    + "[{\"index\":0,\"digest\":\"0x...\",\"status\":\"partial\",\"accepted\":2,\"duplicates\":0,"
                    + "\"rejected\":1,\"refusals\":[{\"index\":2,\"jobId\":\"0x...\",\"status\":\"rejected\","
                    + "\"code\":\"insufficient_escrow\",\"message\":\"...\"}]}]}")))
    @APIResponse(responseCode = "400", description = "empty_batch: no envelopes")
    @APIResponse(responseCode = "413", description = "batch_too_large or body_too_large")
    @APIResponse(responseCode = "503", description = "chain_unavailable")
    public io.cipherocto.settlement.receipt.EnvelopeBatchResult postEnvelopes(@HeaderParam("Content-Length") Long contentLength,
            io.cipherocto.settlement.receipt.EnvelopeBatch batch) {
        checkBodySize(contentLength);
        return runtime.envelopeService().submit(batch == null ? null : batch.envelopes());
    }

    @GET
    @Path("/senders")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receipts per sender since this instance started",
            description = "Per provider and requester address: receipts accepted, duplicate and rejected (by code), the "
                    + "last one's time and the last accepted one's, since this instance started (in memory, per instance; "
                    + "the same counts are the octo_receipts_sender_* metrics). Ordered by address (provider before "
                    + "requester); a page holds at most limit addresses, pass the answer's next as after. silentFor keeps "
                    + "the senders whose last receipt is older, e.g. PT10M. An address is listed once one of its receipts "
                    + "was stored; before that, and past octo.settlement.sender-metrics.max-senders, its counts are in the "
                    + "buckets unproven and other, and receipts with an unparseable address in invalid.")
    @APIResponse(responseCode = "200", content = @Content(examples = @ExampleObject(name = "senders", value =
            "{\"senders\":[{\"sender\":\"0x70997970c51812dc3a010c7d01b50e0d17dc79c8\",\"side\":\"provider\",\"accepted\":41,"
            + "\"duplicates\":2,\"rejected\":1,\"rejectedByCode\":{\"insufficient_escrow\":1},"
            + "\"lastSeen\":\"2026-12-07T11:02:03.456Z\",\"lastAccepted\":\"2026-12-07T11:02:03.456Z\"}],\"next\":null,"
            + "\"tracked\":1,\"maxSenders\":10000,\"dropped\":0,\"buckets\":[{\"sender\":\"unproven\",\"side\":\"provider\","
            + "\"accepted\":0,\"duplicates\":0,\"rejected\":3,\"rejectedByCode\":{\"provider_not_staked\":3},"
            + "\"lastSeen\":\"2026-12-07T10:58:00Z\",\"lastAccepted\":null}]}")))
    @APIResponse(responseCode = "400", description = "invalid_side, invalid_duration (silentFor), invalid_address (after), "
            + "invalid_page (limit 1..1000, default 100)")
    public SenderPage senders(@QueryParam("side") String side, @QueryParam("silentFor") String silentFor,
            @QueryParam("after") String after, @QueryParam("limit") String limit) {
        return runtime.senderActivity().page(side, silentFor, after, limit);
    }

    /** 413 body_too_large above octo.settlement.max-body-bytes (the HTTP layer's own limit is higher). */
    private void checkBodySize(Long contentLength) {
        long max = runtime.config().maxBodyBytes();
        if (contentLength != null && contentLength > max) {
            throw ApiException.payloadTooLarge("body_too_large", "the body may hold at most " + max + " bytes");
        }
    }
}
