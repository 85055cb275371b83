package io.cipherocto.settlement.store;

import java.math.BigInteger;

/**
 * The fields of a stored receipt settlement needs (addresses, job id and hashes lower-case 0x-hex, amounts wei): the
 * reward inputs and the fields of its leaf in the epoch's committed receipts tree.
 */
public record StoredReceipt(String jobId, long epoch, String requester, String provider, int role, BigInteger workUnits,
        BigInteger fee, String specHash, String outputHash) {
    private static final String ZERO32 = "0x" + "0".repeat(64);

    /** A receipt whose spec and output hashes do not matter (reward tests). */
    public StoredReceipt(String jobId, long epoch, String requester, String provider, int role, BigInteger workUnits,
            BigInteger fee) {
        this(jobId, epoch, requester, provider, role, workUnits, fee, ZERO32, ZERO32);
    }
}
