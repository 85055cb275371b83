package io.cipherocto.settlement.epoch;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.Reputation;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The streaming close ({@link EpochTally}, {@link ReceiptsRoot}: receipts in batches, in any order, summed as they
 * arrive) gives what the in-memory close gives for the whole list in job id order ({@link EpochComputer#computeFrom},
 * {@link ReceiptsTree#of}), bit for bit: samples, rewards, totals, cumulative tree, receipts root.
 */
class StreamingCloseTest {
    private static final int N = 24_000;
    private static final List<StoredReceipt> EPOCH = MixedEpoch.receipts(7, 0x51, N);

    @Test
    void theStreamingClose_inShuffledBatches_givesTheInMemoryResult_underEveryPolicy() {
        for (UnattestedPolicy policy : UnattestedPolicy.values()) {
            closeBothWays(policy);
        }
    }

    private static void closeBothWays(UnattestedPolicy policy) {
        Map<String, Verdict> verdicts = MixedEpoch.verdicts(EPOCH);
        Map<String, Reputation> history = MixedEpoch.history();
        SortedMap<CumulativeTree.Key, BigInteger> previous = MixedEpoch.previous();
        EpochComputation inMemory = EpochComputer.computeFrom(7, 99, MixedEpoch.SEED, MixedEpoch.RATE,
                MixedEpoch.params(policy), EPOCH, verdicts, MixedEpoch.forfeited(), MixedEpoch.funded(), history, previous,
                (phase, nanos) -> { });

        EpochTally tally = new EpochTally(MixedEpoch.SEED, MixedEpoch.RATE, MixedEpoch.forfeited(), MixedEpoch.funded(), policy);
        inShuffledBatches(EPOCH, policy.ordinal(), tally::accept);
        EpochComputation streamed = EpochComputer.computeFrom(7, 99, MixedEpoch.SEED, MixedEpoch.RATE,
                MixedEpoch.params(policy), tally.finish(verdicts), history, previous, (phase, nanos) -> { });

        assertThat(inMemory.samples()).hasSizeGreaterThan(N / 25); // about 5 %
        assertThat(inMemory.rewards().forfeited()).isNotEmpty();
        assertSame(streamed, inMemory);
    }

    @Test
    void theFeesOfAnUnfundedRequester_earnNothing_andAFreeRequestersWorkCounts() {
        EpochTally tally = new EpochTally(MixedEpoch.SEED, MixedEpoch.RATE, p -> false, MixedEpoch.funded(),
                UnattestedPolicy.FULL);
        inShuffledBatches(EPOCH, 5, tally::accept);
        EpochComputation c = EpochComputer.computeFrom(7, 99, MixedEpoch.SEED, MixedEpoch.RATE,
                MixedEpoch.params(UnattestedPolicy.FULL), tally.finish(Map.of()), Map.of(), new TreeMap<>(), (p, n) -> { });
        assertThat(c.rewards().requesterFees()).doesNotContainKeys(MixedEpoch.requester(0), MixedEpoch.requester(2),
                MixedEpoch.requester(3)).containsKey(MixedEpoch.requester(1));
        // requester 0 pays nothing but its receipts' work earns emission: more providers than the paying ones' share
        assertThat(c.rewards().reputationBps()).hasSize(MixedEpoch.PROVIDERS);
    }

    @Test
    void theReceiptsRoot_fromLeafHashesInAnyOrder_isTheTreesRoot() {
        ReceiptsTree tree = ReceiptsTree.of(EPOCH);
        ReceiptsRoot root = new ReceiptsRoot();
        inShuffledBatches(EPOCH, 11, root::accept);
        assertThat(root.size()).isEqualTo(tree.size());
        assertThat(root.root()).isEqualTo(tree.root());
        assertThat(root.root()).isEqualTo(tree.root()); // asked twice
        SortedMap<String, BigInteger> fees = new TreeMap<>();
        EPOCH.forEach(r -> fees.merge(r.requester(), r.fee(), BigInteger::add));
        assertThat(root.fees()).isEqualTo(fees);
    }

    @Test
    void anEmptyEpoch_hasTheZeroRoot_andNoSamples() {
        ReceiptsRoot root = new ReceiptsRoot();
        assertThat(root.root()).isEqualTo(ReceiptsTree.of(List.of()).root());
        EpochTally tally = new EpochTally(MixedEpoch.SEED, MixedEpoch.RATE, p -> false, r -> true, UnattestedPolicy.FULL);
        EpochComputation c = EpochComputer.computeFrom(7, 99, MixedEpoch.SEED, MixedEpoch.RATE,
                MixedEpoch.params(UnattestedPolicy.FULL), tally.finish(Map.of()), Map.of(), new TreeMap<>(), (p, n) -> { });
        EpochComputation inMemory = EpochComputer.computeFrom(7, 99, MixedEpoch.SEED, MixedEpoch.RATE,
                MixedEpoch.params(UnattestedPolicy.FULL), List.of(), Map.of(), p -> false, r -> true, Map.of(), new TreeMap<>(),
                (p, n) -> { });
        assertSame(c, inMemory);
    }

    static void assertSame(EpochComputation streamed, EpochComputation inMemory) {
        assertThat(streamed.receiptCount()).isEqualTo(inMemory.receiptCount());
        assertThat(streamed.samples()).isEqualTo(inMemory.samples());
        assertThat(streamed.rewards()).isEqualTo(inMemory.rewards());
        assertThat(streamed.totals()).isEqualTo(inMemory.totals());
        assertThat(streamed.params()).isEqualTo(inMemory.params());
        assertThat(streamed.tree().cumulative()).isEqualTo(inMemory.tree().cumulative());
        assertThat(streamed.tree().tree().rootHex()).isEqualTo(inMemory.tree().tree().rootHex());
        assertThat(streamed.tree().tree().dump()).isEqualTo(inMemory.tree().tree().dump());
    }

    /** {@code list} shuffled (seeded) and cut into batches of 1 to 5,000 receipts. */
    static void inShuffledBatches(List<StoredReceipt> list, long seed, Consumer<List<StoredReceipt>> each) {
        List<StoredReceipt> shuffled = new ArrayList<>(list);
        Random random = new Random(seed);
        Collections.shuffle(shuffled, random);
        for (int from = 0; from < shuffled.size(); ) {
            int to = Math.min(shuffled.size(), from + 1 + random.nextInt(5_000));
            each.accept(new ArrayList<>(shuffled.subList(from, to)));
            from = to;
        }
    }
}
