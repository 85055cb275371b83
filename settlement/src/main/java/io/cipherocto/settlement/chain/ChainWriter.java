package io.cipherocto.settlement.chain;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Sends one settlement transaction whose effect the chain itself makes idempotent (the contract refuses a second
 * one: commitEpoch, recordEpochSeed): estimate (so a revert is reported with its reason before anything is signed),
 * sign with the operator key at the pending nonce, send, wait for the receipt. Callers check the chain state before
 * calling, so a crash between sending and the receipt at most repeats a transaction that then reverts harmlessly.
 */
public class ChainWriter {
    private final SettlementChain chain;
    private final Credentials operator;

    public ChainWriter(SettlementChain chain, Credentials operator) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.operator = Objects.requireNonNull(operator, "operator");
    }

    public String operatorAddress() {
        return operator.getAddress().toLowerCase();
    }

    /** Gas limit and price of a settlement transaction. */
    public record Gas(BigInteger limit, BigInteger price) {
    }

    /**
     * Estimates a transaction from {@code from} (a revert is reported with its reason, before anything is signed):
     * limit = estimate x 1.3 + 50,000; price = twice the node's gas price, so a rising base fee does not strand it.
     */
    public static Gas plan(SettlementChain chain, String from, String to, String data, String what) {
        EthEstimateGas est = SettlementChain.call(() -> chain.web3j().ethEstimateGas(
                Transaction.createEthCallTransaction(from, to, data)).send());
        if (est.hasError()) {
            throw new IllegalStateException(what + " would revert: " + est.getError().getMessage() + " "
                    + Optional.ofNullable(est.getError().getData()).orElse(""));
        }
        BigInteger limit = est.getAmountUsed().multiply(BigInteger.valueOf(13)).divide(BigInteger.TEN).add(BigInteger.valueOf(50_000));
        BigInteger price = SettlementChain.call(() -> chain.web3j().ethGasPrice().send().getGasPrice())
                .multiply(BigInteger.TWO).max(BigInteger.ONE);
        return new Gas(limit, price);
    }

    /** @return the mined receipt (status 1); IllegalStateException when the call would revert or reverted */
    public TransactionReceipt send(String to, String data, String what) {
        Gas gas = plan(chain, operator.getAddress(), to, data, what);
        var tm = new RawTransactionManager(chain.web3j(), operator, chain.chainId());
        EthSendTransaction sent = SettlementChain.call(() -> tm.sendTransaction(gas.price(), gas.limit(), to, data, BigInteger.ZERO));
        if (sent.hasError()) {
            throw new IllegalStateException(what + ": " + sent.getError().getMessage());
        }
        var processor = new PollingTransactionReceiptProcessor(chain.web3j(), 200, 150);
        TransactionReceipt r = SettlementChain.call(() -> processor.waitForTransactionReceipt(sent.getTransactionHash()));
        if (!r.isStatusOK()) {
            throw new IllegalStateException(what + ": transaction " + r.getTransactionHash() + " reverted");
        }
        return r;
    }
}
