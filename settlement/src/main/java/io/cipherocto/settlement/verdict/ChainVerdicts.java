package io.cipherocto.settlement.verdict;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.contracts.protocol.PassAttestations;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.StoredReceipt;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Reads the verdicts of an epoch's sample set from the chain alone ({@link EpochVerdicts}). A verdict that exists only
 * in some verifier's database, without an accepted attestation or a matching commitment on chain, changes nothing.
 */
public final class ChainVerdicts {
    private static final Logger LOG = Logger.getLogger(ChainVerdicts.class);

    private final SettlementChain chain;
    private final PassSource passes;

    public ChainVerdicts(SettlementChain chain, PassSource passes) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.passes = Objects.requireNonNull(passes, "passes");
    }

    /**
     * @param sampled the epoch's sampled receipts by job id
     * @param fromBlock the epoch's closing block (nothing about it can be on chain before)
     * @param toBlock the last block to read (the head less the finality depth)
     */
    public EpochVerdicts read(long epoch, Map<String, StoredReceipt> sampled, long fromBlock, long toBlock) {
        var fails = chain.failAttestations(epoch, fromBlock, toBlock);
        var commitments = chain.passCommitments(epoch, fromBlock, toBlock);
        Map<String, PassAttestations> sets = new TreeMap<>();
        for (SettlementChain.PassCommitmentEvent c : commitments) {
            passes.passes(c.verifier(), epoch).ifPresentOrElse(p -> {
                if (p.matches(Hex.decode(c.root()), c.count(), chain.registryDomain())) {
                    sets.put(c.verifier(), p);
                } else {
                    LOG.warnf("epoch %d: the pass attestations served for verifier %s do not hash to its committed root %s: "
                            + "ignored", epoch, c.verifier(), c.root());
                }
            }, () -> LOG.debugf("epoch %d: pass attestations of verifier %s not available yet", epoch, c.verifier()));
        }
        return new EpochVerdicts(verdicts(sampled, fails, sets, chain.registryDomain()), fails, commitments, sets,
                chain.verifierCount(), toBlock);
    }

    /** The verdicts the given proofs support for the sampled receipts (also the auditor's rule). */
    public static Map<String, Verdict> verdicts(Map<String, StoredReceipt> sampled, List<SettlementChain.FailEvent> fails,
            Map<String, PassAttestations> passSets, Eip712Domain registryDomain) {
        Map<String, Verdict> out = new HashMap<>();
        for (PassAttestations set : passSets.values()) {
            for (Attestation a : set.toAttestations()) {
                String job = Hex.encode(a.jobId());
                StoredReceipt r = sampled.get(job);
                if (r != null && passes(a, r)) {
                    out.put(job, Verdict.PASS);
                }
            }
        }
        for (SettlementChain.FailEvent f : fails) {
            if (sampled.containsKey(f.jobId())) {
                out.put(f.jobId(), Verdict.FAIL);
            }
        }
        return out;
    }

    /** A pass attestation counts for a receipt when it attests that very receipt and its output was reproduced. */
    static boolean passes(Attestation a, StoredReceipt r) {
        return a.passed() && a.provider().equalsIgnoreCase(r.provider()) && a.role() == r.role()
                && Hex.encode(a.specHash()).equals(r.specHash()) && Hex.encode(a.claimedOutputHash()).equals(r.outputHash())
                && Arrays.equals(a.claimedOutputHash(), a.recomputedOutputHash());
    }
}
