package io.cipherocto.contracts.protocol;

import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One keyset page of a committed epoch's jobs ({@code GET /api/v1/epochs/{n}/jobs?after=&limit=}): the epoch's
 * receipts root and receipt count as committed on chain, the jobs in job id order, and the cursor of the next page
 * ({@code next}: the last job id of this page; absent on the last page).
 */
public record JobPage(long epoch, String receiptsRoot, long count, List<EpochJob> jobs, String next) {
    /** The leaf types of the receipts tree (as {@code AttestationRegistry.receiptLeaf} hashes them). */
    public static final List<String> LEAF_TYPES =
            List.of("bytes32", "address", "uint8", "address", "bytes32", "bytes32", "uint256", "uint256");

    public JobPage {
        Objects.requireNonNull(receiptsRoot, "receiptsRoot");
        jobs = List.copyOf(jobs);
    }

    public Optional<String> nextCursor() {
        return Optional.ofNullable(next);
    }

    /** The leaf values of a job, in {@link #LEAF_TYPES} order. */
    public static List<Object> leaf(EpochJob j) {
        return List.of(j.jobId(), j.provider(), BigInteger.valueOf(j.role()), j.requester(), j.specHash(), j.outputHash(),
                new BigInteger(j.workUnits()), new BigInteger(j.fee()));
    }

    /** Whether the job's proof places its leaf under {@code receiptsRoot} (0x-hex). */
    public static boolean verify(EpochJob j, String receiptsRoot) {
        byte[] root = Hex.decode(receiptsRoot);
        List<byte[]> proof = j.proof().stream().map(Hex::decode).toList();
        return StandardMerkleTree.verify(root, StandardMerkleTree.leafHash(LEAF_TYPES, leaf(j)), proof);
    }
}
