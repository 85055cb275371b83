package io.cipherocto.settlement.voucher;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A requester's signed Voucher(address requester,uint64 epoch,uint256 maxAmount) as posted, under the PaymentEscrow's
 * EIP-712 domain ("CipherOcto PaymentEscrow", "1", chainId, escrow). {@code maxAmount} is a decimal string of wei.
 */
@Schema(description = "A requester's signed voucher for one epoch")
public record VoucherInput(
        @Schema(examples = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc") String requester,
        @Schema(examples = "0") Long epoch,
        @Schema(examples = "5000000000000000000") String maxAmount,
        @Schema(description = "65-byte r||s||v signature of the requester over the EIP-712 digest") String signature) {
}
