package io.cipherocto.settlement.receipt;

import static io.cipherocto.settlement.receipt.ReceiptFields.amount;
import static io.cipherocto.settlement.receipt.ReceiptFields.message;
import static io.cipherocto.settlement.receipt.ReceiptFields.required;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.crypto.SignatureRecovery;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.store.ReceiptStore;
import io.cipherocto.settlement.voucher.VoucherResult;
import io.cipherocto.settlement.voucher.VoucherService;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Validates batch-signed envelopes and stores their acceptable receipts. Per envelope, in order (the first failing
 * check refuses the whole envelope and nothing of it is stored): its fields and the domain, the epoch window, every
 * receipt well-formed (else the root cannot be recomputed), the root and count of the receipts' struct hashes, the
 * provider's and the requester's signature over the envelope's digest. Then each receipt is decided on its own, as a
 * single-signed one would be: stake for its role, job id repeated in the envelope, closed epoch, duplicate or
 * conflicting job id, escrow. Two signature recoveries per envelope instead of two per receipt: the per-receipt cost is
 * the JSON, one Keccak-256 of the struct, the tree and the insert.
 */
public class EnvelopeService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(EnvelopeService.class);
    private final SettlementChain chain;
    private final ReceiptStore store;
    private final SignatureRecovery recovery;
    private final VoucherService vouchers;
    private final int maxReceipts;
    private final SenderActivity activity;

    public EnvelopeService(SettlementChain chain, ReceiptStore store, SignatureRecovery recovery, VoucherService vouchers,
            int maxReceipts, SenderActivity activity) {
        this.activity = Objects.requireNonNull(activity, "activity");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.store = Objects.requireNonNull(store, "store");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.vouchers = Objects.requireNonNull(vouchers, "vouchers");
        if (maxReceipts < 1) {
            throw new IllegalArgumentException("maxReceipts must be >= 1");
        }
        this.maxReceipts = maxReceipts;
    }

    /**
     * @throws ApiException 400 {@code empty_batch}, 413 {@code batch_too_large} (more receipts over all envelopes than
     *     the limit), 503 {@code chain_unavailable} (nothing is stored then)
     */
    public EnvelopeBatchResult submit(List<EnvelopeInput> envelopes) {
        if (envelopes == null || envelopes.isEmpty()) {
            throw ApiException.badRequest("empty_batch", "the body has no envelopes (body: {\"envelopes\": [...]})");
        }
        long total = envelopes.stream().mapToLong(e -> e == null || e.receipts() == null ? 0 : e.receipts().size()).sum();
        if (total > maxReceipts) {
            throw ApiException.payloadTooLarge("batch_too_large",
                    "a request holds at most " + maxReceipts + " receipts over all its envelopes, got " + total);
        }
        try {
            long head = chain.headBlock();
            List<EnvelopeResult> results = new ArrayList<>(envelopes.size());
            for (int i = 0; i < envelopes.size(); i++) {
                EnvelopeResult r = one(i, envelopes.get(i), head);
                activity.recordEnvelope(envelopes.get(i), r);
                results.add(r);
            }
            return EnvelopeBatchResult.of(results);
        } catch (java.io.UncheckedIOException e) {
            throw ApiException.unavailable("chain_unavailable", "the JSON-RPC endpoint cannot be reached: " + e.getMessage());
        }
    }

    private EnvelopeResult one(int index, EnvelopeInput in, long head) {
        if (in == null) {
            return EnvelopeResult.refused(index, null, 0, ReceiptCode.INVALID_FIELD, "envelope is null", List.of(), null);
        }
        VoucherResult voucher = in.voucher() == null ? null : vouchers.submit(List.of(in.voucher())).get(0);
        int n = in.receipts() == null ? 0 : in.receipts().size();
        Parsed p;
        try {
            p = parse(in);
        } catch (IllegalArgumentException | NullPointerException e) {
            return EnvelopeResult.refused(index, null, n, ReceiptCode.INVALID_FIELD, e.getMessage(), List.of(), voucher);
        }
        ReceiptEnvelope env = p.envelope();
        byte[] digest = chain.digest(env.structHash());
        String digestHex = Hex.encode(digest);
        if (in.chainId() != null && in.chainId() != chain.chainId()) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.WRONG_DOMAIN, "chainId must be " + chain.chainId(),
                    List.of(), voucher);
        }
        if (in.verifyingContract() != null && !in.verifyingContract().equalsIgnoreCase(chain.rewardsAddress())) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.WRONG_DOMAIN,
                    "verifyingContract must be " + chain.rewardsAddress(), List.of(), voucher);
        }
        if (head >= chain.closingBlock(env.epoch())) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.EPOCH_CLOSED, "epoch " + env.epoch()
                    + " closes at block " + chain.closingBlock(env.epoch()) + " (head " + head + ")", List.of(), voucher);
        }
        if (head < chain.epochStartBlock(env.epoch())) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.EPOCH_NOT_STARTED, "epoch " + env.epoch()
                    + " starts at block " + chain.epochStartBlock(env.epoch()), List.of(), voucher);
        }
        // every receipt, in parallel: fields, then its struct hash (the envelope's leaf)
        JobReceipt[] receipts = new JobReceipt[n];
        byte[][] hashes = new byte[n][];
        String[] structHashes = new String[n];
        ReceiptResult[] malformed = new ReceiptResult[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            EnvelopeReceiptInput r = in.receipts().get(i);
            try {
                Objects.requireNonNull(r, "receipt is null");
                receipts[i] = new JobReceipt(required(r.jobId(), "jobId"), env.epoch(), env.requester(), env.provider(),
                        required(r.role(), "role"), r.kernel(), r.specHash(), r.outputHash(), amount(r.workUnits(), "workUnits"),
                        amount(r.fee(), "fee"));
                hashes[i] = receipts[i].structHash();
                structHashes[i] = Hex.encode(hashes[i]);
            } catch (IllegalArgumentException | NullPointerException e) {
                String jobId = r == null ? null : Hex.normalize(r.jobId(), 32).orElse(null);
                malformed[i] = ReceiptResult.of(i, jobId, ReceiptCode.INVALID_FIELD, e.getMessage());
            }
        });
        List<ReceiptResult> bad = Arrays.stream(malformed).filter(Objects::nonNull).toList();
        if (!bad.isEmpty()) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.INVALID_FIELD, bad.size() + " of the " + n
                    + " receipts are malformed, so the envelope's root cannot be checked: nothing of it is stored", bad, voucher);
        }
        if (n != env.count()) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.RECEIPTS_ROOT_MISMATCH, "count is " + env.count()
                    + ", the envelope carries " + n + " receipts", List.of(), voucher);
        }
        String root = Hex.encode(ReceiptEnvelope.root(hashes));
        if (!root.equals(env.receiptsRoot())) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.RECEIPTS_ROOT_MISMATCH, "the receipts' struct "
                    + "hashes have the root " + root + ", the envelope names " + env.receiptsRoot(), List.of(), voucher);
        }
        if (!recovery.recoverAddress(digest, p.providerSignature()).map(env.provider()::equals).orElse(false)) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.BAD_PROVIDER_SIGNATURE, "providerSignature is not "
                    + "the provider's signature of this envelope under the settlement domain", List.of(), voucher);
        }
        if (!recovery.recoverAddress(digest, p.requesterSignature()).map(env.requester()::equals).orElse(false)) {
            return EnvelopeResult.refused(index, digestHex, n, ReceiptCode.BAD_REQUESTER_SIGNATURE, "requesterSignature is not "
                    + "the requester's signature of this envelope under the settlement domain", List.of(), voucher);
        }
        return decide(index, digestHex, p, receipts, hashes, structHashes, voucher);
    }

    /** Each receipt of a verified envelope on its own: stake, repeats in the envelope, then the store's checks. */
    private EnvelopeResult decide(int index, String digestHex, Parsed p, JobReceipt[] receipts, byte[][] hashes,
            String[] structHashes, VoucherResult voucher) {
        int n = receipts.length;
        String pSig = Hex.encode(p.providerSignature());
        String rSig = Hex.encode(p.requesterSignature());
        Optional<String> envelope = Optional.of(digestHex);
        ReceiptResult[] results = new ReceiptResult[n];
        Map<Integer, Boolean> staked = new HashMap<>();
        Map<String, Integer> firstInEnvelope = new HashMap<>(n * 2);
        List<Integer> candidateIdx = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JobReceipt r = receipts[i];
            if (!staked.computeIfAbsent(r.role(), role -> chain.isActiveProvider(r.provider(), role))) {
                results[i] = ReceiptResult.of(i, r.jobId(), ReceiptCode.PROVIDER_NOT_STAKED,
                        "provider " + r.provider() + " is not registered and staked for role " + r.role());
                continue;
            }
            Integer first = firstInEnvelope.putIfAbsent(r.jobId(), i);
            if (first != null) {
                boolean same = structHashes[first].equals(structHashes[i]);
                results[i] = same ? ReceiptResult.of(i, r.jobId(), ReceiptCode.DUPLICATE, "same receipt as index " + first)
                        : ReceiptResult.of(i, r.jobId(), ReceiptCode.JOB_ID_CONFLICT, "jobId already used at index " + first);
                continue;
            }
            candidateIdx.add(i);
        }
        // each receipt's own EIP-712 digest (stored, and covered by the epoch's data hash), in parallel
        List<SignedReceipt> candidates = candidateIdx.parallelStream()
                .map(i -> new SignedReceipt(receipts[i], pSig, rSig, Hex.encode(chain.digest(hashes[i])), envelope)).toList();
        long t0 = System.nanoTime();
        long owedFrom = candidates.isEmpty() ? 0 : chain.owedFromEpoch();
        SignedEnvelope signed = new SignedEnvelope(p.envelope(), digestHex, pSig, rSig, Arrays.asList(structHashes));
        List<ReceiptCode> codes = store.store(candidates, chain::escrowBalance, owedFrom, Optional.of(signed));
        if (LOG.isDebugEnabled()) {
            LOG.debugf("envelope of %d receipts: store %d ms", n, (System.nanoTime() - t0) / 1_000_000);
        }
        for (int k = 0; k < candidates.size(); k++) {
            int i = candidateIdx.get(k);
            ReceiptCode code = codes.get(k);
            results[i] = ReceiptResult.of(i, receipts[i].jobId(), code, message(code, receipts[i]));
        }
        return EnvelopeResult.decided(index, digestHex, Arrays.asList(results), voucher);
    }

    private record Parsed(ReceiptEnvelope envelope, byte[] providerSignature, byte[] requesterSignature) {
    }

    private static Parsed parse(EnvelopeInput in) {
        long epoch = required(in.epoch(), "epoch");
        String requester = address(in.requester(), "requester");
        String provider = address(in.provider(), "provider");
        String root = io.cipherocto.platform.kernel.Hash.tryParse(required(in.receiptsRoot(), "receiptsRoot"))
                .map(Object::toString).orElseThrow(() -> new IllegalArgumentException("receiptsRoot must be 0x + 64 hex digits"));
        int count = required(in.count(), "count");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        if (in.receipts() == null || in.receipts().isEmpty()) {
            throw new IllegalArgumentException("receipts are required (at least one)");
        }
        byte[] pSig = signature(in.providerSignature(), "providerSignature");
        byte[] rSig = signature(in.requesterSignature(), "requesterSignature");
        io.cipherocto.platform.kernel.EpochId.require(epoch);
        return new Parsed(new ReceiptEnvelope(epoch, requester, provider, root, count), pSig, rSig);
    }

    private static String address(String v, String name) {
        Address a = Address.tryParse(required(v, name)).orElseThrow(() -> new IllegalArgumentException(name + " must be an address"));
        if (a.isZero()) {
            throw new IllegalArgumentException(name + " must not be the zero address");
        }
        return a.toString();
    }

    private static byte[] signature(String s, String name) {
        return ReceiptFields.signature(required(s, name)).orElseThrow(() -> new IllegalArgumentException(name + " must be 0x + 130 hex digits"));
    }

}
