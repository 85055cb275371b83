package io.cipherocto.indexer.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A log as {@code eth_getLogs} returns it, read through web3j and Jackson data binding: the tests' reference,
 * independent of the indexer's streaming reader. {@code blockTimestamp} is an extension some nodes add (anvil, reth,
 * recent geth); without it the indexer reads the block header for the timestamp.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class RpcLog {
    public String address;
    public List<String> topics;
    public String data;
    public String blockNumber;
    public String blockHash;
    public String blockTimestamp;
    public String transactionHash;
    public String transactionIndex;
    public String logIndex;
    public boolean removed;

    public static class LogsResponse extends Response<List<RpcLog>> {}

    /** The logs of [from, to] of these addresses, as the node returns them. */
    public static List<RpcLog> fetch(String rpcUrl, long from, long to, List<String> addresses) {
        HttpService service = new HttpService(rpcUrl);
        try {
            Map<String, Object> filter = Map.of("fromBlock", "0x" + Long.toHexString(from), "toBlock", "0x" + Long.toHexString(to),
                    "address", addresses);
            LogsResponse r = new Request<>("eth_getLogs", List.of(filter), service, LogsResponse.class).send();
            if (r.hasError()) {
                throw new IllegalStateException("eth_getLogs: " + r.getError().getMessage());
            }
            return r.getResult() == null ? List.of() : r.getResult();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                service.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }
}
