package io.cipherocto.governance.relay;

import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.governance.chain.ProposalState;
import io.cipherocto.governance.chain.ProposalTimes;
import io.cipherocto.governance.store.BallotRecord;
import io.cipherocto.governance.store.BallotStore;
import io.cipherocto.governance.store.RelayAttempt;
import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Relays stored ballots to the governor with the relayer's own key: {@code castVoteBySig}, or
 * {@code castVoteWithReasonAndParamsBySig} (empty params) for a ballot with a reason.
 *
 * <p>Never submits a ballot twice. Each relay transaction is signed, then stored with the ballot moved to
 * {@code submitted} (one database transaction), and only then sent. From then on the ballot is only ever followed
 * by its stored transaction hashes: mined -> confirmed (or failed when it reverted); unknown to the node (dropped,
 * or a crash between storing and sending) -> the very same signed bytes are broadcast again; pending longer than
 * {@code stuckAfter} -> a fee bump, the same relayer nonce at a higher gas price (so at most one of them can be
 * mined). A restart therefore re-checks submitted ballots instead of re-sending them.
 *
 * <p>Not thread-safe across instances on one key: run one relayer per relayer key (the governance role's worker).
 */
public class Relayer {
    private static final Logger LOG = Logger.getLogger(Relayer.class);

    private final GovernorGateway gateway;
    private final BallotStore store;
    private final Credentials key;
    private final long chainId;
    private final RelaySettings settings;
    private final Consumer<BallotRecord> onFinal;
    private final Web3j web3j;

    public Relayer(GovernorGateway gateway, BallotStore store, Credentials key, long chainId, RelaySettings settings,
            Consumer<BallotRecord> onFinal) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.store = Objects.requireNonNull(store, "store");
        this.key = Objects.requireNonNull(key, "key");
        this.chainId = chainId;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.onFinal = Objects.requireNonNull(onFinal, "onFinal");
        this.web3j = gateway.web3j();
    }

    /** The same relayer with other settings. */
    public Relayer withSettings(RelaySettings other) {
        return new Relayer(gateway, store, key, chainId, other, onFinal);
    }

    /** The relayer's address (lower case). */
    public String address() {
        return key.getAddress().toLowerCase();
    }

    /** One round: follow submitted ballots to a final state, then submit queued ones up to maxInFlight. */
    public synchronized void relayOnce() {
        List<BallotRecord> submitted = store.submitted();
        long head = gateway.head().number();
        long minedNonce = transactionCount(DefaultBlockParameterName.LATEST);
        int open = 0;
        Map<String, BigInteger> nextVoterNonce = new HashMap<>();
        for (BallotRecord b : submitted) {
            if (!follow(b, head, minedNonce)) {
                open++;
                nextVoterNonce.merge(b.voter(), b.nonce().add(BigInteger.ONE), BigInteger::max);
            }
        }
        if (open >= settings.maxInFlight()) {
            return;
        }
        List<BallotRecord> queued = store.queued(settings.maxInFlight() - open);
        if (queued.isEmpty()) {
            return;
        }
        long relayerNonce = Math.max(transactionCount(DefaultBlockParameterName.PENDING),
                store.maxRelayerNonce(address()).map(n -> n + 1).orElse(0L));
        BigInteger gasPrice = gasPrice();
        for (BallotRecord b : queued) {
            if (submit(b, relayerNonce, gasPrice, nextVoterNonce)) {
                relayerNonce++;
                nextVoterNonce.put(b.voter(), b.nonce().add(BigInteger.ONE));
            }
        }
    }

    // ------------------------------------------------------------------ submitted -> confirmed / failed

    /** True when the ballot reached a final state in this call. */
    private boolean follow(BallotRecord b, long head, long minedRelayerNonce) {
        List<RelayAttempt> attempts = store.attempts(b.id());
        if (attempts.isEmpty()) { // cannot happen: submitted and its attempt are written together
            fail(b, "submitted without a stored relay transaction");
            return true;
        }
        for (RelayAttempt a : attempts) {
            Optional<TransactionReceipt> receipt = receipt(a.txHash());
            if (receipt.isPresent()) {
                TransactionReceipt r = receipt.get();
                long block = r.getBlockNumber().longValueExact();
                if (head - block + 1 < settings.confirmations()) {
                    return false;
                }
                if (r.isStatusOK()) {
                    store.markConfirmed(b.id(), Optional.of(a.txHash()), block);
                    LOG.infof("ballot %s confirmed in block %d (tx %s)", b.id(), block, a.txHash());
                    onFinal.accept(b);
                } else {
                    fail(b, "relay transaction " + a.txHash() + " reverted");
                }
                return true;
            }
        }
        RelayAttempt last = attempts.get(attempts.size() - 1);
        if (minedRelayerNonce > last.relayerNonce()) {
            // The relayer nonce was used by a transaction that is none of ours: look at the ballot itself.
            if (gateway.hasVoted(b.proposalId(), b.voter()) && gateway.nonce(b.voter()).compareTo(b.nonce()) > 0) {
                store.markConfirmed(b.id(), Optional.empty(), head);
                onFinal.accept(b);
            } else {
                fail(b, "relayer nonce " + last.relayerNonce() + " was used by another transaction");
            }
            return true;
        }
        if (!known(last.txHash())) {
            LOG.infof("ballot %s: relay tx %s unknown to the node, broadcasting the stored transaction again",
                    b.id(), last.txHash());
            send(last.rawTx(), last.txHash());
        } else if (last.createdAt().plus(settings.stuckAfter()).isBefore(OffsetDateTime.now())) {
            bump(b, last);
        }
        return false;
    }

    private void bump(BallotRecord b, RelayAttempt last) {
        BigInteger price = last.gasPrice().multiply(BigInteger.valueOf(100L + settings.bumpPercent()))
                .divide(BigInteger.valueOf(100)).add(BigInteger.ONE).max(gasPrice());
        if (settings.maxGasPriceWei().isPresent() && price.compareTo(settings.maxGasPriceWei().get()) > 0) {
            if (last.gasPrice().compareTo(settings.maxGasPriceWei().get()) >= 0) {
                return; // already at the cap: keep waiting
            }
            price = settings.maxGasPriceWei().get();
        }
        RelayAttempt next = sign(b, last.relayerNonce(), price);
        store.addBump(b.id(), next);
        LOG.infof("ballot %s: relay tx %s stuck, re-sent as %s at gas price %s", b.id(), last.txHash(), next.txHash(), price);
        send(next.rawTx(), next.txHash());
    }

    // ------------------------------------------------------------------ queued -> submitted

    private boolean submit(BallotRecord b, long relayerNonce, BigInteger gasPrice, Map<String, BigInteger> nextVoterNonce) {
        if (gateway.hasVoted(b.proposalId(), b.voter())) {
            fail(b, "already voted on chain");
            return false;
        }
        BigInteger chainNonce = gateway.nonce(b.voter());
        if (chainNonce.compareTo(b.nonce()) > 0) {
            fail(b, "ballot nonce " + b.nonce() + " already used on chain (voter nonce is " + chainNonce + ")");
            return false;
        }
        BigInteger expected = chainNonce.max(nextVoterNonce.getOrDefault(b.voter(), BigInteger.ZERO));
        if (!expected.equals(b.nonce())) {
            BigInteger missing = expected;
            if (store.openOf(b.voter()).stream().noneMatch(o -> o.nonce().equals(missing))) {
                fail(b, "no ballot with the voter's nonce " + missing + " before this one (nonce " + b.nonce() + ")");
            }
            return false; // else an earlier ballot of this voter goes first
        }
        Optional<ProposalTimes> p = gateway.proposal(b.proposalId(), 0);
        if (p.isEmpty() || p.get().state() != ProposalState.Active) {
            fail(b, "proposal is " + p.map(t -> t.state().name()).orElse("unknown") + ", no longer open for votes");
            return false;
        }
        RelayAttempt attempt = sign(b, relayerNonce, gasPrice);
        if (!store.markSubmitted(b.id(), attempt)) {
            return false;
        }
        send(attempt.rawTx(), attempt.txHash());
        return true;
    }

    private RelayAttempt sign(BallotRecord b, long relayerNonce, BigInteger gasPrice) {
        RawTransaction tx = RawTransaction.createTransaction(BigInteger.valueOf(relayerNonce), gasPrice,
                BigInteger.valueOf(settings.gasLimit()), gateway.governor(), BigInteger.ZERO, calldata(b));
        byte[] signed = TransactionEncoder.signMessage(tx, chainId, key);
        return new RelayAttempt(Hex.encode(Hash.sha3(signed)), b.id(), address(), relayerNonce, gasPrice,
                signed, OffsetDateTime.now());
    }

    /** castVoteBySig, or castVoteWithReasonAndParamsBySig with empty params when the ballot has a reason. */
    static String calldata(BallotRecord b) {
        Function f = b.reason().isEmpty()
                ? new Function("castVoteBySig", List.of(new Uint256(b.proposalId()), new Uint8(b.support()),
                        new Address(b.voter()), new DynamicBytes(b.signature())), List.of())
                : new Function("castVoteWithReasonAndParamsBySig", List.of(new Uint256(b.proposalId()),
                        new Uint8(b.support()), new Address(b.voter()), new Utf8String(b.reason().get()),
                        new DynamicBytes(new byte[0]), new DynamicBytes(b.signature())), List.of());
        return FunctionEncoder.encode(f);
    }

    // ------------------------------------------------------------------ JSON-RPC

    private void send(byte[] signed, String expectedHash) {
        try {
            EthSendTransaction r = web3j.ethSendRawTransaction(Hex.encode(signed)).send();
            if (r.hasError()) {
                // "nonce too low", "already known", ...: the next round decides from the stored hashes.
                LOG.warnf("relay tx %s: node answered %s", expectedHash, r.getError().getMessage());
            }
        } catch (IOException e) {
            LOG.warnf("relay tx %s not sent (%s); it is stored and will be broadcast again", expectedHash, e.getMessage());
        }
    }

    private void fail(BallotRecord b, String reason) {
        store.markFailed(b.id(), reason);
        LOG.infof("ballot %s failed: %s", b.id(), reason);
        onFinal.accept(b);
    }

    private Optional<TransactionReceipt> receipt(String hash) {
        try {
            return web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean known(String hash) {
        try {
            return web3j.ethGetTransactionByHash(hash).send().getTransaction().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long transactionCount(DefaultBlockParameterName at) {
        try {
            return web3j.ethGetTransactionCount(key.getAddress(), at).send().getTransactionCount().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BigInteger gasPrice() {
        try {
            return web3j.ethGasPrice().send().getGasPrice().max(BigInteger.ONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
