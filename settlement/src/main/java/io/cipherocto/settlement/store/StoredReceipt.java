package io.cipherocto.settlement.store;

import java.math.BigInteger;

/** The fields of a stored receipt settlement needs (addresses and job id lower-case 0x-hex, amounts wei). */
public record StoredReceipt(String jobId, long epoch, String requester, String provider, int role, BigInteger workUnits,
        BigInteger fee) {
}
