package io.cipherocto.settlement.receipt;

import static io.cipherocto.settlement.receipt.ReceiptFields.amount;
import static io.cipherocto.settlement.receipt.ReceiptFields.message;
import static io.cipherocto.settlement.receipt.ReceiptFields.required;
import static io.cipherocto.settlement.receipt.ReceiptFields.signature;

import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.crypto.SignatureRecovery;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.store.ReceiptStore;
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
 * Validates a batch of signed receipts and stores the acceptable ones. Order of checks per receipt (the first
 * failing one gives the code): fields, domain, epoch window, provider signature, requester signature, stake,
 * job id (duplicate / conflict), escrow. Signature recovery, the cost centre, runs in parallel over the batch. Each
 * decided batch is counted per sender in {@link SenderActivity}.
 */
public class ReceiptService {
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ReceiptService.class);
    private final SettlementChain chain;
    private final ReceiptStore store;
    private final SignatureRecovery recovery;
    private final int maxBatch;
    private final SenderActivity senders;

    public ReceiptService(SettlementChain chain, ReceiptStore store, SignatureRecovery recovery, int maxBatch,
            SenderActivity senders) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.store = Objects.requireNonNull(store, "store");
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1");
        }
        this.maxBatch = maxBatch;
        this.senders = Objects.requireNonNull(senders, "senders");
    }

    /**
     * @throws ApiException 400 {@code empty_batch}, 413 {@code batch_too_large}, 503 {@code chain_unavailable} when the
     *     JSON-RPC endpoint cannot be reached (nothing is stored then)
     */
    public BatchResult submit(List<ReceiptInput> inputs) {
        try {
            return doSubmit(inputs);
        } catch (java.io.UncheckedIOException e) {
            throw ApiException.unavailable("chain_unavailable", "the JSON-RPC endpoint cannot be reached: " + e.getMessage());
        }
    }

    private BatchResult doSubmit(List<ReceiptInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw ApiException.badRequest("empty_batch", "the batch has no receipts (body: {\"receipts\": [...]})");
        }
        if (inputs.size() > maxBatch) {
            throw ApiException.payloadTooLarge("batch_too_large",
                    "a batch holds at most " + maxBatch + " receipts, got " + inputs.size());
        }
        int n = inputs.size();
        long t0 = System.nanoTime();
        long head = chain.headBlock();
        ReceiptResult[] results = new ReceiptResult[n];
        SignedReceipt[] parsed = new SignedReceipt[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            ReceiptInput in = inputs.get(i);
            if (in == null) {
                results[i] = ReceiptResult.of(i, null, ReceiptCode.INVALID_FIELD, "receipt is null");
                return;
            }
            Check c = check(in, head);
            if (c.code() == null) {
                parsed[i] = c.receipt();
            } else {
                results[i] = ReceiptResult.of(i, c.jobId(), c.code(), c.message());
            }
        });
        long t1 = System.nanoTime();
        // Stake (cached per block), then job ids repeated inside the batch: the first occurrence goes on.
        Map<String, Integer> firstInBatch = new HashMap<>();
        List<Integer> candidateIdx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SignedReceipt s = parsed[i];
            if (s == null) {
                continue;
            }
            JobReceipt r = s.receipt();
            if (!chain.isActiveProvider(r.provider(), r.role())) {
                results[i] = ReceiptResult.of(i, r.jobId(), ReceiptCode.PROVIDER_NOT_STAKED,
                        "provider " + r.provider() + " is not registered and staked for role " + r.role());
                continue;
            }
            Integer first = firstInBatch.putIfAbsent(r.epoch() + ":" + r.jobId(), i); // job ids are unique per epoch
            if (first != null) {
                SignedReceipt f = parsed[first];
                boolean same = f.digest().equals(s.digest()) && f.providerSignature().equals(s.providerSignature())
                        && f.requesterSignature().equals(s.requesterSignature());
                results[i] = same ? ReceiptResult.of(i, r.jobId(), ReceiptCode.DUPLICATE, "same receipt as index " + first)
                        : ReceiptResult.of(i, r.jobId(), ReceiptCode.JOB_ID_CONFLICT,
                                "jobId already used in this epoch at index " + first);
                continue;
            }
            candidateIdx.add(i);
        }
        List<SignedReceipt> candidates = candidateIdx.stream().map(i -> parsed[i]).toList();
        long owedFrom = candidates.isEmpty() ? 0 : chain.owedFromEpoch();
        long t2 = System.nanoTime();
        List<ReceiptCode> codes = store.store(candidates, chain::escrowBalance, owedFrom);
        long t3 = System.nanoTime();
        if (LOG.isDebugEnabled()) {
            LOG.debugf("receipts batch of %d: head+checks+signatures %d ms, stake+dedup %d ms, store %d ms", n,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        }
        for (int k = 0; k < candidates.size(); k++) {
            int i = candidateIdx.get(k);
            ReceiptCode code = codes.get(k);
            results[i] = ReceiptResult.of(i, parsed[i].receipt().jobId(), code, message(code, parsed[i].receipt()));
        }
        BatchResult result = BatchResult.of(Arrays.asList(results));
        senders.record(inputs, result.results());
        return result;
    }

    private record Check(SignedReceipt receipt, String jobId, ReceiptCode code, String message) {
        static Check fail(String jobId, ReceiptCode code, String message) {
            return new Check(null, jobId, code, message);
        }
    }

    private Check check(ReceiptInput in, long head) {
        String jobId = Hex.normalize(in.jobId(), 32).orElse(null);
        JobReceipt r;
        try {
            r = new JobReceipt(required(in.jobId(), "jobId"), required(in.epoch(), "epoch"), in.requester(), in.provider(),
                    required(in.role(), "role"), in.kernel(), in.specHash(), in.outputHash(),
                    amount(in.workUnits(), "workUnits"), amount(in.fee(), "fee"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Check.fail(jobId, ReceiptCode.INVALID_FIELD, e.getMessage());
        }
        Optional<byte[]> pSig = signature(in.providerSignature());
        if (pSig.isEmpty()) {
            return Check.fail(jobId, ReceiptCode.INVALID_FIELD, "providerSignature must be 0x + 130 hex digits");
        }
        Optional<byte[]> rSig = signature(in.requesterSignature());
        if (rSig.isEmpty()) {
            return Check.fail(jobId, ReceiptCode.INVALID_FIELD, "requesterSignature must be 0x + 130 hex digits");
        }
        if (in.chainId() != null && in.chainId() != chain.chainId()) {
            return Check.fail(jobId, ReceiptCode.WRONG_DOMAIN, "chainId must be " + chain.chainId());
        }
        if (in.verifyingContract() != null && !in.verifyingContract().equalsIgnoreCase(chain.rewardsAddress())) {
            return Check.fail(jobId, ReceiptCode.WRONG_DOMAIN, "verifyingContract must be " + chain.rewardsAddress());
        }
        if (head >= chain.closingBlock(r.epoch())) {
            return Check.fail(jobId, ReceiptCode.EPOCH_CLOSED, "epoch " + r.epoch() + " closes at block "
                    + chain.closingBlock(r.epoch()) + " (head " + head + ")");
        }
        if (head < chain.epochStartBlock(r.epoch())) {
            return Check.fail(jobId, ReceiptCode.EPOCH_NOT_STARTED, "epoch " + r.epoch() + " starts at block "
                    + chain.epochStartBlock(r.epoch()));
        }
        byte[] digest = chain.digest(r.structHash());
        if (!recovery.recoverAddress(digest, pSig.get()).map(r.provider()::equals).orElse(false)) {
            return Check.fail(jobId, ReceiptCode.BAD_PROVIDER_SIGNATURE, "providerSignature is not the provider's signature "
                    + "of this receipt under the settlement domain");
        }
        if (!recovery.recoverAddress(digest, rSig.get()).map(r.requester()::equals).orElse(false)) {
            return Check.fail(jobId, ReceiptCode.BAD_REQUESTER_SIGNATURE, "requesterSignature is not the requester's signature "
                    + "of this receipt under the settlement domain");
        }
        return new Check(new SignedReceipt(r, Hex.encode(pSig.get()), Hex.encode(rSig.get()), Hex.encode(digest)), jobId, null, null);
    }

}
