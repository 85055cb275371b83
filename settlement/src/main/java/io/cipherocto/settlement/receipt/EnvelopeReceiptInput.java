package io.cipherocto.settlement.receipt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One receipt inside an envelope: the JobReceipt fields that vary per receipt. Its epoch, requester and provider are
 * the envelope's. Amounts are decimal strings of wei.
 */
@Schema(description = "A JobReceipt inside a batch-signed envelope (epoch, requester and provider are the envelope's)")
public record EnvelopeReceiptInput(
        @Schema(examples = "0x0000000000000000000000000000000000000000000000000000000000000001") String jobId,
        @Schema(examples = "0") Integer role,
        @Schema(examples = "0x1111111111111111111111111111111111111111111111111111111111111111") String kernel,
        @Schema(examples = "0x2222222222222222222222222222222222222222222222222222222222222222") String specHash,
        @Schema(examples = "0x3333333333333333333333333333333333333333333333333333333333333333") String outputHash,
        @Schema(examples = "1000") String workUnits,
        @Schema(examples = "1000000000000000000") String fee) {
}
