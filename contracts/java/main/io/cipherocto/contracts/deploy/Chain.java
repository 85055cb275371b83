package io.cipherocto.contracts.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A signer on one JSON-RPC chain: web3j client, chain id, a nonce-tracking transaction manager and a gas provider.
 * Chain-agnostic: anvil, Besu QBFT or any EVM chain.
 */
public record Chain(Web3j web3j, long chainId, Credentials credentials, TransactionManager txManager, ContractGasProvider gas) {

    /** Gas limit for one transaction; deployments of the larger contracts need several million. */
    public static final BigInteger GAS_LIMIT = BigInteger.valueOf(12_000_000);

    public static Chain connect(Web3j web3j, Credentials credentials) {
        try {
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
            // Pay twice the current price so a rising base fee does not strand a transaction.
            BigInteger price = gasPrice.multiply(BigInteger.TWO).max(BigInteger.ONE);
            return new Chain(web3j, chainId, credentials, manager(web3j, credentials, chainId),
                    new StaticGasProvider(price, GAS_LIMIT));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the JSON-RPC endpoint", e);
        }
    }

    /** The same chain, signing as {@code other}. */
    public Chain as(Credentials other) {
        return new Chain(web3j, chainId, other, manager(web3j, other, chainId), gas);
    }

    /**
     * Reads the pending nonce from the node for every transaction, so several managers (or processes) signing for
     * the same account never collide.
     */
    private static TransactionManager manager(Web3j web3j, Credentials credentials, long chainId) {
        return new RawTransactionManager(web3j, credentials, chainId,
                new PollingTransactionReceiptProcessor(web3j, 100, 3000));
    }

    public String address() {
        return credentials.getAddress();
    }

    public boolean hasCode(String address) {
        try {
            String code = web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
            return code != null && code.length() > 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
