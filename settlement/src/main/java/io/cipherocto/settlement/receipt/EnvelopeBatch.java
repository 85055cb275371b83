package io.cipherocto.settlement.receipt;

import java.util.List;

/** The body of {@code POST /api/v1/receipts/envelopes}: one or more batch-signed envelopes. */
public record EnvelopeBatch(List<EnvelopeInput> envelopes) {
}
