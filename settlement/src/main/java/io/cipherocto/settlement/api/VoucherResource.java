package io.cipherocto.settlement.api;

import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.voucher.VoucherInput;
import io.cipherocto.settlement.voucher.VoucherResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/vouchers}: requesters' signed vouchers (protocol v2). Logic in {@code VoucherService}. */
@Path("/api/v1/vouchers")
@Tag(name = "settlement")
public class VoucherResource {
    @Inject
    SettlementRuntime runtime;

    /** The body: {@code {"vouchers": [...]}}. */
    public record VoucherBatch(List<VoucherInput> vouchers) {
    }

    /** The answer: one result per voucher, in the order posted. */
    public record VoucherBatchResult(List<VoucherResult> results) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit requesters' vouchers",
            description = "Each voucher is Voucher(address requester,uint64 epoch,uint256 maxAmount) signed by the requester "
                    + "under the PaymentEscrow's EIP-712 domain (\"CipherOcto PaymentEscrow\", \"1\", chainId, escrow; "
                    + "readable with eip712Domain()). Settlement keeps the highest per requester and epoch and presents it when "
                    + "it commits the epoch; the escrow never takes more than it from the requester for the epoch.")
    @APIResponse(responseCode = "200", description = "per-voucher results (accepted, or rejected with a code)")
    @APIResponse(responseCode = "400", description = "empty_batch")
    @APIResponse(responseCode = "413", description = "batch_too_large")
    @APIResponse(responseCode = "503", description = "chain_unavailable")
    public VoucherBatchResult post(VoucherBatch batch) {
        return new VoucherBatchResult(runtime.voucherService().submit(batch == null ? null : batch.vouchers()));
    }
}
