package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.databind.JsonNode;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.ChainWriter;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.store.StoredReceipt;
import io.cipherocto.settlement.voucher.VoucherStore;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import io.cipherocto.contracts.eip712.Words;
import io.cipherocto.settlement.publish.PublishOutcome;
import io.cipherocto.settlement.publish.Publisher;
import io.cipherocto.settlement.publish.Submission;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.cipherocto.settlement.rewards.Verdict;
import io.cipherocto.settlement.bundle.BundleBuilder;
import io.cipherocto.settlement.bundle.BundleFiles;
import io.cipherocto.settlement.bundle.EpochBundle;
import io.cipherocto.settlement.verdict.ChainVerdicts;
import io.cipherocto.settlement.verdict.EpochVerdicts;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Settles epochs one at a time, in chain order ({@code RewardDistributor.nextEpoch()}), under protocol v2
 * (docs/protocol.md): waits for the closing block and closes the epoch for receipts; commits the epoch on chain
 * (receipts root, count, data hash, and each requester's fees with its voucher, which the escrow reserves); records the
 * seed (drawn after the commitment); waits for on-chain verdicts on the sample set ({@link ChainVerdicts}) until every
 * registered verifier has committed or the deadline has passed; computes and stores the rewards, the cumulative tree
 * (only requesters the escrow reserved count) and the epoch's public bundle; publishes the root with the bundle's hash. Each {@link #step()}
 * is idempotent and resumes from what is stored and what the chain holds, so a crash at any point only repeats work.
 */
public class EpochSettler {
    private static final Logger LOG = Logger.getLogger(EpochSettler.class);

    /** What a step did. */
    public enum Step { WAITING_FOR_CLOSE, COMMITTED, WAITING_FOR_SEED, WAITING_FOR_ATTESTATIONS, COMPUTED, PUBLISHED, PUBLISHING }

    private static final String COMMIT_SIGNATURE = "commitEpoch(uint64,bytes32,uint32,bytes32,(address,uint256,uint256,bytes)[])";

    private final SettlementChain chain;
    private final EpochStore epochs;
    private final EpochComputer computer;
    private final Publisher publisher;
    private final ChainWriter writer;
    private final VoucherStore vouchers;
    private final SettlerSettings settings;
    private final ChainVerdicts verdicts;
    private final BundleBuilder bundles;
    private final BundleFiles files;

    public EpochSettler(SettlementChain chain, EpochStore epochs, EpochComputer computer, Publisher publisher,
            ChainWriter writer, VoucherStore vouchers, SettlerSettings settings, ChainVerdicts verdicts,
            BundleBuilder bundles, BundleFiles files) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
        this.computer = Objects.requireNonNull(computer, "computer");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.vouchers = Objects.requireNonNull(vouchers, "vouchers");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.verdicts = Objects.requireNonNull(verdicts, "verdicts");
        this.bundles = Objects.requireNonNull(bundles, "bundles");
        this.files = Objects.requireNonNull(files, "files");
    }

    /** One round for the next unsettled epoch. */
    public Step step() {
        long n = chain.nextEpochUncached();
        epochs.previousEpoch(n).flatMap(epochs::epoch).filter(r -> r.status().equals("computed")).ifPresent(this::publish);
        var stored = epochs.epoch(n);
        if (stored.isPresent()) {
            return publish(stored.get());
        }
        long closing = chain.closingBlock(n);
        if (chain.headBlock() < closing + settings.finalityBlocks()) {
            return Step.WAITING_FOR_CLOSE;
        }
        computer.closeEpoch(n); // from here on no receipt of epoch n can commit
        SettlementChain.EpochCommitment commitment = chain.epochCommitment(n);
        if (!commitment.committed()) {
            commit(n);
            return Step.COMMITTED;
        }
        byte[] seed = chain.epochSeed(n);
        if (isZero(seed)) {
            // recordEpochSeed needs a block after the commitment's: the transaction is mined in one
            recordSeed(n);
            seed = chain.epochSeed(n);
            if (isZero(seed)) {
                return Step.WAITING_FOR_SEED;
            }
        }
        BigInteger rate = chain.epochSamplingRateWad(n);
        EpochComputer.Sampled drawn = computer.sampled(n, seed, rate); // read in batches: sample set and fees
        Map<String, StoredReceipt> sampled = drawn.receipts();
        long toBlock = Math.max(closing, chain.headBlock() - settings.finalityBlocks());
        EpochVerdicts v = verdicts.read(n, sampled, closing, toBlock);
        boolean complete = v.verdicts().keySet().containsAll(sampled.keySet()) || v.allVerifiersFinished();
        if (!complete && !pastAttestationDeadline(closing, toBlock)) {
            return Step.WAITING_FOR_ATTESTATIONS;
        }
        int policy = chain.epochUnattestedPolicy(n);
        RewardParams params = params(UnattestedPolicy.ofChain(policy));
        SortedMap<String, BigInteger> fees = drawn.requesterFees();
        Set<String> funded = new TreeSet<>();
        fees.forEach((requester, fee) -> {
            if (fee.signum() > 0 && chain.reservedOf(n, requester).signum() > 0) {
                funded.add(requester);
            }
        });
        EpochComputation c = computer.compute(n, closing, seed, rate, params, v.verdicts(), p -> chain.failedInEpoch(n, p),
                funded::contains); // the receipts read again in batches, summed as they arrive
        EpochBundle head = bundles.head(c, commitment, policy, params, v, funded, settings.attestationDeadline());
        // streamed to a staging file (receipts read in batches), then stored with the result: in the database up to
        // bundle-db-max-bytes, above that only as its file, in place before the result naming its hash is stored
        BundleFiles.Staged staged = files.stage(n, out -> bundles.write(head, out));
        EpochStore.BundleRef ref;
        if (files.fitsDatabase(staged)) {
            ref = new EpochStore.BundleRef(staged.hash(), Optional.of(files.read(staged)));
            try {
                epochs.saveComputed(c, ref);
            } catch (RuntimeException e) {
                files.discard(staged);
                throw e;
            }
            files.keep(staged); // a copy: the database's is authoritative
        } else {
            ref = new EpochStore.BundleRef(staged.hash(), Optional.empty());
            files.keep(staged); // the only copy: synced and in place first
            epochs.saveComputed(c, ref);
        }
        LOG.infof("epoch %d computed: %d receipts, %d sampled (%d pass, %d fail, %d unattested: policy %s), root %s, bundle %s "
                + "(%d bytes%s)", n, c.receiptCount(), c.samples().size(), c.count(Verdict.PASS), c.count(Verdict.FAIL),
                c.count(Verdict.UNATTESTED), UnattestedPolicy.ofChain(policy), c.tree().tree().rootHex(), staged.hash(),
                staged.size(), ref.bytes().isPresent() ? "" : ", kept as a file only");
        return publish(epochs.epoch(n).orElseThrow());
    }

    /**
     * Whether the attestation deadline of the epoch closing at block {@code closing} had passed by block
     * {@code readThrough} (the last block the verdicts were read through), in chain time: it starts when the epoch
     * closes (the closing block's timestamp), so a restart does not start it again and nobody (a stalling provider, a
     * silent verifier) can hold the epoch open past it. Judged at the block read, not the head, so that an auditor
     * checks the same condition from the bundle (BundleVerifier).
     */
    private boolean pastAttestationDeadline(long closing, long readThrough) {
        long closedAt = chain.block(closing).getTimestamp().longValueExact();
        long readAt = chain.block(readThrough).getTimestamp().longValueExact();
        return readAt >= closedAt + settings.attestationDeadline().toSeconds();
    }

    /**
     * Commits epoch {@code n}: the receipts tree's root and count, the data hash of the signed receipts, and one
     * authorisation per requester with fees whose voucher is stored (requesters in ascending order, as the escrow
     * requires). A requester without a voucher is not presented: its receipts earn nothing this epoch.
     */
    private void commit(long n) {
        EpochComputer.Commitment tree = computer.commitment(n); // leaf hashes only, not the receipts
        String dataHash = Hex.encode(computer.dataHash(n));
        SortedMap<String, BigInteger> fees = tree.requesterFees();
        SortedMap<String, VoucherStore.StoredVoucher> signed = vouchers.epoch(n);
        List<DynamicStruct> auths = new ArrayList<>();
        com.fasterxml.jackson.databind.node.ArrayNode presented = EpochStore.JSON.createArrayNode();
        for (Map.Entry<String, BigInteger> e : fees.entrySet()) {
            VoucherStore.StoredVoucher v = signed.get(e.getKey());
            if (e.getValue().signum() == 0) {
                continue;
            }
            if (v == null) {
                LOG.warnf("epoch %d: requester %s signed no voucher for its fees %s: its receipts earn nothing", n,
                        e.getKey(), e.getValue());
                continue;
            }
            auths.add(new DynamicStruct(new Address(e.getKey()), new Uint256(e.getValue()), new Uint256(v.maxAmount()),
                    new DynamicBytes(v.signatureBytes())));
            presented.addObject().put("requester", e.getKey()).put("amount", e.getValue().toString())
                    .put("maxAmount", v.maxAmount().toString());
        }
        epochs.saveCommitment(n, tree.rootHex(), tree.size(), dataHash, presented.toString());
        String data = commitCalldata(n, tree.root(), tree.size(), Hex.decode(dataHash), auths);
        var receipt = writer.send(chain.rewardsAddress(), data, "commitEpoch(" + n + ")");
        epochs.commitmentSent(n, receipt.getTransactionHash());
        LOG.infof("epoch %d committed: %d receipts, receipts root %s, %d requesters authorised (tx %s)", n, tree.size(),
                tree.rootHex(), auths.size(), receipt.getTransactionHash());
    }

    /** ABI calldata of commitEpoch (the selector is computed from the signature: an empty struct array names no type). */
    static String commitCalldata(long epoch, byte[] root, int count, byte[] dataHash, List<DynamicStruct> auths) {
        List<Type> args = List.of(new Uint64(BigInteger.valueOf(epoch)), new Bytes32(root), new Uint32(BigInteger.valueOf(count)),
                new Bytes32(dataHash), new DynamicArray<DynamicStruct>(DynamicStruct.class, auths));
        String selector = Hex.encode(Hash.sha3(COMMIT_SIGNATURE.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 10);
        return selector + FunctionEncoder.encodeConstructor(args);
    }

    private Step publish(EpochRecord r) {
        PublishOutcome o = publisher.publish(submission(r, bundleHash(r)));
        if (o.state() == PublishOutcome.State.CONFIRMED) {
            epochs.markPublished(r.epoch());
            LOG.infof("epoch %d published: root %s, tx %s", r.epoch(), r.root(), o.txHash().orElse("-"));
            return Step.PUBLISHED;
        }
        return Step.PUBLISHING;
    }

    /**
     * The hash committed with the root: keccak256 of the epoch's public bundle ({@link EpochBundle}), stored with the
     * result. An epoch computed before bundles existed commits keccak256(dataHash || seed || root), as it did then.
     */
    String bundleHash(EpochRecord r) {
        Optional<String> stored = epochs.bundleHash(r.epoch());
        if (stored.isPresent()) {
            epochs.bundle(r.epoch()).ifPresent(b -> files.write(r.epoch(), b.hash(), b.bytes())); // after a crash before the write
            return stored.get();
        }
        String dataHash = chain.epochCommitment(r.epoch()).dataHash();
        return Hex.encode(Hash.sha3(Words.concat(Hex.decode(dataHash), Hex.decode(r.seed()), Hex.decode(r.root()))));
    }

    /** The submitRoot arguments of a stored epoch. */
    public static Submission submission(EpochRecord r, String bundleHash) {
        List<String> tokens = new ArrayList<>();
        List<BigInteger> amounts = new ArrayList<>();
        SortedMap<String, BigInteger> emissions = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = r.totals().path("emissions").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            emissions.put(e.getKey(), new BigInteger(e.getValue().asText()));
        }
        emissions.forEach((t, a) -> {
            if (a.signum() > 0) {
                tokens.add(t);
                amounts.add(a);
            }
        });
        return new Submission(r.epoch(), r.root(), bundleHash, tokens, amounts);
    }

    /**
     * The parameters in force now: protocol fee, tokens, the epoch's unattested-sample policy, and each role token's emission budget, clamped to its
     * per-epoch cap, the configured emission and what the token can still mint (cap - totalSupply): an exhausted token
     * gets a budget of 0 instead of a reverting submitRoot (docs/protocol.md "Emissions").
     */
    public RewardParams params(UnattestedPolicy policy) {
        SortedMap<Integer, String> roles = new TreeMap<>();
        SortedMap<String, BigInteger> budgets = new TreeMap<>();
        DeploymentManifest m = chain.manifest();
        for (int role = 0; role < m.roleTokens().size(); role++) {
            String token = chain.roleToken(role);
            roles.put(role, token);
            BigInteger cap = chain.emissionCap(token);
            BigInteger budget = settings.emissionPerEpoch().map(cap::min).orElse(cap);
            if (budget.signum() > 0) {
                budget = budget.min(chain.remainingSupply(token));
            }
            budgets.put(token, budget);
        }
        return new RewardParams(chain.protocolFeeWad(), chain.octoAddress(), chain.treasuryAddress(), roles, budgets, policy);
    }

    private void recordSeed(long epoch) {
        try {
            String data = FunctionEncoder.encode(new Function("recordEpochSeed",
                    List.of(new Uint64(BigInteger.valueOf(epoch))), List.of()));
            var receipt = writer.send(chain.manifest().address(DeploymentManifest.ATTESTATIONS), data, "recordEpochSeed(" + epoch + ")");
            LOG.infof("epoch %d: recorded seed (tx %s)", epoch, receipt.getTransactionHash());
        } catch (RuntimeException e) {
            // Someone else may have recorded it meanwhile; the caller re-reads the seed.
            LOG.warnf("epoch %d: recordEpochSeed failed: %s", epoch, e.getMessage());
        }
    }

    private static boolean isZero(byte[] b) {
        return Arrays.equals(b, new byte[32]);
    }
}
