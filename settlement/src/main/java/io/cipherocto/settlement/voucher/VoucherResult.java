package io.cipherocto.settlement.voucher;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of one posted voucher: {@code accepted}, or {@code rejected} with a code and a message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VoucherResult(int index, String status, String code, String message) {
    static VoucherResult accepted(int index) {
        return new VoucherResult(index, "accepted", "accepted", null);
    }

    static VoucherResult rejected(int index, String code, String message) {
        return new VoucherResult(index, "rejected", code, message);
    }
}
