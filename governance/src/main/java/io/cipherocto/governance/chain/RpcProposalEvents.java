package io.cipherocto.governance.chain;

import io.cipherocto.platform.kernel.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** {@link ProposalEvents} read from the node with eth_getLogs on the governor, in ranges of at most 10,000 blocks. */
public final class RpcProposalEvents implements ProposalEvents {
    static final String VOTE_CAST = topic("VoteCast(address,uint256,uint8,uint256,string)");
    static final String VOTE_CAST_WITH_PARAMS = topic("VoteCastWithParams(address,uint256,uint8,uint256,string,bytes)");
    private static final long MAX_RANGE = 10_000;

    private final Web3j web3j;
    private final String governor;

    public RpcProposalEvents(Web3j web3j, String governor) {
        this.web3j = Objects.requireNonNull(web3j, "web3j");
        this.governor = Objects.requireNonNull(governor, "governor");
    }

    private static String topic(String signature) {
        return Hex.encode(Hash.sha3(signature.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<VoteCast> votesCast(long fromBlock, long toBlock) {
        List<VoteCast> out = new ArrayList<>();
        for (long from = fromBlock; from <= toBlock; from += MAX_RANGE) {
            long to = Math.min(toBlock, from + MAX_RANGE - 1);
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), governor);
            filter.addOptionalTopics(VOTE_CAST, VOTE_CAST_WITH_PARAMS);
            try {
                EthLog logs = web3j.ethGetLogs(filter).send();
                if (logs.hasError()) {
                    throw new IllegalStateException("eth_getLogs: " + logs.getError().getMessage());
                }
                for (EthLog.LogResult<?> r : logs.getLogs()) {
                    Log log = (Log) r.get();
                    if (Boolean.TRUE.equals(log.isRemoved()) || log.getTopics().size() < 2) {
                        continue;
                    }
                    String voter = "0x" + log.getTopics().get(1).substring(26).toLowerCase(Locale.ROOT);
                    BigInteger proposalId = Numeric.toBigInt(log.getData().substring(0, 66));
                    out.add(new VoteCast(proposalId, voter, log.getBlockNumber().longValueExact()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
