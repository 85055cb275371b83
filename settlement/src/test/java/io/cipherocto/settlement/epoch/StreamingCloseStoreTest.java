package io.cipherocto.settlement.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptCode;
import io.cipherocto.settlement.receipt.ReceiptEnvelope;
import io.cipherocto.settlement.receipt.SignedEnvelope;
import io.cipherocto.settlement.receipt.SignedReceipt;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.store.StoredReceipt;
import io.cipherocto.settlement.support.SettlementTestEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.jcajce.provider.digest.Keccak;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The close read from PostgreSQL through a cursor, in batches ({@link ReceiptStore#scanEpoch}), against the close of
 * the same epoch read into memory ({@link ReceiptStore#epochReceipts}): an epoch of several batches, hundreds of
 * providers, sampled receipts of every verdict, and receipts of a batch-signed envelope. Rewards, samples, cumulative
 * tree, receipts root, requester fees and data hash are the same.
 */
@QuarkusTest
@QuarkusTestResource(value = SettlementTestEnvironment.class, restrictToAnnotatedClass = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingCloseStoreTest {
    /** Far from the chain's epochs: no worker closes it, no other test writes it. */
    private static final long EPOCH = 930_001;
    private static final int N = 2 * ReceiptStore.SCAN_BATCH + 5_000;
    private static final int IN_ENVELOPE = 600;

    @Inject
    SettlementRuntime runtime;

    /** Each stored receipt's digest and signatures, by job id. */
    private final SortedMap<String, SignedReceipt> stored = new TreeMap<>();

    @BeforeAll
    void storeTheEpoch() {
        ReceiptStore store = runtime.receiptStore();
        List<JobReceipt> all = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            all.add(MixedEpoch.receipt(EPOCH, 0x52, i, N));
        }
        // the first receipts in one batch-signed envelope (requester 0, provider 0 signed it; the rows say so)
        String digest = MixedEpoch.jobId(0xe0, 0);
        List<SignedReceipt> enveloped = new ArrayList<>();
        List<String> structHashes = new ArrayList<>();
        for (int i = 0; i < IN_ENVELOPE; i++) {
            enveloped.add(new SignedReceipt(all.get(i), sig(0xaa), sig(0xbb), MixedEpoch.jobId(0xd0, i), Optional.of(digest)));
            structHashes.add(MixedEpoch.jobId(0xd0, i));
        }
        SignedEnvelope envelope = new SignedEnvelope(new ReceiptEnvelope(EPOCH, MixedEpoch.requester(0), MixedEpoch.provider(0),
                MixedEpoch.jobId(0xe1, 0), IN_ENVELOPE), digest, sig(0xaa), sig(0xbb), structHashes);
        enveloped.forEach(r -> stored.put(r.receipt().jobId(), r));
        assertThat(store.store(enveloped, q -> BigInteger.TEN.pow(30), 0, Optional.of(envelope))).containsOnly(ReceiptCode.ACCEPTED);
        for (int from = IN_ENVELOPE; from < N; from += 10_000) {
            List<SignedReceipt> chunk = new ArrayList<>();
            for (int i = from; i < Math.min(N, from + 10_000); i++) {
                chunk.add(new SignedReceipt(all.get(i), sig(i), sig(i + 1), MixedEpoch.jobId(0xd0, i)));
            }
            chunk.forEach(r -> stored.put(r.receipt().jobId(), r));
            assertThat(store.store(chunk, q -> BigInteger.TEN.pow(30), 0)).containsOnly(ReceiptCode.ACCEPTED);
        }
        store.closeEpoch(EPOCH);
    }

    private static String sig(int v) {
        return String.format("0x%0130x", v);
    }

    @Test
    void theClose_readInBatches_isTheCloseReadIntoMemory() {
        EpochStore epochs = runtime.epochStore();
        EpochComputer computer = new EpochComputer(runtime.receiptStore(), epochs);
        List<StoredReceipt> list = computer.receipts(EPOCH);
        assertThat(list).hasSize(N);
        Map<String, Verdict> verdicts = MixedEpoch.verdicts(list);
        for (UnattestedPolicy policy : List.of(UnattestedPolicy.FEES_ONLY, UnattestedPolicy.FORFEIT)) {
            EpochComputation streamed = computer.compute(EPOCH, 99, MixedEpoch.SEED, MixedEpoch.RATE, MixedEpoch.params(policy),
                    verdicts, MixedEpoch.forfeited(), MixedEpoch.funded());
            EpochComputation inMemory = EpochComputer.computeFrom(EPOCH, 99, MixedEpoch.SEED, MixedEpoch.RATE,
                    MixedEpoch.params(policy), list, verdicts, MixedEpoch.forfeited(), MixedEpoch.funded(),
                    epochs.history(EPOCH), epochs.previousEpoch(EPOCH).map(epochs::cumulative).orElseGet(TreeMap::new),
                    (phase, nanos) -> { });
            assertThat(streamed.samples()).hasSizeGreaterThan(N / 25);
            StreamingCloseTest.assertSame(streamed, inMemory);
        }
    }

    @Test
    void theSampleSetAndFees_readInBatches_areThoseOfTheListInMemory() {
        EpochComputer computer = new EpochComputer(runtime.receiptStore(), runtime.epochStore());
        List<StoredReceipt> list = computer.receipts(EPOCH);
        EpochComputer.Sampled sampled = computer.sampled(EPOCH, MixedEpoch.SEED, MixedEpoch.RATE);
        assertThat(sampled.receipts()).isEqualTo(EpochComputer.sampledReceipts(list, MixedEpoch.SEED, MixedEpoch.RATE));
        SortedMap<String, BigInteger> fees = new TreeMap<>();
        list.forEach(r -> fees.merge(r.requester(), r.fee(), BigInteger::add));
        assertThat(sampled.requesterFees()).isEqualTo(fees);
    }

    @Test
    void theCommitment_fromLeafHashes_isTheReceiptsTreesRoot_andTheDataHashCoversEveryReceipt() {
        EpochComputer computer = new EpochComputer(runtime.receiptStore(), runtime.epochStore());
        List<StoredReceipt> list = computer.receipts(EPOCH);
        ReceiptsTree tree = ReceiptsTree.of(list);
        EpochComputer.Commitment c = computer.commitment(EPOCH);
        assertThat(c.rootHex()).isEqualTo(tree.rootHex());
        assertThat(c.size()).isEqualTo(N);
        SortedMap<String, BigInteger> fees = new TreeMap<>();
        list.forEach(r -> fees.merge(r.requester(), r.fee(), BigInteger::add));
        assertThat(c.requesterFees()).isEqualTo(fees);

        Keccak.Digest256 keccak = new Keccak.Digest256();
        assertThat(stored).hasSize(N);
        stored.values().forEach(r -> { // job id order
            keccak.update(Hex.decode(r.digest()));
            keccak.update(Hex.decode(r.providerSignature()));
            keccak.update(Hex.decode(r.requesterSignature()));
        });
        assertThat(computer.dataHash(EPOCH)).isEqualTo(keccak.digest());
        assertThat(runtime.receiptStore().envelopes(EPOCH)).hasSize(1);
    }

    @Test
    void theTreeReadInBatches_givesEveryReceiptTheProofOfTheFullTree_andAChangedReceiptNone() {
        List<StoredReceipt> list = new EpochComputer(runtime.receiptStore(), runtime.epochStore()).receipts(EPOCH);
        io.cipherocto.contracts.merkle.StandardMerkleTree full = io.cipherocto.contracts.merkle.StandardMerkleTree.of(
                list.stream().map(ReceiptsTree::leaf).toList(), ReceiptsTree.LEAF_TYPES);
        ReceiptsTree scanned = ReceiptsTree.scan(runtime.receiptStore(), EPOCH);
        assertThat(scanned.rootHex()).isEqualTo(full.rootHex());
        assertThat(scanned.size()).isEqualTo(N);
        assertThat(scanned.bytes()).isEqualTo(32L * (2 * N - 1));
        for (int i = 0; i < N; i += 97) {
            assertThat(scanned.proof(list.get(i))).as("receipt %d", i).contains(full.proofHex(i));
        }
        StoredReceipt r = list.get(N / 2);
        StoredReceipt changed = new StoredReceipt(r.jobId(), r.epoch(), r.requester(), r.provider(), r.role(), r.workUnits(),
                r.fee().add(BigInteger.ONE), r.specHash(), r.outputHash());
        assertThat(scanned.proof(changed)).isEmpty();
        assertThat(ReceiptsTree.scan(runtime.receiptStore(), EPOCH + 1_000).rootHex()).isEqualTo("0x" + "0".repeat(64));
    }
}
