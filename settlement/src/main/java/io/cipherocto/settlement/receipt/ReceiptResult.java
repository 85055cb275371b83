package io.cipherocto.settlement.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of one posted receipt: its index in the batch, its jobId (when parseable), status and code. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReceiptResult(int index, String jobId, String status, String code, String message) {
    public static ReceiptResult of(int index, String jobId, ReceiptCode code, String message) {
        String status = code == ReceiptCode.ACCEPTED ? "accepted" : code == ReceiptCode.DUPLICATE ? "duplicate" : "rejected";
        return new ReceiptResult(index, jobId, status, code.code(), message);
    }
}
