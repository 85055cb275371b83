package io.cipherocto.settlement.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link RewardSums}, summed in any order and merged from parts, holds the sums of the per-receipt loop that
 * {@link RewardCalculator} ran before the sums were split out (kept here as the reference, verbatim).
 */
class RewardSumsTest {
    private static final Verdict[] VERDICTS = {null, null, null, Verdict.PASS, Verdict.FAIL, Verdict.UNATTESTED,
            Verdict.UNVERIFIABLE};

    /** The reference: the loop of RewardCalculator.compute before RewardSums (every receipt funded). */
    private record Reference(Map<String, BigInteger> requesterSums, Map<String, BigInteger> grossSums,
            Map<String, BigInteger> refundSums, BigInteger forfeitSum, Map<Integer, Map<String, BigInteger>> workSums) {
        static Reference of(List<StoredReceipt> receipts, Map<String, Verdict> verdicts, Set<String> forfeited,
                UnattestedPolicy policy) {
            Map<String, BigInteger> requesterSums = new HashMap<>();
            Map<String, BigInteger> grossSums = new HashMap<>();
            Map<String, BigInteger> refundSums = new HashMap<>();
            BigInteger forfeitSum = BigInteger.ZERO;
            Map<Integer, Map<String, BigInteger>> workSums = new HashMap<>();
            for (StoredReceipt r : receipts) {
                Verdict v = verdicts.get(r.jobId());
                boolean sampled = v != null;
                requesterSums.merge(r.requester(), r.fee(), BigInteger::add);
                boolean unattestedUnpaid = v == Verdict.UNATTESTED
                        && (policy == UnattestedPolicy.NONE || policy == UnattestedPolicy.FORFEIT);
                boolean billable = !forfeited.contains(r.provider()) && v != Verdict.FAIL && v != Verdict.UNVERIFIABLE
                        && !unattestedUnpaid;
                if (!billable) {
                    if (unattestedUnpaid && policy == UnattestedPolicy.FORFEIT && !forfeited.contains(r.provider())) {
                        forfeitSum = forfeitSum.add(r.fee());
                    } else {
                        refundSums.merge(r.requester(), r.fee(), BigInteger::add);
                    }
                    continue;
                }
                grossSums.merge(r.provider(), r.fee(), BigInteger::add);
                boolean eligible = !sampled || v == Verdict.PASS || policy == UnattestedPolicy.FULL;
                if (eligible && r.workUnits().signum() > 0) {
                    workSums.computeIfAbsent(r.role(), k -> new HashMap<>()).merge(r.provider(), r.workUnits(), BigInteger::add);
                }
            }
            return new Reference(requesterSums, grossSums, refundSums, forfeitSum, workSums);
        }
    }

    @Test
    void theSums_inAnyOrderAndMergedFromParts_areThoseOfTheReferenceLoop() {
        Random random = new Random(42);
        List<StoredReceipt> receipts = new ArrayList<>();
        Map<String, Verdict> verdicts = new HashMap<>();
        for (int i = 0; i < 5_000; i++) {
            String job = String.format("0x%064x", i);
            BigInteger fee = random.nextInt(10) == 0 ? BigInteger.ZERO : BigInteger.valueOf(random.nextLong() >>> 1)
                    .multiply(BigInteger.valueOf(1 + random.nextInt(1_000)));
            receipts.add(new StoredReceipt(job, 1, String.format("0x%040x", random.nextInt(7)),
                    String.format("0x%040x", 0x1000 + random.nextInt(300)), random.nextInt(6),
                    BigInteger.valueOf(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000)), fee));
            Verdict v = VERDICTS[random.nextInt(VERDICTS.length)];
            if (v != null) {
                verdicts.put(job, v);
            }
        }
        Set<String> forfeited = Set.of(String.format("0x%040x", 0x1003), String.format("0x%040x", 0x1100));
        for (UnattestedPolicy policy : UnattestedPolicy.values()) {
            Reference ref = Reference.of(receipts, verdicts, forfeited, policy);
            List<StoredReceipt> shuffled = new ArrayList<>(receipts);
            Collections.shuffle(shuffled, random);
            RewardSums whole = new RewardSums(policy);
            RewardSums first = new RewardSums(policy);
            RewardSums second = new RewardSums(policy);
            for (int i = 0; i < shuffled.size(); i++) {
                StoredReceipt r = shuffled.get(i);
                whole.add(r.requester(), r.provider(), r.role(), r.workUnits(), r.fee(), verdicts.get(r.jobId()),
                        forfeited.contains(r.provider()));
                (i % 3 == 0 ? first : second).add(r.requester(), r.provider(), r.role(), r.workUnits(), r.fee(),
                        verdicts.get(r.jobId()), forfeited.contains(r.provider()));
            }
            first.addAll(second);
            for (RewardSums sums : List.of(whole, first)) {
                assertThat(sums.requesterSums).isEqualTo(ref.requesterSums());
                assertThat(sums.refundSums).isEqualTo(ref.refundSums());
                assertThat(sums.forfeitSum).isEqualTo(ref.forfeitSum());
                assertThat(sums.gross()).isEqualTo(new TreeMap<>(ref.grossSums()));
                TreeMap<Integer, Map<String, BigInteger>> work = new TreeMap<>();
                ref.workSums().forEach((role, m) -> work.put(role, new TreeMap<>(m)));
                assertThat(sums.work()).isEqualTo(work);
            }
        }
    }
}
