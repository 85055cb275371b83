package io.cipherocto.verifier.testing;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.contracts.merkle.StandardMerkleTree;
import io.cipherocto.contracts.protocol.ReceiptProof;
import io.cipherocto.verifier.reexec.Job;
import io.cipherocto.verifier.runtime.JobSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test jobs as settlement would hold them: each epoch's jobs become receipts (fee 0, one work unit, one fixed
 * requester) whose tree {@link #commit} commits on chain through the RewardDistributor (as the settlement operator), so
 * that the seed can be recorded and fail attestations carry real inclusion proofs ({@link #receiptProof}).
 */
public final class CommittedJobs implements JobSource {
    public static final String REQUESTER = "0x00000000000000000000000000000000000000aa";
    public static final List<String> LEAF =
            List.of("bytes32", "address", "uint8", "address", "bytes32", "bytes32", "uint256", "uint256");

    private final Map<Long, List<Job>> jobs = new ConcurrentHashMap<>();
    private final Map<Long, StandardMerkleTree> trees = new ConcurrentHashMap<>();

    /** Adds jobs to their epochs (before the epoch is committed). */
    public CommittedJobs add(List<Job> more) {
        for (Job j : more) {
            jobs.computeIfAbsent(j.epoch(), e -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(j);
        }
        return this;
    }

    /** Commits the epoch's receipts as {@code settlement} (which must hold SETTLEMENT_ROLE); the epoch must be closed. */
    public void commit(Chain settlement, DeploymentManifest manifest, long epoch) throws Exception {
        List<Job> list = sorted(epoch);
        byte[] root = new byte[32];
        if (!list.isEmpty()) {
            List<List<Object>> leaves = new ArrayList<>();
            for (Job j : list) {
                leaves.add(leaf(j));
            }
            StandardMerkleTree tree = StandardMerkleTree.of(leaves, LEAF);
            trees.put(epoch, tree);
            root = tree.root();
        }
        var r = RewardDistributor.load(manifest.address(DeploymentManifest.REWARDS), settlement.web3j(),
                settlement.txManager(), settlement.gas())
                .commitEpoch(BigInteger.valueOf(epoch), root, BigInteger.valueOf(list.size()), new byte[32], List.of()).send();
        if (!r.isStatusOK()) {
            throw new IllegalStateException("commitEpoch(" + epoch + ") reverted");
        }
    }

    @Override
    public List<Job> jobsOf(long epoch) {
        return sorted(epoch);
    }

    @Override
    public Optional<ReceiptProof> receiptProof(long epoch, byte[] jobId) {
        StandardMerkleTree tree = trees.get(epoch);
        if (tree == null) {
            return Optional.empty();
        }
        List<Job> list = sorted(epoch);
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i).jobId(), jobId)) {
                return Optional.of(new ReceiptProof(REQUESTER, BigInteger.ONE, BigInteger.ZERO, tree.proof(i)));
            }
        }
        return Optional.empty();
    }

    private List<Job> sorted(long epoch) {
        List<Job> list = new ArrayList<>(jobs.getOrDefault(epoch, List.of()));
        list.sort(Comparator.comparing(j -> HexFormat.of().formatHex(j.jobId())));
        return list;
    }

    private static List<Object> leaf(Job j) {
        HexFormat h = HexFormat.of();
        return List.of("0x" + h.formatHex(j.jobId()), j.provider(), BigInteger.valueOf(j.role()), REQUESTER,
                "0x" + h.formatHex(j.spec().specHash()), "0x" + h.formatHex(j.claimedOutputHash()), BigInteger.ONE,
                BigInteger.ZERO);
    }
}
