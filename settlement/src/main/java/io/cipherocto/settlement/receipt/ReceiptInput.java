package io.cipherocto.settlement.receipt;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One receipt as posted: the JobReceipt fields, both signatures and, optionally, the domain the signers used
 * ({@code chainId}, {@code verifyingContract}; when given they must be this deployment's, else {@code wrong_domain}).
 * Amounts are decimal strings of wei (JSON numbers are accepted too).
 */
@Schema(description = "A signed JobReceipt")
public record ReceiptInput(
        @Schema(examples = "0x0000000000000000000000000000000000000000000000000000000000000001") String jobId,
        @Schema(examples = "0") Long epoch,
        @Schema(examples = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc") String requester,
        @Schema(examples = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String provider,
        @Schema(examples = "0") Integer role,
        @Schema(examples = "0x1111111111111111111111111111111111111111111111111111111111111111") String kernel,
        @Schema(examples = "0x2222222222222222222222222222222222222222222222222222222222222222") String specHash,
        @Schema(examples = "0x3333333333333333333333333333333333333333333333333333333333333333") String outputHash,
        @Schema(examples = "1000") String workUnits,
        @Schema(examples = "1000000000000000000") String fee,
        @Schema(description = "65-byte r||s||v signature of the provider over the EIP-712 digest") String providerSignature,
        @Schema(description = "65-byte r||s||v signature of the requester over the EIP-712 digest") String requesterSignature,
        @Schema(description = "optional: the chain id the signers used") Long chainId,
        @Schema(description = "optional: the verifyingContract the signers used") String verifyingContract) {
}
