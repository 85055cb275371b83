package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.databind.JsonNode;
import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.settlement.chain.SettlementChain;
import io.cipherocto.settlement.publish.PublishOutcome;
import io.cipherocto.settlement.publish.Publisher;
import io.cipherocto.settlement.publish.Submission;
import io.cipherocto.settlement.rewards.RewardParams;
import io.cipherocto.settlement.rewards.Verdict;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;

/**
 * Settles epochs one at a time, in chain order ({@code RewardDistributor.nextEpoch()}): waits for the closing block,
 * makes the seed official (recordEpochSeed) if nobody did, waits for the sample set's attestations until the
 * deadline, computes and stores the rewards and the cumulative tree, and publishes the root. Each {@link #step()} is
 * idempotent and resumes from what is stored, so a crash at any point only repeats work.
 */
public class EpochSettler {
    private static final Logger LOG = Logger.getLogger(EpochSettler.class);

    /** What a step did. */
    public enum Step { WAITING_FOR_CLOSE, WAITING_FOR_SEED, WAITING_FOR_ATTESTATIONS, COMPUTED, PUBLISHED, PUBLISHING }

    /** How far back the EVM's BLOCKHASH reaches. */
    public static final long BLOCKHASH_WINDOW = 256;

    private final SettlementChain chain;
    private final EpochStore epochs;
    private final EpochComputer computer;
    private final Publisher publisher;
    private final Credentials operator;
    private final SettlerSettings settings;
    private final Clock clock;
    private final Map<Long, Instant> deadlines = new ConcurrentHashMap<>();

    public EpochSettler(SettlementChain chain, EpochStore epochs, EpochComputer computer, Publisher publisher,
            Credentials operator, SettlerSettings settings, Clock clock) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.epochs = Objects.requireNonNull(epochs, "epochs");
        this.computer = Objects.requireNonNull(computer, "computer");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        byte[] seed = chain.epochSeed(n);
        computer.closeEpoch(n); // from here on no receipt of epoch n can commit
        BigInteger rate;
        if (isZero(seed)) {
            recordSeed(n);
            seed = chain.epochSeed(n);
        }
        if (!isZero(seed)) {
            rate = chain.epochSamplingRateWad(n);
        } else if (chain.headBlock() > closing + BLOCKHASH_WINDOW) {
            // Too late for recordEpochSeed (BLOCKHASH reaches 256 blocks back): the seed is still the closing block's
            // hash, read over RPC, at the current rate; no fail attestation can be accepted on chain for this epoch.
            LOG.warnf("epoch %d: seed was never recorded on chain; using the closing block hash over RPC", n);
            seed = chain.blockHash(closing);
            rate = chain.samplingRateWad();
        } else {
            return Step.WAITING_FOR_SEED;
        }
        Map<String, Verdict> verdicts = epochs.verifierVerdicts(n);
        Instant deadline = deadlines.computeIfAbsent(n, k -> clock.instant().plus(settings.attestationDeadline()));
        List<String> sampled = computer.sampledJobIds(n, seed, rate);
        long missing = sampled.stream().filter(j -> !verdicts.containsKey(j)).count();
        if (missing > 0 && clock.instant().isBefore(deadline)) {
            return Step.WAITING_FOR_ATTESTATIONS;
        }
        EpochComputation c = computer.compute(n, closing, seed, rate, params(), verdicts, p -> chain.failedInEpoch(n, p));
        epochs.saveComputed(c);
        deadlines.remove(n);
        LOG.infof("epoch %d computed: %d receipts, %d sampled (%d unattested), root %s", n, c.receiptCount(),
                c.samples().size(), c.count(Verdict.UNATTESTED), c.tree().tree().rootHex());
        return publish(epochs.epoch(n).orElseThrow());
    }

    private Step publish(EpochRecord r) {
        PublishOutcome o = publisher.publish(submission(r, epochs.epochFees(r.epoch())));
        if (o.state() == PublishOutcome.State.CONFIRMED) {
            epochs.markPublished(r.epoch());
            LOG.infof("epoch %d published: root %s, tx %s", r.epoch(), r.root(), o.txHash().orElse("-"));
            return Step.PUBLISHED;
        }
        return Step.PUBLISHING;
    }

    /** The submitRoot arguments of a stored epoch. */
    public static Submission submission(EpochRecord r, SortedMap<String, BigInteger> fees) {
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
        return new Submission(r.epoch(), r.root(), new ArrayList<>(fees.keySet()), new ArrayList<>(fees.values()), tokens, amounts);
    }

    /** The parameters in force now: protocol fee, tokens, emission budgets, policy. */
    public RewardParams params() {
        SortedMap<Integer, String> roles = new TreeMap<>();
        SortedMap<String, BigInteger> budgets = new TreeMap<>();
        DeploymentManifest m = chain.manifest();
        for (int role = 0; role < m.roleTokens().size(); role++) {
            String token = chain.roleToken(role);
            roles.put(role, token);
            BigInteger cap = chain.emissionCap(token);
            budgets.put(token, settings.emissionPerEpoch().map(cap::min).orElse(cap));
        }
        return new RewardParams(chain.protocolFeeWad(), chain.octoAddress(), chain.treasuryAddress(), roles, budgets,
                settings.policy());
    }

    private void recordSeed(long epoch) {
        try {
            Chain c = Chain.connect(chain.web3j(), operator);
            AttestationRegistry reg = AttestationRegistry.load(chain.manifest().address(DeploymentManifest.ATTESTATIONS),
                    c.web3j(), c.txManager(), c.gas());
            var receipt = reg.recordEpochSeed(BigInteger.valueOf(epoch)).send();
            LOG.infof("epoch %d: recorded seed (tx %s)", epoch, receipt.getTransactionHash());
        } catch (Exception e) {
            // Someone else may have recorded it meanwhile; the caller re-reads the seed.
            LOG.warnf("epoch %d: recordEpochSeed failed: %s", epoch, e.getMessage());
        }
    }

    private static boolean isZero(byte[] b) {
        return Arrays.equals(b, new byte[32]);
    }
}
