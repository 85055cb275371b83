package io.cipherocto.settlement.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.cipherocto.settlement.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RewardCalculatorTest {
    private static final String OCTO = "0x00000000000000000000000000000000000000c0";
    private static final String TREASURY = "0x00000000000000000000000000000000000000fe";
    private static final String ROLE0 = "0x0000000000000000000000000000000000000a00";
    private static final String P1 = "0x0000000000000000000000000000000000000001";
    private static final String P2 = "0x0000000000000000000000000000000000000002";
    private static final String P3 = "0x0000000000000000000000000000000000000003";
    private static final String R1 = "0x00000000000000000000000000000000000000b1";
    private static final String R2 = "0x00000000000000000000000000000000000000b2";
    private static final BigInteger FEE_WAD = new BigInteger("50000000000000000"); // 5%
    private int jobs;

    private static RewardParams params(BigInteger budget, UnattestedPolicy policy) {
        SortedMap<Integer, String> roles = new TreeMap<>(Map.of(0, ROLE0));
        SortedMap<String, BigInteger> budgets = new TreeMap<>(Map.of(ROLE0, budget));
        return new RewardParams(FEE_WAD, OCTO, TREASURY, roles, budgets, policy);
    }

    private StoredReceipt r(String requester, String provider, long work, long fee) {
        return new StoredReceipt(String.format("0x%064x", ++jobs), 0, requester, provider, 0, BigInteger.valueOf(work),
                BigInteger.valueOf(fee));
    }

    private static BigInteger amount(EpochRewards e, String earner, String token) {
        return e.allocations().stream().filter(a -> a.earner().equals(earner) && a.token().equals(token))
                .map(Allocation::amount).findFirst().orElse(BigInteger.ZERO);
    }

    @Test
    void compute_takesTheProtocolFeeLikeTheContract_floorsProviderFees_andSendsTheDustToTheTreasuryLeaf() {
        // Gross 33 and 34 wei: debited 67, protocolFee floor(67 * 0.05) = 3, provider fees floor(33*0.95)=31, floor(34*0.95)=32.
        List<StoredReceipt> receipts = List.of(r(R1, P1, 10, 33), r(R2, P2, 10, 34));
        EpochRewards e = RewardCalculator.compute(receipts, Map.of(), Set.of(), Map.of(), params(BigInteger.ZERO,
                UnattestedPolicy.FEES_ONLY));
        assertThat(e.debited()).isEqualTo(BigInteger.valueOf(67));
        assertThat(e.protocolFee()).isEqualTo(BigInteger.valueOf(3));
        assertThat(e.providerFees()).containsEntry(P1, BigInteger.valueOf(31)).containsEntry(P2, BigInteger.valueOf(32));
        assertThat(e.feeDust()).isEqualTo(BigInteger.ONE);
        assertThat(amount(e, TREASURY, OCTO)).isEqualTo(BigInteger.ONE);
        assertThat(e.requesterFees()).containsEntry(R1, BigInteger.valueOf(33)).containsEntry(R2, BigInteger.valueOf(34));
        BigInteger leaves = e.allocations().stream().map(Allocation::amount).reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(leaves).isEqualTo(e.octoFunded());
    }

    @Test
    void compute_forfeitsEveryReceiptOfAProviderWithAFailInTheEpoch_andRefundsItsRequesters() {
        List<StoredReceipt> receipts = List.of(r(R1, P1, 10, 1_000), r(R2, P2, 10, 5_000), r(R2, P2, 10, 5_000));
        EpochRewards e = RewardCalculator.compute(receipts, Map.of(), Set.of(P2), Map.of(),
                params(BigInteger.valueOf(1_000_000), UnattestedPolicy.FEES_ONLY));
        // The escrow reserved every fee at commit; the forfeited provider's go back to R2 (net of the 5 % fee).
        assertThat(e.requesterFees()).containsEntry(R1, BigInteger.valueOf(1_000)).containsEntry(R2, BigInteger.valueOf(10_000));
        assertThat(e.refunds()).containsOnlyKeys(R2).containsEntry(R2, BigInteger.valueOf(9_500));
        assertThat(amount(e, R2, OCTO)).isEqualTo(BigInteger.valueOf(9_500));
        assertThat(amount(e, P2, OCTO)).isZero();
        assertThat(amount(e, P2, ROLE0)).isZero();
        assertThat(amount(e, P1, ROLE0)).isEqualTo(BigInteger.valueOf(1_000_000));
        assertThat(e.forfeited()).containsExactly(P2);
    }

    @Test
    void compute_paysFeesButNoEmissionForUnattestedSamples_underFeesOnly_andNothingUnderNone() {
        StoredReceipt attested = r(R1, P1, 100, 1_000);
        StoredReceipt unattested = r(R1, P2, 100, 1_000);
        Map<String, Verdict> verdicts = Map.of(attested.jobId(), Verdict.PASS, unattested.jobId(), Verdict.UNATTESTED);
        EpochRewards feesOnly = RewardCalculator.compute(List.of(attested, unattested), verdicts, Set.of(), Map.of(),
                params(BigInteger.valueOf(1_000), UnattestedPolicy.FEES_ONLY));
        assertThat(amount(feesOnly, P2, OCTO)).isEqualTo(BigInteger.valueOf(950));
        assertThat(amount(feesOnly, P2, ROLE0)).isZero();
        assertThat(amount(feesOnly, P1, ROLE0)).isEqualTo(BigInteger.valueOf(1_000));

        EpochRewards none = RewardCalculator.compute(List.of(attested, unattested), verdicts, Set.of(), Map.of(),
                params(BigInteger.valueOf(1_000), UnattestedPolicy.NONE));
        assertThat(amount(none, P2, OCTO)).isZero();
        assertThat(none.debited()).isEqualTo(BigInteger.valueOf(2_000));
        assertThat(amount(none, R1, OCTO)).as("the unpaid sample's fee refunded").isEqualTo(BigInteger.valueOf(950));

        EpochRewards full = RewardCalculator.compute(List.of(attested, unattested), verdicts, Set.of(), Map.of(),
                params(BigInteger.valueOf(1_000), UnattestedPolicy.FULL));
        assertThat(amount(full, P2, ROLE0)).isEqualTo(BigInteger.valueOf(500));
    }

    @Test
    void compute_underTheGovernedPolicies_neverPaysTheProviderOfAnUnattestedSample_refundOrForfeitToTheTreasury() {
        StoredReceipt attested = r(R1, P1, 100, 1_000);
        StoredReceipt unattested = r(R1, P2, 100, 1_001);
        Map<String, Verdict> verdicts = Map.of(attested.jobId(), Verdict.PASS, unattested.jobId(), Verdict.UNATTESTED);
        for (int code : new int[] {0, 1}) {
            UnattestedPolicy policy = UnattestedPolicy.ofChain(code);
            EpochRewards e = RewardCalculator.compute(List.of(attested, unattested), verdicts, Set.of(), Map.of(),
                    params(BigInteger.valueOf(1_000), policy));
            assertThat(amount(e, P2, OCTO)).as("%s: no fee for the unattested sample's provider", policy).isZero();
            assertThat(amount(e, P2, ROLE0)).as("%s: no emission", policy).isZero();
            assertThat(e.debited()).isEqualTo(BigInteger.valueOf(2_001));
        }
        EpochRewards forfeit = RewardCalculator.compute(List.of(attested, unattested), verdicts, Set.of(), Map.of(),
                params(BigInteger.valueOf(1_000), UnattestedPolicy.FORFEIT));
        assertThat(amount(forfeit, R1, OCTO)).as("the requester is not refunded under FORFEIT").isZero();
        assertThat(forfeit.forfeitedToTreasury()).isEqualTo(BigInteger.valueOf(950)); // floor(1001 * 0.95)
        assertThat(amount(forfeit, TREASURY, OCTO)).isEqualTo(forfeit.feeDust().add(BigInteger.valueOf(950)));
        EpochRewards refund = RewardCalculator.compute(List.of(attested, unattested), verdicts, Set.of(), Map.of(),
                params(BigInteger.valueOf(1_000), UnattestedPolicy.NONE));
        assertThat(amount(refund, R1, OCTO)).isEqualTo(BigInteger.valueOf(950));
        assertThat(refund.forfeitedToTreasury()).isZero();
    }

    @Test
    void compute_splitsTheEmissionByWorkTimesReputation_flooringEachShare_withinTheBudget() {
        // Equal work; P1 has 50 passes (1.5x), P2 none (1.0x), P3 one fail (0.75x): weights 15000:10000:7500 of 1000.
        List<StoredReceipt> receipts = List.of(r(R1, P1, 7, 1), r(R1, P2, 7, 1), r(R1, P3, 7, 1));
        Map<String, Reputation> history = Map.of(P1, new Reputation(80, 0), P3, new Reputation(0, 1));
        EpochRewards e = RewardCalculator.compute(receipts, Map.of(), Set.of(), history,
                params(BigInteger.valueOf(1_000), UnattestedPolicy.FEES_ONLY));
        assertThat(amount(e, P1, ROLE0)).isEqualTo(BigInteger.valueOf(461)); // floor(1000*15000/32500)
        assertThat(amount(e, P2, ROLE0)).isEqualTo(BigInteger.valueOf(307)); // floor(1000*10000/32500)
        assertThat(amount(e, P3, ROLE0)).isEqualTo(BigInteger.valueOf(230)); // floor(1000*7500/32500)
        assertThat(e.emissions()).containsEntry(ROLE0, BigInteger.valueOf(998)); // 2 wei remainder not minted
        assertThat(e.reputationBps()).containsEntry(P1, 15_000L).containsEntry(P2, 10_000L).containsEntry(P3, 7_500L);
    }

    @Test
    void compute_failVerdictOfTheVerifier_earnsNothingForThatReceipt_evenBeforeTheChainForfeitsTheProvider() {
        StoredReceipt failed = r(R1, P1, 100, 1_000);
        StoredReceipt ok = r(R1, P1, 100, 1_000);
        EpochRewards e = RewardCalculator.compute(List.of(failed, ok), Map.of(failed.jobId(), Verdict.FAIL), Set.of(),
                Map.of(), params(BigInteger.valueOf(10), UnattestedPolicy.FEES_ONLY));
        assertThat(e.debited()).isEqualTo(BigInteger.valueOf(2_000));
        assertThat(amount(e, P1, OCTO)).isEqualTo(BigInteger.valueOf(950));
        assertThat(amount(e, R1, OCTO)).as("the failed receipt's fee refunded").isEqualTo(BigInteger.valueOf(950));
    }

    @Test
    void compute_paysNothingForAnUnverifiableSample_whateverThePolicy_andRefundsItsRequester() {
        StoredReceipt withheld = r(R1, P1, 100, 1_000);
        for (UnattestedPolicy policy : UnattestedPolicy.values()) {
            EpochRewards e = RewardCalculator.compute(List.of(withheld), Map.of(withheld.jobId(), Verdict.UNVERIFIABLE),
                    Set.of(), Map.of(), params(BigInteger.valueOf(1_000), policy));
            assertThat(amount(e, P1, OCTO)).as("%s", policy).isZero();
            assertThat(amount(e, P1, ROLE0)).as("%s", policy).isZero();
            assertThat(amount(e, R1, OCTO)).as("%s", policy).isEqualTo(BigInteger.valueOf(950));
        }
    }

    @Test
    void compute_givesNothingForTheReceiptsOfAnUnfundedRequester_neitherFeeNorEmission() {
        StoredReceipt paid = r(R1, P1, 100, 1_000);
        StoredReceipt unpaid = r(R2, P2, 100, 1_000);
        EpochRewards e = RewardCalculator.compute(List.of(paid, unpaid), Map.of(), Set.of(), r -> r.equals(R1), Map.of(),
                params(BigInteger.valueOf(1_000), UnattestedPolicy.FEES_ONLY));
        assertThat(e.requesterFees()).containsOnlyKeys(R1);
        assertThat(e.debited()).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(amount(e, P2, OCTO)).isZero();
        assertThat(amount(e, P2, ROLE0)).isZero();
        assertThat(amount(e, P1, ROLE0)).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(e.refunds()).isEmpty();
    }

    @Test
    void compute_keepsEveryTotalEqualToTheSumOfItsParts_overManyRandomEpochs() {
        java.util.Random rnd = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            List<StoredReceipt> receipts = new ArrayList<>();
            int n = 1 + rnd.nextInt(50);
            for (int i = 0; i < n; i++) {
                String p = String.format("0x%040x", 1 + rnd.nextInt(7));
                String q = String.format("0x%040x", 100 + rnd.nextInt(5));
                receipts.add(r(q, p, rnd.nextInt(1_000), Math.abs(rnd.nextLong() % 1_000_000_000_000L)));
            }
            BigInteger budget = BigInteger.valueOf(Math.abs(rnd.nextLong()));
            EpochRewards e = RewardCalculator.compute(receipts, Map.of(), Set.of(String.format("0x%040x", 1)), Map.of(),
                    params(budget, UnattestedPolicy.FEES_ONLY));
            BigInteger octoLeaves = e.allocations().stream().filter(a -> a.token().equals(OCTO)).map(Allocation::amount)
                    .reduce(BigInteger.ZERO, BigInteger::add);
            assertThat(octoLeaves.add(e.protocolFee())).isEqualTo(e.debited());
            assertThat(e.emissions().getOrDefault(ROLE0, BigInteger.ZERO)).isLessThanOrEqualTo(budget);
            assertThat(e.feeDust()).as("below providers + refunded requesters + 1").isLessThan(BigInteger.valueOf(13));
        }
    }

    @Test
    void reputation_isClampedBetweenAQuarterAndOneAndAHalf() {
        assertThat(Reputation.NONE.bps()).isEqualTo(10_000);
        assertThat(new Reputation(1_000_000, 0).bps()).isEqualTo(15_000);
        assertThat(new Reputation(0, 100).bps()).isEqualTo(2_500);
        assertThat(new Reputation(10, 1).bps()).isEqualTo(8_500);
    }
}
