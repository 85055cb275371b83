package io.cipherocto.settlement.audit;

import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochComputation;
import io.cipherocto.settlement.epoch.EpochComputer;
import io.cipherocto.settlement.epoch.EpochRecord;
import io.cipherocto.settlement.epoch.EpochStore;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.Verdict;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * Recomputes a settled epoch from the stored receipts, the stored sample verdicts, the parameters stored with the
 * epoch and the chain (seed, sampling rate, failedInEpoch, RootSubmitted) and compares the root with the one on
 * chain. Entry point for {@code GET /api/v1/audit/epochs/{n}/verify} and {@code octo audit verify-epoch N}.
 */
public class AuditVerifier {
    private static final int MAX_LISTED = 50;

    private final SettlementChain chain;
    private final EpochStore epochs;
    private final EpochComputer computer;

    /** The verifier over settlement's tables in {@code pool} and the chain. */
    public static AuditVerifier over(SettlementChain chain, io.vertx.mutiny.sqlclient.Pool pool) {
        EpochStore epochs = new EpochStore(pool);
        return new AuditVerifier(chain, epochs, new EpochComputer(new io.cipherocto.settlement.store.ReceiptStore(pool), epochs));
    }

    public AuditVerifier(SettlementChain chain, EpochStore epochs, EpochComputer computer) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
        this.computer = Objects.requireNonNull(computer, "computer");
    }

    /** @return the report; {@code match} false when anything differs or the epoch is unknown */
    public AuditReport verifyEpoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0");
        }
        List<String> diffs = new ArrayList<>();
        String onChain = chain.submittedRoot(epoch).orElse(null);
        Optional<EpochRecord> stored = epochs.epoch(epoch);
        if (stored.isEmpty()) {
            diffs.add("epoch " + epoch + " is not settled in this database");
            return new AuditReport(epoch, false, onChain, null, null, 0, 0, diffs);
        }
        EpochRecord r = stored.get();
        byte[] seed = chain.epochSeed(epoch);
        BigInteger rate = chain.epochSamplingRateWad(epoch);
        SettlementChain.EpochCommitment commitment = chain.epochCommitment(epoch);
        EpochComputer.Commitment receipts = computer.commitment(epoch); // read in batches: 32 bytes kept per receipt
        if (!receipts.rootHex().equals(commitment.receiptsRoot()) || receipts.size() != commitment.receiptCount()) {
            diffs.add("receipts: committed on chain root " + commitment.receiptsRoot() + " over " + commitment.receiptCount()
                    + ", recomputed " + receipts.rootHex() + " over " + receipts.size());
        }
        String dataHash = Hex.encode(computer.dataHash(epoch));
        if (!dataHash.equals(commitment.dataHash())) {
            diffs.add("receipt data hash: committed " + commitment.dataHash() + ", recomputed " + dataHash);
        }
        if (!Hex.encode(seed).equals(r.seed())) {
            diffs.add("seed: stored " + r.seed() + ", chain " + Hex.encode(seed));
        }
        if (!rate.equals(r.samplingRateWad())) {
            diffs.add("samplingRateWad: stored " + r.samplingRateWad() + ", chain " + rate);
        }
        RewardParams params = EpochComputer.params(r.params());
        Map<String, Verdict> verdicts = epochs.samples(epoch);
        EpochComputation c = computer.compute(epoch, r.closingBlock(), seed, rate, params, verdicts,
                p -> chain.failedInEpoch(epoch, p), q -> chain.reservedOf(epoch, q).signum() > 0);
        String recomputed = c.tree().tree().rootHex();

        Set<String> sampledNow = new TreeSet<>();
        c.samples().forEach(s -> sampledNow.add(s.jobId()));
        if (!sampledNow.equals(new TreeSet<>(verdicts.keySet()))) {
            diffs.add("sample set: stored " + verdicts.size() + " receipts, recomputed " + sampledNow.size());
        }
        if (c.receiptCount() != r.receiptCount()) {
            diffs.add("receipts: stored count " + r.receiptCount() + ", now " + c.receiptCount());
        }
        if (!new TreeSet<>(r.forfeited()).equals(c.rewards().forfeited())) {
            diffs.add("forfeited: stored " + r.forfeited() + ", chain " + c.rewards().forfeited());
        }
        SortedMap<String, BigInteger> fees = epochs.epochFees(epoch);
        if (!fees.equals(c.rewards().requesterFees())) {
            diffs.add("requester fees: stored " + fees + ", recomputed " + c.rewards().requesterFees());
        }
        SortedMap<CumulativeTree.Key, BigInteger> cum = epochs.cumulative(epoch);
        int listed = 0;
        Set<CumulativeTree.Key> keys = new TreeSet<>(cum.keySet());
        keys.addAll(c.tree().cumulative().keySet());
        for (CumulativeTree.Key k : keys) {
            BigInteger a = cum.get(k);
            BigInteger b = c.tree().cumulative().get(k);
            if (!Objects.equals(a, b) && listed++ < MAX_LISTED) {
                diffs.add("cumulative " + k.earner() + " " + k.token() + ": stored " + a + ", recomputed " + b);
            }
        }
        if (!recomputed.equals(r.root())) {
            diffs.add("root: stored " + r.root() + ", recomputed " + recomputed);
        }
        if (onChain == null) {
            diffs.add("no RootSubmitted for epoch " + epoch + " on chain");
        } else if (!onChain.equals(recomputed)) {
            diffs.add("root: on chain " + onChain + ", recomputed " + recomputed);
        }
        return new AuditReport(epoch, diffs.isEmpty(), onChain, r.root(), recomputed, c.receiptCount(), c.samples().size(),
                List.copyOf(diffs));
    }
}
