package io.cipherocto.settlement.receipt;

import io.cipherocto.platform.kernel.Hex;
import java.math.BigInteger;
import java.util.Optional;

/** The field parsing and refusal messages that single-signed and batch-signed receipts share. */
final class ReceiptFields {
    private ReceiptFields() {
    }

    static <T> T required(T v, String name) {
        if (v == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    /** A decimal amount of wei: 1 to 78 ASCII digits (no sign, no exponent), parsed exactly. */
    static BigInteger amount(String s, String name) {
        required(s, name);
        int len = s.length();
        if (len == 0 || len > 78) {
            throw new IllegalArgumentException(name + " must be a decimal integer of wei");
        }
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(name + " must be a decimal integer of wei");
            }
        }
        return len <= 18 ? BigInteger.valueOf(Long.parseLong(s)) : new BigInteger(s);
    }

    /** A 65-byte {@code r || s || v} signature as 0x + 130 hex digits. */
    static Optional<byte[]> signature(String s) {
        return Hex.normalize(s, 65).map(Hex::decode);
    }

    /** The message of a receipt refused (or found duplicate) by the store's checks. */
    static String message(ReceiptCode code, JobReceipt r) {
        return switch (code) {
            case ACCEPTED -> null;
            case DUPLICATE -> "this receipt was already accepted";
            case JOB_ID_CONFLICT -> "a different receipt with jobId " + r.jobId() + " is stored in epoch " + r.epoch();
            case INSUFFICIENT_ESCROW -> "escrow of " + r.requester() + " does not cover this fee on top of its accepted receipts";
            default -> code.code();
        };
    }
}
