package io.cipherocto.indexer.support;

import io.cipherocto.contracts.devnet.AnvilNode;
import io.cipherocto.contracts.devnet.DevAccounts;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Drives anvil for indexer tests and the bench: OCTO transfers packed into blocks (automine off, signed raw
 * transactions sent in JSON-RPC batches, then {@code evm_mine}), reorgs and rollbacks.
 */
public final class ChainDriver {
    private final AnvilNode anvil;
    private final Web3jService service;
    private final Credentials sender = DevAccounts.get(0);
    private final String token;
    private long nonce;
    private long recipientSeed = 1;

    public ChainDriver(AnvilNode anvil, String octoToken) {
        this.anvil = anvil;
        this.service = new HttpService(anvil.rpcUrl());
        this.token = octoToken;
        try {
            this.nonce = anvil.web3j().ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount().longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        rpc("evm_setAutomine", List.of(false));
    }

    /** Mines {@code blocks} blocks with {@code perBlock} OCTO transfers each; returns the number of events. */
    public long transfers(int blocks, int perBlock) {
        for (int b = 0; b < blocks; b++) {
            List<Map<String, Object>> txs = new ArrayList<>(perBlock);
            for (int i = 0; i < perBlock; i++) {
                // anvil signs for its unlocked dev accounts: much faster than signing here
                txs.add(Map.of("from", sender.getAddress(), "to", token, "gas", "0x15f90", "gasPrice", "0x77359400",
                        "nonce", "0x" + Long.toHexString(nonce++),
                        "data", transferData(nextRecipient(), BigInteger.valueOf(1 + (recipientSeed % 1000)))));
            }
            send("eth_sendTransaction", txs);
            rpc("evm_mine", List.of());
        }
        return (long) blocks * perBlock;
    }

    /** Empty blocks. */
    public void mine(long blocks) {
        rpc("anvil_mine", List.of("0x" + Long.toHexString(blocks)));
    }

    /**
     * Replaces the last {@code depth} blocks with new ones; the first new block carries one OCTO transfer to
     * {@code marker} (so the replacement has an event the orphaned blocks did not have).
     */
    public void reorg(int depth, String marker) {
        Map<String, Object> tx = Map.of("from", sender.getAddress(), "to", token, "gas", "0x30000",
                "data", transferData(marker, BigInteger.valueOf(777)));
        rpc("anvil_reorg", List.of(depth, List.of(List.of(tx, 0))));
        resyncNonce();
    }

    /** Removes the last {@code depth} blocks. */
    public void rollback(int depth) {
        rpc("anvil_rollback", List.of(depth));
        resyncNonce();
    }

    private void resyncNonce() {
        try {
            nonce = anvil.web3j().ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount().longValueExact();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Recipients cycle through 256 addresses: anvil recomputes the state root over the whole state each block, so a
     * state that grew with every transfer would make block production ever slower.
     */
    private String nextRecipient() {
        recipientSeed++;
        return String.format("0x%040x", 0x1000 + (recipientSeed & 0xff));
    }

    private static String transferData(String to, BigInteger amount) {
        return FunctionEncoder.encode(new Function("transfer", List.of(new Address(to), new Uint256(amount)), List.of()));
    }

    private void send(String method, List<?> txs) {
        for (int i = 0; i < txs.size(); i += 500) {
            BatchRequest batch = new BatchRequest(service);
            for (Object tx : txs.subList(i, Math.min(txs.size(), i + 500))) {
                batch.add(new Request<>(method, List.of(tx), service, AnvilNode.GenericResponse.class));
            }
            try {
                BatchResponse r = batch.send();
                for (Response<?> resp : r.getResponses()) {
                    if (resp.hasError()) {
                        throw new IllegalStateException(method + ": " + resp.getError().getMessage());
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public Object rpc(String method, List<?> params) {
        return anvil.call(method, params).getResult();
    }
}
