package io.cipherocto.node.cli;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.devnet.OctoHome;
import io.cipherocto.contracts.generated.OctoToken;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One signer on the suite's chain, for the transaction verbs: the key ({@link Signer}), the JSON-RPC endpoint and the
 * deployment manifest ({@code --rpc}, {@code --manifest}, else the node settings, else the running start-dev's
 * {@code .octo-dev/endpoints.json}). {@link #send} first runs the call with {@code eth_call} and refuses with the
 * decoded custom error when it would revert, so nothing is sent that would fail.
 */
final class TxSender implements AutoCloseable {
    /** The options every transaction verb takes. */
    static final Set<String> OPTIONS = Set.of("--rpc", "--manifest", "--keystore");

    private final Web3j web3j;
    private final Chain chain;
    private final DeploymentManifest manifest;
    private final PrintStream out;

    private TxSender(Web3j web3j, Chain chain, DeploymentManifest manifest, PrintStream out) {
        this.web3j = web3j;
        this.chain = chain;
        this.manifest = manifest;
        this.out = out;
    }

    static TxSender open(Args args, Map<String, String> env, PrintStream out, PrintStream err) {
        Credentials credentials = Signer.load(args.value("--keystore"), env);
        args.value("--rpc").ifPresent(NodeSettings.RPC_URL::set);
        args.value("--manifest").ifPresent(NodeSettings.MANIFEST::set);
        if (NodeSettings.RPC_URL.value().isEmpty() || NodeSettings.MANIFEST.value().isEmpty()) {
            Path devDir = OctoHome.find().orElse(Path.of("")).resolve(".octo-dev");
            DevEndpoints.fillUnsetSettings(devDir).ifPresent(f -> err.println("octo: using the dev environment of "
                    + "./octo start-dev (" + f + ")"));
        }
        String rpc = NodeSettings.RPC_URL.value().orElseThrow(() -> new Args.UsageException("no chain: pass --rpc URL (or "
                + "set " + NodeSettings.RPC_URL.describe() + "), or run next to ./octo start-dev"));
        String manifestPath = NodeSettings.MANIFEST.value().orElseThrow(() -> new Args.UsageException("no deployment "
                + "manifest: pass --manifest FILE (or set " + NodeSettings.MANIFEST.describe() + ")"));
        DeploymentManifest manifest;
        try {
            manifest = DeploymentManifest.read(Path.of(manifestPath));
        } catch (IOException e) {
            throw new Args.UsageException("cannot read the deployment manifest " + manifestPath + ": " + e.getMessage());
        }
        Web3j web3j = Web3j.build(new HttpService(rpc));
        try {
            Chain chain = Chain.connect(web3j, credentials);
            if (chain.chainId() != manifest.chainId()) {
                throw new Args.UsageException("the manifest is for chain " + manifest.chainId() + ", " + rpc + " is chain "
                        + chain.chainId());
            }
            return new TxSender(web3j, chain, manifest, out);
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    String address() {
        return chain.address();
    }

    Chain chain() {
        return chain;
    }

    DeploymentManifest manifest() {
        return manifest;
    }

    Web3j web3j() {
        return web3j;
    }

    /** The latest block's timestamp: what the contracts compare their clocks with. */
    long now() {
        try {
            return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp()
                    .longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the chain", e);
        }
    }

    /** Refuses with the decoded custom error when {@code data} sent to {@code to} by this key would revert now. */
    void preflight(String to, String data) {
        EthCall r;
        try {
            r = web3j.ethCall(Transaction.createEthCallTransaction(address(), to, data), DefaultBlockParameterName.LATEST).send();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the chain", e);
        }
        if (r.hasError() || r.isReverted()) {
            // web3j keeps the error's data as JSON text: "\"0x...\"" (quotes included)
            String revertData = (r.hasError() && r.getError().getData() != null ? r.getError().getData()
                    : String.valueOf(r.getRevertReasonEncodedData())).replace("\"", "").trim();
            String fallback = r.hasError() ? r.getError().getMessage() : r.getRevertReason();
            throw new Refusal(ContractErrors.describe(revertData, "the transaction would revert: " + fallback));
        }
    }

    /** Pre-flights, signs, sends and waits for the receipt; prints "{@code what}: tx HASH (block N)". */
    TransactionReceipt send(String what, String to, String data) {
        preflight(to, data);
        try {
            EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(address(), null, null,
                    null, to, data)).send();
            BigInteger gasLimit = estimate.hasError() ? Chain.GAS_LIMIT
                    : estimate.getAmountUsed().multiply(BigInteger.valueOf(13)).divide(BigInteger.TEN).add(BigInteger.valueOf(10_000));
            EthSendTransaction sent = chain.txManager().sendTransaction(chain.gas().getGasPrice(), gasLimit, to, data,
                    BigInteger.ZERO);
            if (sent.hasError()) {
                throw new Refusal(what + ": the node refused the transaction: " + sent.getError().getMessage());
            }
            TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 250, 2400)
                    .waitForTransactionReceipt(sent.getTransactionHash());
            if (!receipt.isStatusOK()) {
                throw new Refusal(what + ": transaction " + receipt.getTransactionHash() + " reverted in block "
                        + receipt.getBlockNumber());
            }
            out.println(what + ": tx " + receipt.getTransactionHash() + " (block " + receipt.getBlockNumber() + ")");
            return receipt;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the chain", e);
        } catch (TransactionException e) {
            throw new Refusal(what + ": " + e.getMessage());
        }
    }

    /** An ERC-20 of the suite (OCTO or a role token), read and approved with this key. */
    OctoToken token(String address) {
        return OctoToken.load(address, web3j, chain.txManager(), chain.gas());
    }

    /**
     * Refuses when this key holds less than {@code amount} of {@code token}; approves {@code spender} for
     * {@code amount} first when the allowance is short (one transaction, printed).
     */
    void ensureFundsAndAllowance(String token, String symbol, String spender, BigInteger amount) {
        if (amount.signum() == 0) {
            return;
        }
        OctoToken t = token(token);
        BigInteger balance = read(() -> t.balanceOf(address()).send());
        if (balance.compareTo(amount) < 0) {
            throw new Refusal("insufficient " + symbol + " balance: " + address() + " holds " + Amounts.show(balance, symbol)
                    + ", needs " + Amounts.show(amount, symbol));
        }
        BigInteger allowance = read(() -> t.allowance(address(), spender).send());
        if (allowance.compareTo(amount) < 0) {
            send("approved " + spender + " to spend " + Amounts.show(amount, symbol), token,
                    t.approve(spender, amount).encodeFunctionCall());
        }
    }

    /** A view call through a generated wrapper; a failure is the chain's problem, reported as such. */
    static <T> T read(ViewCall<T> call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new IllegalStateException("chain read failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface ViewCall<T> {
        T get() throws Exception;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
