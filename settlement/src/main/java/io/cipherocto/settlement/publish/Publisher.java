package io.cipherocto.settlement.publish;

import io.cipherocto.contracts.generated.RewardDistributor;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.chain.ChainWriter;
import io.cipherocto.settlement.chain.RootView;
import io.cipherocto.settlement.chain.SettlementChain;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Publishes an epoch's root with {@code submitRoot}, exactly once across crashes (docs/settlement.md "Publication").
 *
 * <p>The signed raw transaction, its hash and nonce are stored (state {@code signed}) before it is sent. On every
 * call, and so after a restart, the stored attempt is resolved first: a receipt decides (confirmed / reverted); with
 * no receipt, if the sender's confirmed nonce has passed the attempt's nonce the transaction can never land
 * ({@code dropped}), else the same bytes are broadcast again (same hash: idempotent). A new attempt is signed only
 * when none is outstanding and {@code nextEpoch() == epoch}. If {@code nextEpoch() > epoch} the root on chain is
 * compared with ours: equal means published, different is an alarm (IllegalStateException), never a second root.
 */
public class Publisher {
    private static final Logger LOG = Logger.getLogger(Publisher.class);

    private final SettlementChain chain;
    private final PublicationStore store;
    private final Credentials operator;
    private final PublishHooks hooks;
    private final Duration receiptTimeout;

    public Publisher(SettlementChain chain, PublicationStore store, Credentials operator, PublishHooks hooks,
            Duration receiptTimeout) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.store = Objects.requireNonNull(store, "store");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
        this.receiptTimeout = Objects.requireNonNull(receiptTimeout, "receiptTimeout");
    }

    public PublishOutcome publish(Submission s) {
        Objects.requireNonNull(s, "submission");
        long epoch = s.epoch();
        Optional<PublicationStore.Attempt> last = store.latest(epoch);
        if (last.isPresent() && !last.get().root().equals(s.root())) {
            throw new IllegalStateException("epoch " + epoch + ": stored attempt has root " + last.get().root()
                    + " but the submission has " + s.root() + "; refusing to publish a second root");
        }
        if (last.isPresent() && last.get().state().equals("confirmed")) {
            return new PublishOutcome(PublishOutcome.State.CONFIRMED, Optional.of(last.get().txHash()), "already confirmed");
        }
        // 1. Resolve an outstanding attempt.
        if (last.isPresent() && (last.get().state().equals("signed") || last.get().state().equals("sent"))) {
            PublicationStore.Attempt a = last.get();
            Optional<TransactionReceipt> receipt = receipt(a.txHash());
            if (receipt.isPresent()) {
                return settle(a, receipt.get());
            }
            long confirmedNonce = nonce(DefaultBlockParameterName.LATEST);
            if (confirmedNonce <= a.nonce()) {
                LOG.infof("epoch %d: re-broadcasting stored transaction %s (nonce %d)", epoch, a.txHash(), a.nonce());
                broadcast(a);
                store.setState(epoch, a.attempt(), "sent", null);
                return await(a);
            }
            // The nonce is used by another transaction: this one can never land.
            store.setState(epoch, a.attempt(), "dropped", null);
            last = Optional.of(new PublicationStore.Attempt(a.epoch(), a.attempt(), a.root(), a.sender(), a.nonce(), a.rawTx(),
                    a.txHash(), "dropped", null));
        }
        // 2. Did the epoch land anyway (our dropped/reverted attempt raced, or another settlement key)?
        long next = chain.nextEpochUncached();
        if (next > epoch) {
            String onChain = chain.submittedRoot(epoch).orElseThrow(
                    () -> new IllegalStateException("epoch " + epoch + " is settled on chain but no RootSubmitted log found"));
            if (onChain.equals(s.root())) {
                last.ifPresent(a -> store.setState(epoch, a.attempt(), "confirmed", null));
                return new PublishOutcome(PublishOutcome.State.CONFIRMED, last.map(PublicationStore.Attempt::txHash),
                        "root found on chain");
            }
            throw new IllegalStateException("epoch " + epoch + " was settled on chain with root " + onChain
                    + ", not ours (" + s.root() + "): manual investigation needed");
        }
        if (next < epoch) {
            throw new IllegalStateException("epoch " + epoch + " cannot be published before epoch " + next);
        }
        // 3. A new attempt, once the previous root is no longer pending.
        RootView latest = chain.latestRoot();
        if (latest.present() && !latest.disabled() && chain.latestTimestamp() < latest.activatesAt()) {
            return new PublishOutcome(PublishOutcome.State.WAITING, Optional.empty(),
                    "root of epoch " + latest.epoch() + " activates at " + latest.activatesAt());
        }
        int attemptNo = last.map(a -> a.attempt() + 1).orElse(1);
        PublicationStore.Attempt a = sign(s, attemptNo);
        store.insertSigned(a);
        hooks.afterPersist(a);
        broadcast(a);
        hooks.afterSend(a);
        store.setState(epoch, a.attempt(), "sent", null);
        return await(a);
    }

    private PublicationStore.Attempt sign(Submission s, int attemptNo) {
        String data = FunctionEncoder.encode(function(s));
        String to = chain.rewardsAddress();
        String from = operator.getAddress();
        ChainWriter.Gas gas = ChainWriter.plan(chain, from, to, data, "submitRoot for epoch " + s.epoch());
        long nonce = nonce(DefaultBlockParameterName.PENDING);
        RawTransaction raw = RawTransaction.createTransaction(BigInteger.valueOf(nonce), gas.price(), gas.limit(), to, data);
        byte[] signed = TransactionEncoder.signMessage(raw, chain.chainId(), operator);
        return new PublicationStore.Attempt(s.epoch(), attemptNo, s.root(), from.toLowerCase(), nonce, Hex.encode(signed),
                Hex.encode(Hash.sha3(signed)), "signed", null);
    }

    static Function function(Submission s) {
        List<Type> args = Arrays.asList(new Uint64(BigInteger.valueOf(s.epoch())), new Bytes32(Hex.decode(s.root())),
                new Bytes32(Hex.decode(s.bundleHash())),
                new DynamicArray<>(Address.class, s.tokens().stream().map(Address::new).toList()),
                new DynamicArray<>(Uint256.class, s.emissions().stream().map(Uint256::new).toList()));
        return new Function(RewardDistributor.FUNC_SUBMITROOT, args, List.<TypeReference<?>>of());
    }

    private void broadcast(PublicationStore.Attempt a) {
        EthSendTransaction r = SettlementChain.call(() -> chain.web3j().ethSendRawTransaction(a.rawTx()).send());
        if (r.hasError()) {
            // "already known" / "nonce too low" and the like: the next resolution (receipt, nonce) decides.
            LOG.warnf("epoch %d: sending %s: %s", a.epoch(), a.txHash(), r.getError().getMessage());
        }
    }

    private PublishOutcome await(PublicationStore.Attempt a) {
        long deadline = System.nanoTime() + receiptTimeout.toNanos();
        while (true) {
            Optional<TransactionReceipt> r = receipt(a.txHash());
            if (r.isPresent()) {
                return settle(a, r.get());
            }
            if (System.nanoTime() > deadline) {
                return new PublishOutcome(PublishOutcome.State.SENT, Optional.of(a.txHash()), "no receipt yet");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new PublishOutcome(PublishOutcome.State.SENT, Optional.of(a.txHash()), "interrupted");
            }
        }
    }

    private PublishOutcome settle(PublicationStore.Attempt a, TransactionReceipt r) {
        long block = r.getBlockNumber().longValueExact();
        if (r.isStatusOK()) {
            store.setState(a.epoch(), a.attempt(), "confirmed", block);
            return new PublishOutcome(PublishOutcome.State.CONFIRMED, Optional.of(a.txHash()), "confirmed in block " + block);
        }
        store.setState(a.epoch(), a.attempt(), "reverted", block);
        return new PublishOutcome(PublishOutcome.State.REVERTED, Optional.of(a.txHash()), "reverted in block " + block);
    }

    private Optional<TransactionReceipt> receipt(String txHash) {
        return SettlementChain.call(() -> chain.web3j().ethGetTransactionReceipt(txHash).send().getTransactionReceipt());
    }

    private long nonce(DefaultBlockParameterName at) {
        return SettlementChain.call(() -> chain.web3j().ethGetTransactionCount(operator.getAddress(), at).send())
                .getTransactionCount().longValueExact();
    }

}
