package io.cipherocto.indexer.rpc;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A log as {@code eth_getLogs} returns it. {@code blockTimestamp} is an extension some nodes add (anvil, reth,
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
}
