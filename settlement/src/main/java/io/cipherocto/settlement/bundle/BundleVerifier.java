package io.cipherocto.settlement.bundle;

import io.cipherocto.contracts.eip712.Eip712Domain;
import io.cipherocto.contracts.protocol.PassAttestations;
import io.cipherocto.platform.crypto.SignatureRecovery;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.epoch.EpochComputation;
import io.cipherocto.settlement.epoch.EpochComputer;
import io.cipherocto.settlement.epoch.ReceiptsTree;
import io.cipherocto.settlement.receipt.JobReceipt;
import io.cipherocto.settlement.receipt.ReceiptEnvelope;
import io.cipherocto.settlement.receipt.SettlementDomain;
import io.cipherocto.settlement.rewards.CumulativeTree;
import io.cipherocto.settlement.rewards.Reputation;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.store.StoredReceipt;
import io.cipherocto.settlement.verdict.ChainVerdicts;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * Recomputes an epoch from its public bundle and the chain alone ({@code octo audit verify-epoch N --bundle}): no
 * database and no node. The checks run in the order an auditor would want the first difference named:
 * <ol>
 *   <li>the bundle is the one committed: keccak256 of its bytes equals the {@code bundleHash} of the epoch's
 *       RootSubmitted;</li>
 *   <li>each receipt carries both parties' signatures under the settlement domain (the first bad receipt is named);</li>
 *   <li>the receipts hash to the receipts root, count and data hash committed on chain before the seed;</li>
 *   <li>seed, sampling rate and unattested-sample policy are the chain's for the epoch;</li>
 *   <li>every verdict is proven on chain: the fail attestations are exactly the epoch's FailAttestationAccepted events,
 *       each pass set hashes to its verifier's PassAttestationsCommitted root; the funded requesters are exactly the
 *       escrow's Reserved events of the commitment; the forfeited providers are those the registry records;</li>
 *   <li>the previous epoch's cumulative amounts hash to that epoch's root on chain;</li>
 *   <li>the rewards recomputed from all of the above equal the bundle's leaves (the first differing leaf is named) and
 *       their root equals the root on chain;</li>
 *   <li>the bundle is the one committed: keccak256 of its bytes equals the {@code bundleHash} of the epoch's
 *       RootSubmitted.</li>
 * </ol>
 * The reputation history is taken from the bundle (it is the previous bundle's history plus its verdicts; check the
 * chain of bundles to check it).
 */
public final class BundleVerifier {
    private final SettlementChain chain;
    private final SignatureRecovery recovery;

    public BundleVerifier(SettlementChain chain, SignatureRecovery recovery) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
    }

    public BundleReport verify(long epoch, byte[] bytes) {
        List<String> diffs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String hash = EpochBundle.hash(bytes);
        EpochBundle b;
        try {
            b = EpochBundle.parse(bytes);
        } catch (IllegalArgumentException e) {
            diffs.add("bundle: " + e.getMessage());
            return report(epoch, hash, null, null, null, 0, 0, diffs, notes);
        }
        if (b.epoch() != epoch) {
            diffs.add("bundle: it is the bundle of epoch " + b.epoch() + ", not " + epoch);
            return report(epoch, hash, null, null, null, b.receipts().size(), 0, diffs, notes);
        }
        if (b.chainId() != chain.chainId()) {
            diffs.add("chain: the bundle is for chain id " + b.chainId() + ", the RPC serves " + chain.chainId());
            return report(epoch, hash, null, null, null, b.receipts().size(), 0, diffs, notes);
        }
        // 1. the committed bundle
        var submitted = chain.submission(epoch, b.closingBlock());
        String onChainRoot = submitted.map(SettlementChain.Submitted::root).orElse(null);
        String onChainBundle = submitted.map(SettlementChain.Submitted::bundleHash).orElse(null);
        // reported after the content checks, so that the first difference names what changed in the file
        String hashDiff = submitted.isEmpty() ? "root: no RootSubmitted for epoch " + epoch + " on chain"
                : submitted.get().bundleHash().equals(hash) ? null
                : "bundle hash: keccak256 of this file is " + hash + ", the chain committed " + submitted.get().bundleHash()
                        + " for epoch " + epoch + " (the file was changed, or is another epoch's)";
        // 2. signatures
        Eip712Domain domain = SettlementDomain.of(b.chainId(), b.contracts().rewardDistributor());
        List<StoredReceipt> receipts = new ArrayList<>(b.receipts().size());
        Keccak.Digest256 data = new Keccak.Digest256();
        String previousJob = "";
        Map<String, EpochBundle.Envelope> envelopes = new LinkedHashMap<>();
        String previousEnvelope = "";
        for (EpochBundle.Envelope e : b.envelopes()) {
            if (e.digest().compareTo(previousEnvelope) <= 0) {
                diffs.add("envelope " + e.digest() + ": not in strictly increasing digest order");
            }
            previousEnvelope = e.digest();
            envelopes.put(e.digest(), e);
        }
        Map<String, Set<String>> checkedEnvelopes = new HashMap<>();
        for (int i = 0; i < b.receipts().size(); i++) {
            EpochBundle.Receipt r = b.receipts().get(i);
            String where = "receipt #" + i + " (job " + r.jobId() + ")";
            try {
                JobReceipt jr = new JobReceipt(r.jobId(), epoch, r.requester(), r.provider(), r.role(), r.kernel(), r.specHash(),
                        r.outputHash(), new BigInteger(r.workUnits()), new BigInteger(r.fee()));
                if (jr.jobId().compareTo(previousJob) <= 0) {
                    diffs.add(where + ": not in strictly increasing job id order");
                }
                previousJob = jr.jobId();
                byte[] structHash = jr.structHash();
                byte[] digest = domain.digest(structHash);
                byte[] pSig = Hex.decode(r.providerSig());
                byte[] rSig = Hex.decode(r.requesterSig());
                if (r.envelopeDigest().isPresent()) {
                    checkEnvelopeReceipt(where, jr, Hex.encode(structHash), r, envelopes, checkedEnvelopes, epoch, domain, diffs);
                } else {
                    if (!recovery.recoverAddress(digest, pSig).map(jr.provider()::equals).orElse(false)) {
                        diffs.add(where + ": the provider signature does not recover to provider " + jr.provider()
                                + " over the receipt's fields (a field or the signature was changed)");
                    }
                    if (!recovery.recoverAddress(digest, rSig).map(jr.requester()::equals).orElse(false)) {
                        diffs.add(where + ": the requester signature does not recover to requester " + jr.requester()
                                + " over the receipt's fields (a field or the signature was changed)");
                    }
                }
                data.update(digest);
                data.update(pSig);
                data.update(rSig);
                receipts.add(new StoredReceipt(jr.jobId(), epoch, jr.requester(), jr.provider(), jr.role(), jr.workUnits(),
                        jr.fee(), jr.specHash(), jr.outputHash()));
            } catch (RuntimeException e) {
                diffs.add(where + ": malformed: " + e.getMessage());
            }
        }
        // 3. the commitment made before the seed
        SettlementChain.EpochCommitment c = chain.epochCommitment(epoch);
        ReceiptsTree tree = ReceiptsTree.of(receipts);
        if (!c.committed()) {
            diffs.add("commitment: epoch " + epoch + " has no receipts commitment on chain");
        } else {
            if (!tree.rootHex().equals(c.receiptsRoot()) || tree.size() != c.receiptCount()) {
                diffs.add("receipts root: the bundle's " + tree.size() + " receipts hash to " + tree.rootHex() + ", the chain "
                        + "committed " + c.receiptsRoot() + " over " + c.receiptCount());
            }
            String dataHash = Hex.encode(data.digest());
            if (!dataHash.equals(c.dataHash())) {
                diffs.add("data hash: the bundle's signed receipts hash to " + dataHash + ", the chain committed " + c.dataHash());
            }
        }
        // 4. seed, rate, policy
        String seed = Hex.encode(chain.epochSeed(epoch));
        if (!seed.equals(b.seed())) {
            diffs.add("seed: bundle " + b.seed() + ", chain " + seed);
        }
        BigInteger rate = chain.epochSamplingRateWad(epoch);
        if (!rate.toString().equals(b.samplingRateWad())) {
            diffs.add("sampling rate: bundle " + b.samplingRateWad() + ", chain " + rate);
        }
        int policy = chain.epochUnattestedPolicy(epoch);
        if (policy != b.unattestedPolicy()) {
            diffs.add("unattested-sample policy: bundle " + b.unattestedPolicy() + ", chain " + policy);
        }
        // 5. verdicts, reservations, forfeits: from the chain, as it stood at the block settlement read the verdicts through
        long head = chain.headBlock();
        long rootBlock = submitted.map(SettlementChain.Submitted::blockNumber).orElse(head);
        long through = b.verdicts().throughBlock();
        if (through < b.closingBlock() || through > rootBlock) {
            diffs.add("verdicts: the bundle says they were read through block " + through + ", outside the epoch's closing "
                    + "block " + b.closingBlock() + " and its root's block " + rootBlock);
        }
        Set<String> bundleFails = new TreeSet<>();
        b.verdicts().fails().forEach(f -> bundleFails.add(f.jobId()));
        Set<String> chainFailsRead = new TreeSet<>();
        Set<String> failedProvidersRead = new TreeSet<>();
        for (SettlementChain.FailEvent f : chain.failAttestations(epoch, b.closingBlock(), head)) {
            if (f.blockNumber() <= through) {
                chainFailsRead.add(f.jobId());
                failedProvidersRead.add(f.provider());
            } else if (!bundleFails.contains(f.jobId())) {
                notes.add("fail attestation of job " + f.jobId() + " accepted at block " + f.blockNumber()
                        + ", after settlement read the verdicts (through block " + through + "): it slashes, but came too "
                        + "late for this epoch's rewards");
            }
        }
        for (String j : bundleFails) {
            if (!chainFailsRead.contains(j)) {
                diffs.add("verdict of job " + j + ": the bundle has a fail attestation that the chain had not accepted by "
                        + "block " + through);
            }
        }
        for (String j : chainFailsRead) {
            if (!bundleFails.contains(j)) {
                diffs.add("verdict of job " + j + ": the chain accepted a fail attestation by block " + through
                        + " that the bundle leaves out");
            }
        }
        Map<String, SettlementChain.PassCommitmentEvent> commitments = new LinkedHashMap<>();
        chain.passCommitments(epoch, b.closingBlock(), head).forEach(p -> commitments.putIfAbsent(p.verifier(), p));
        Map<String, PassAttestations> passSets = new TreeMap<>();
        Eip712Domain registryDomain = chain.registryDomain();
        for (EpochBundle.PassSet p : b.verdicts().passes()) {
            SettlementChain.PassCommitmentEvent onChain = commitments.get(p.verifier());
            if (onChain == null || onChain.blockNumber() > through) {
                diffs.add("pass attestations of verifier " + p.verifier() + ": no pass commitment of it on chain for epoch "
                        + epoch + " by block " + through);
            } else if (!p.attestations().matches(Hex.decode(onChain.root()), onChain.count(), registryDomain)) {
                diffs.add("pass attestations of verifier " + p.verifier() + ": they do not hash to the root it committed ("
                        + onChain.root() + ", " + onChain.count() + " attestations)");
            } else {
                passSets.put(p.verifier(), p.attestations());
            }
        }
        commitments.values().stream().filter(v -> b.verdicts().passes().stream().noneMatch(p -> p.verifier().equals(v.verifier())))
                .forEach(v -> notes.add(v.blockNumber() <= through
                        ? "verifier " + v.verifier() + " committed pass attestations on chain that the bundle does not hold "
                                + "(settlement could not fetch them): its passes count as unattested here too"
                        : "verifier " + v.verifier() + " committed its pass attestations at block " + v.blockNumber()
                                + ", after settlement read the verdicts (through block " + through + ")"));
        Set<String> reserved = c.committed() ? chain.reservedRequesters(epoch, c.committedBlock(), c.committedBlock()) : Set.of();
        SortedMap<String, BigInteger> fees = new TreeMap<>();
        receipts.forEach(r -> fees.merge(r.requester(), r.fee(), BigInteger::add));
        Set<String> funded = new TreeSet<>(b.funded());
        fees.forEach((q, fee) -> {
            if (fee.signum() > 0 && reserved.contains(q) != funded.contains(q)) {
                diffs.add("requester " + q + ": the bundle says its fees were " + (funded.contains(q) ? "" : "not ")
                        + "reserved, the escrow's Reserved events say the opposite");
            }
        });
        Set<String> forfeited = new TreeSet<>(b.forfeited());
        for (String p : new TreeSet<>(receipts.stream().map(StoredReceipt::provider).toList())) {
            boolean failed = chain.failedInEpoch(epoch, p);
            if (failed == forfeited.contains(p)) {
                continue;
            }
            if (failed && !failedProvidersRead.contains(p)) {
                notes.add("provider " + p + " was recorded as failed in epoch " + epoch + " after settlement read the "
                        + "verdicts (through block " + through + ")");
            } else {
                diffs.add("provider " + p + ": the bundle says " + (forfeited.contains(p) ? "" : "not ")
                        + "forfeited, the registry's failedInEpoch says the opposite");
            }
        }
        // 6. the previous epoch's state
        SortedMap<CumulativeTree.Key, BigInteger> previous = new TreeMap<>();
        b.previous().cumulative().forEach(l -> previous.put(new CumulativeTree.Key(l.earner(), l.token()), new BigInteger(l.amount())));
        if (b.previous().epoch() >= 0) {
            String prevRoot = previous.isEmpty() ? "0x" + "0".repeat(64) : CumulativeTree.build(previous, List.of()).tree().rootHex();
            String prevOnChain = chain.submission(b.previous().epoch(), 0).map(SettlementChain.Submitted::root).orElse(null);
            if (!prevRoot.equals(prevOnChain)) {
                diffs.add("previous epoch " + b.previous().epoch() + ": its cumulative amounts in the bundle hash to " + prevRoot
                        + ", the chain holds " + prevOnChain);
            }
        } else if (!previous.isEmpty()) {
            diffs.add("previous epoch: none, yet the bundle carries cumulative amounts");
        }
        // 7. recompute
        Map<String, Reputation> history = new HashMap<>();
        b.history().forEach(h -> history.put(h.provider(), new Reputation(h.passes(), h.fails())));
        SortedMap<Integer, String> roles = new TreeMap<>();
        b.parameters().roleTokens().forEach((r, t) -> roles.put(Integer.parseInt(r), t));
        SortedMap<String, BigInteger> budgets = new TreeMap<>();
        b.parameters().emissionBudgets().forEach((t, a) -> budgets.put(t, new BigInteger(a)));
        RewardParams params = new RewardParams(new BigInteger(b.parameters().protocolFeeWad()), b.parameters().octo(),
                b.parameters().treasury(), roles, budgets, UnattestedPolicy.ofChain(policy));
        byte[] seedBytes = Hex.decode(seed);
        Map<String, StoredReceipt> sampled = EpochComputer.sampledReceipts(receipts, seedBytes, rate);
        List<SettlementChain.FailEvent> fails = b.verdicts().fails().stream()
                .filter(f -> chainFailsRead.contains(f.jobId()))
                .map(f -> new SettlementChain.FailEvent(epoch, f.jobId(), f.provider(), f.txHash(), 0)).toList();
        Map<String, Verdict> verdicts = ChainVerdicts.verdicts(sampled, fails, passSets, registryDomain);
        checkWaitedLongEnough(b, commitments, verdicts.keySet().containsAll(sampled.keySet()), diffs, notes);
        EpochComputation computed = EpochComputer.computeFrom(epoch, b.closingBlock(), seedBytes, rate, params, receipts,
                verdicts, forfeited::contains, funded::contains, history, previous, (phase, nanos) -> { });
        String recomputed = computed.tree().tree().rootHex();
        compareLeaves(b, computed, diffs);
        if (onChainRoot != null && !onChainRoot.equals(recomputed)) {
            diffs.add("root: recomputed " + recomputed + ", on chain " + onChainRoot);
        }
        if (!recomputed.equals(b.result().root())) {
            diffs.add("root: recomputed " + recomputed + ", the bundle's result says " + b.result().root());
        }
        if (hashDiff != null) {
            diffs.add(hashDiff);
        }
        notes.add("reputation history taken from the bundle (" + history.size() + " providers); it is the previous bundle's "
                + "history plus that epoch's verdicts");
        return report(epoch, hash, onChainBundle, onChainRoot, recomputed, receipts.size(), sampled.size(), diffs, notes);
    }

    /**
     * Settlement may stop reading verdicts only when every sampled job has one, every registered verifier has committed
     * its pass set, or its attestation deadline has passed in chain time (the read block's timestamp against the
     * closing block's). Else it could leave out a fail attestation by reading too early.
     */
    private void checkWaitedLongEnough(EpochBundle b, Map<String, SettlementChain.PassCommitmentEvent> commitments,
            boolean allSampledAttested, List<String> diffs, List<String> notes) {
        long through = b.verdicts().throughBlock();
        long verifiers = chain.verifierCount();
        long committed = commitments.values().stream().filter(c -> c.blockNumber() <= through).count();
        if (allSampledAttested || (verifiers > 0 && committed >= verifiers)) {
            return;
        }
        long closedAt = chain.block(b.closingBlock()).getTimestamp().longValueExact();
        long readAt = chain.block(through).getTimestamp().longValueExact();
        long waited = readAt - closedAt;
        if (waited >= b.verdicts().deadlineSeconds()) {
            notes.add("verdicts read through block " + through + " at the attestation deadline (" + waited + " s of chain "
                    + "time after the close, deadline " + b.verdicts().deadlineSeconds() + " s): " + committed + " of "
                    + verifiers + " registered verifiers had committed their pass sets; the rest counts as unattested");
        } else {
            diffs.add("verdicts: read through block " + through + ", only " + waited + " s of chain time after the close "
                    + "(deadline " + b.verdicts().deadlineSeconds() + " s), while " + committed + " of " + verifiers
                    + " registered verifiers had committed and sampled jobs had no verdict: settlement stopped waiting early");
        }
    }

    /**
     * A receipt of a batch-signed envelope: its envelope is in the bundle, signed by the receipt's provider and
     * requester over the envelope's digest, with a root over struct hashes that include this receipt's; the receipt
     * carries the envelope's signatures (they go into the data hash). Each envelope is checked once.
     */
    private void checkEnvelopeReceipt(String where, JobReceipt jr, String structHash, EpochBundle.Receipt r,
            Map<String, EpochBundle.Envelope> envelopes, Map<String, Set<String>> checked, long epoch, Eip712Domain domain,
            List<String> diffs) {
        String digest = r.envelope();
        EpochBundle.Envelope e = envelopes.get(digest);
        if (e == null) {
            diffs.add(where + ": it names envelope " + digest + ", which the bundle does not hold");
            return;
        }
        Set<String> leaves = checked.computeIfAbsent(digest, d -> checkEnvelope(e, epoch, domain, diffs));
        if (!jr.provider().equals(e.provider()) || !jr.requester().equals(e.requester())) {
            diffs.add(where + ": its provider and requester are not those of its envelope " + digest);
        }
        if (!leaves.contains(structHash)) {
            diffs.add(where + ": its struct hash " + structHash + " is not a leaf of envelope " + digest
                    + " (a field was changed, or it was never in that envelope)");
        }
        if (!r.providerSig().equals(e.providerSig()) || !r.requesterSig().equals(e.requesterSig())) {
            diffs.add(where + ": its signatures are not those of its envelope " + digest);
        }
    }

    /** The struct hashes of an envelope, after checking its digest, count, root and both signatures. */
    private Set<String> checkEnvelope(EpochBundle.Envelope e, long epoch, Eip712Domain domain, List<String> diffs) {
        String where = "envelope " + e.digest();
        try {
            ReceiptEnvelope v = new ReceiptEnvelope(epoch, e.requester(), e.provider(), e.receiptsRoot(), e.count());
            byte[] digest = v.digest(domain);
            if (!Hex.encode(digest).equals(e.digest())) {
                diffs.add(where + ": its fields hash to " + Hex.encode(digest) + " (a field was changed)");
            }
            if (e.structHashes().size() != e.count()) {
                diffs.add(where + ": it lists " + e.structHashes().size() + " struct hashes, its count is " + e.count());
            }
            String root = ReceiptEnvelope.tree(e.structHashes()).rootHex();
            if (!root.equals(e.receiptsRoot())) {
                diffs.add(where + ": its struct hashes have the root " + root + ", it was signed over " + e.receiptsRoot());
            }
            if (!recovery.recoverAddress(digest, Hex.decode(e.providerSig())).map(e.provider()::equals).orElse(false)) {
                diffs.add(where + ": the provider signature does not recover to provider " + e.provider());
            }
            if (!recovery.recoverAddress(digest, Hex.decode(e.requesterSig())).map(e.requester()::equals).orElse(false)) {
                diffs.add(where + ": the requester signature does not recover to requester " + e.requester());
            }
            return new HashSet<>(e.structHashes());
        } catch (RuntimeException x) {
            diffs.add(where + ": malformed: " + x.getMessage());
            return Set.of();
        }
    }

    private static void compareLeaves(EpochBundle b, EpochComputation computed, List<String> diffs) {
        Map<CumulativeTree.Key, EpochBundle.Reward> stated = new TreeMap<>();
        b.result().rewards().forEach(r -> stated.put(new CumulativeTree.Key(r.earner(), r.token()), r));
        Set<CumulativeTree.Key> keys = new TreeSet<>(stated.keySet());
        keys.addAll(computed.tree().cumulative().keySet());
        for (CumulativeTree.Key k : keys) {
            EpochBundle.Reward s = stated.get(k);
            BigInteger mine = computed.tree().cumulative().get(k);
            String theirs = s == null ? null : s.cumulative();
            if (mine == null || theirs == null || !mine.toString().equals(theirs)) {
                diffs.add("leaf " + k.earner() + " / token " + k.token() + ": cumulative in the bundle " + theirs
                        + ", recomputed " + mine);
                return; // the first differing leaf; the root check below says the rest
            }
        }
    }

    private static BundleReport report(long epoch, String hash, String onChainBundle, String onChainRoot, String recomputed,
            int receipts, int sampled, List<String> diffs, List<String> notes) {
        return new BundleReport(epoch, diffs.isEmpty(), hash, onChainBundle, onChainRoot, recomputed, receipts, sampled,
                diffs.isEmpty() ? null : diffs.get(0), diffs, notes);
    }
}
