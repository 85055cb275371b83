package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.EpochRewards;
import io.cipherocto.settlement.rewards.Verdict;
import java.math.BigInteger;
import java.util.List;

/** Everything one epoch's settlement produced, as it is stored and published. */
public record EpochComputation(long epoch, long closingBlock, String seed, BigInteger samplingRateWad, ObjectNode params,
        long receiptCount, List<Sample> samples, EpochRewards rewards, ObjectNode totals, CumulativeTree tree) {

    /** A sampled receipt and its verdict. */
    public record Sample(String jobId, String provider, Verdict verdict) {
    }

    public long count(Verdict v) {
        return samples.stream().filter(s -> s.verdict() == v).count();
    }
}
