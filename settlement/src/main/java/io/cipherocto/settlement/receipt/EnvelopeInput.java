package io.cipherocto.settlement.receipt;

import io.cipherocto.settlement.voucher.VoucherInput;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A batch-signed envelope as posted: the {@link ReceiptEnvelope} fields, both 65-byte signatures over its EIP-712
 * digest, its receipts, and optionally the requester's signed voucher for the epoch (stored first, as
 * {@code POST /api/v1/vouchers} would), and the domain the signers used ({@code chainId}, {@code verifyingContract}; when
 * given they must be this deployment's).
 */
@Schema(description = "A batch-signed envelope of JobReceipts")
public record EnvelopeInput(
        @Schema(examples = "0") Long epoch,
        @Schema(examples = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc") String requester,
        @Schema(examples = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String provider,
        @Schema(description = "root of the StandardMerkleTree ([\"bytes32\"]) of the receipts' EIP-712 struct hashes")
        String receiptsRoot,
        @Schema(description = "number of receipts (leaves)") Integer count,
        @Schema(description = "65-byte r||s||v signature of the provider over the envelope's EIP-712 digest")
        String providerSignature,
        @Schema(description = "65-byte r||s||v signature of the requester over the envelope's EIP-712 digest")
        String requesterSignature,
        List<EnvelopeReceiptInput> receipts,
        @Schema(description = "optional: the requester's signed voucher for the epoch") VoucherInput voucher,
        @Schema(description = "optional: the chain id the signers used") Long chainId,
        @Schema(description = "optional: the verifyingContract the signers used") String verifyingContract) {
}
