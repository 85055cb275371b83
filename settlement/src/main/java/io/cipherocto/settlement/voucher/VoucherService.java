package io.cipherocto.settlement.voucher;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.eip712.Voucher;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.crypto.SignatureRecovery;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.platform.kernel.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks requesters' vouchers (the requester's own signature over Voucher(requester, epoch, maxAmount) under the
 * escrow's domain) and keeps the highest per (requester, epoch). A voucher for an epoch already closed for receipts is
 * still kept while the epoch is not committed; the commit presents whatever is stored then.
 */
public class VoucherService {
    /** Most vouchers in one request. */
    public static final int MAX_BATCH = 1_000;

    private final Eip712Domain domain;
    private final VoucherStore store;
    private final SignatureRecovery recovery;

    public VoucherService(Eip712Domain escrowDomain, VoucherStore store, SignatureRecovery recovery) {
        this.domain = Objects.requireNonNull(escrowDomain, "escrowDomain");
        this.store = Objects.requireNonNull(store, "store");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
    }

    public Eip712Domain domain() {
        return domain;
    }

    /** @throws ApiException 400 {@code empty_batch}, 413 {@code batch_too_large} */
    public List<VoucherResult> submit(List<VoucherInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw ApiException.badRequest("empty_batch", "no vouchers (body: {\"vouchers\": [...]})");
        }
        if (inputs.size() > MAX_BATCH) {
            throw ApiException.payloadTooLarge("batch_too_large", "at most " + MAX_BATCH + " vouchers, got " + inputs.size());
        }
        List<VoucherResult> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(one(i, inputs.get(i)));
        }
        return out;
    }

    private VoucherResult one(int i, VoucherInput in) {
        if (in == null) {
            return VoucherResult.rejected(i, "invalid_field", "voucher is null");
        }
        Optional<String> requester = Optional.ofNullable(in.requester()).flatMap(Address::tryParse).map(Address::toString);
        if (requester.isEmpty()) {
            return VoucherResult.rejected(i, "invalid_field", "requester must be an address");
        }
        if (in.epoch() == null || in.epoch() < 0) {
            return VoucherResult.rejected(i, "invalid_field", "epoch must be an integer >= 0");
        }
        BigInteger max;
        try {
            max = Wei.parse(in.maxAmount()).value();
        } catch (IllegalArgumentException e) {
            return VoucherResult.rejected(i, "invalid_field", "maxAmount must be a decimal uint256");
        }
        Optional<byte[]> sig = Optional.ofNullable(in.signature()).flatMap(s -> Hex.normalize(s, 65)).map(Hex::decode);
        if (sig.isEmpty()) {
            return VoucherResult.rejected(i, "invalid_field", "signature must be 65 bytes of 0x-hex");
        }
        byte[] digest = new Voucher(requester.get(), in.epoch(), max).digest(domain);
        if (!recovery.recoverAddress(digest, sig.get()).map(requester.get()::equals).orElse(false)) {
            return VoucherResult.rejected(i, "bad_voucher_signature", "the signature does not recover to the requester "
                    + "under the domain (\"" + domain.name() + "\", \"" + domain.version() + "\", " + domain.chainId() + ", "
                    + domain.verifyingContract() + ")");
        }
        store.upsert(requester.get(), in.epoch(), max, Hex.encode(sig.get()));
        return VoucherResult.accepted(i);
    }
}
