package io.cipherocto.devkit.containers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * A Besu QBFT genesis for tests: the same chain settings as {@code docker/besu/generate-network.sh} (Cancun EVM at
 * genesis, zero base fee, the anvil dev accounts funded), written here so a single-validator chain needs no
 * {@code besu operator generate-blockchain-config} run.
 */
final class QbftGenesis {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] BLOCK_MILESTONES = {"homesteadBlock", "eip150Block", "eip155Block", "eip158Block",
        "byzantiumBlock", "constantinopleBlock", "petersburgBlock", "istanbulBlock", "berlinBlock", "londonBlock"};
    private static final String[] TIME_MILESTONES = {"shanghaiTime", "cancunTime"};
    private static final String ZERO_HASH = "0x" + "00".repeat(32);
    /** 1,000,000 ETH in wei. */
    static final String BALANCE = "0xd3c21bcecceda1000000";

    private QbftGenesis() {
    }

    /**
     * The QBFT {@code extraData} for block-header validator selection: {@code RLP([32-byte vanity, [validators...],
     * [] (no vote), 0 (round), [] (no seals)])}, as {@code besu operator generate-blockchain-config} writes it.
     */
    static String extraData(List<String> validators) {
        List<RlpType> addresses = new ArrayList<>();
        for (String v : validators) {
            byte[] a = Numeric.hexStringToByteArray(v);
            if (a.length != 20) {
                throw new IllegalArgumentException("not an address: " + v);
            }
            addresses.add(RlpString.create(a));
        }
        RlpList extra = new RlpList(
                RlpString.create(new byte[32]),
                new RlpList(addresses),
                new RlpList(),
                RlpString.create(new byte[0]),
                new RlpList());
        return Numeric.toHexString(RlpEncoder.encode(extra));
    }

    /** A complete genesis file (JSON) for a QBFT chain with these validators and funded accounts. */
    static String json(long chainId, int blockPeriodSeconds, List<String> validators, List<String> funded) {
        ObjectNode genesis = JSON.createObjectNode();
        ObjectNode config = genesis.putObject("config");
        config.put("chainId", chainId);
        for (String m : BLOCK_MILESTONES) {
            config.put(m, 0);
        }
        for (String m : TIME_MILESTONES) {
            config.put(m, 0);
        }
        config.put("zeroBaseFee", true);
        ObjectNode qbft = config.putObject("qbft");
        qbft.put("blockperiodseconds", blockPeriodSeconds);
        qbft.put("epochlength", 30000);
        qbft.put("requesttimeoutseconds", Math.max(4, 2 * blockPeriodSeconds));
        genesis.put("nonce", "0x0");
        genesis.put("timestamp", "0x58ee40ba");
        genesis.put("gasLimit", "0x3938700"); // 60,000,000, as the dev anvil
        genesis.put("baseFeePerGas", "0x0");
        genesis.put("blobGasUsed", "0x0");
        genesis.put("excessBlobGas", "0x0");
        genesis.put("parentBeaconBlockRoot", ZERO_HASH);
        genesis.put("difficulty", "0x1");
        // The BFT mix hash constant every Besu IBFT 2.0 / QBFT genesis carries.
        genesis.put("mixHash", "0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365");
        genesis.put("coinbase", "0x0000000000000000000000000000000000000000");
        genesis.put("extraData", extraData(validators));
        ObjectNode alloc = genesis.putObject("alloc");
        for (String a : funded) {
            alloc.putObject(Numeric.cleanHexPrefix(a).toLowerCase(java.util.Locale.ROOT)).put("balance", BALANCE);
        }
        try {
            return JSON.writeValueAsString(genesis);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
