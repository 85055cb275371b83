package io.cipherocto.governance.chain;

import java.util.List;

/**
 * Governor events the governance API needs. Read from the node with eth_getLogs today ({@link RpcProposalEvents});
 * meant to switch to the chain-indexer's tables once they exist, without changing callers.
 */
public interface ProposalEvents {

    /** Votes counted in blocks {@code fromBlock..toBlock} (both inclusive), in chain order. */
    List<VoteCast> votesCast(long fromBlock, long toBlock);
}
