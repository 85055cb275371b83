package io.cipherocto.governance.api;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Wei;
import java.math.BigInteger;

/** Path and query parameter parsing with 400 invalid_field answers. */
final class Ids {

    private Ids() {
    }

    static BigInteger proposalId(String s, String field) {
        if (s == null || s.isEmpty() || s.length() > 78 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest("invalid_field", field + ": must be a decimal uint256");
        }
        BigInteger v = new BigInteger(s);
        if (!Wei.fitsUint256(v)) {
            throw ApiException.badRequest("invalid_field", field + ": out of uint256 range");
        }
        return v;
    }

    static String address(String s) {
        return Address.tryParse(s).map(Address::toString).orElseThrow(() ->
                ApiException.badRequest("invalid_field", "address: must be a 0x-prefixed 20-byte hex address"));
    }
}
