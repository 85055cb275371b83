package io.cipherocto.governance.api;

import io.cipherocto.platform.api.ApiException;
import java.math.BigInteger;
import java.util.Locale;

/** Path and query parameter parsing with 400 invalid_field answers. */
final class Ids {
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Ids() {
    }

    static BigInteger proposalId(String s, String field) {
        if (s == null || s.isEmpty() || s.length() > 78 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("invalid_field", field + ": must be a decimal uint256");
        }
        BigInteger v = new BigInteger(s);
        if (v.compareTo(UINT256_MAX) > 0) {
            throw ApiException.badRequest("invalid_field", field + ": out of uint256 range");
        }
        return v;
    }

    static String address(String s) {
        if (s == null || !s.matches("0[xX][0-9a-fA-F]{40}")) {
            throw ApiException.badRequest("invalid_field", "address: must be a 0x-prefixed 20-byte hex address");
        }
        return "0x" + s.substring(2).toLowerCase(Locale.ROOT);
    }
}
