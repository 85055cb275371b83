package io.cipherocto.indexer.sync;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.LogDecoder;
import io.cipherocto.chain.events.UndecodableLogException;
import io.cipherocto.indexer.rpc.BlockHeader;
import io.cipherocto.indexer.rpc.RawLog;
import io.cipherocto.indexer.store.TableRows;
import io.cipherocto.indexer.store.WriteBatch;
import io.cipherocto.platform.kernel.Hex;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Adds streamed logs to a {@link WriteBatch}: finds each log's event by (contract, topic 0), decodes it straight
 * into its table's COPY rows and records the block it belongs to.
 */
final class BatchBuilder {
    private static final Logger LOG = Logger.getLogger(BatchBuilder.class);

    private final ContractSet contracts;
    private final IndexerMetrics metrics;
    /** Per contract (as in {@link ContractSet#addresses()}): its events and their topic 0 bytes. */
    private final EventDefinition[][] events;
    private final byte[][][] topic0;

    BatchBuilder(EventCatalog catalog, ContractSet contracts, IndexerMetrics metrics) {
        this.contracts = contracts;
        this.metrics = metrics;
        int n = contracts.addresses().size();
        this.events = new EventDefinition[n][];
        this.topic0 = new byte[n][][];
        for (int i = 0; i < n; i++) {
            String kind = contracts.kindAt(i);
            List<EventDefinition> defs = catalog.all().stream().filter(d -> d.contractKind().equals(kind)).toList();
            events[i] = defs.toArray(EventDefinition[]::new);
            topic0[i] = defs.stream().map(d -> Hex.decode(d.topic0())).toArray(byte[][]::new);
        }
    }

    /**
     * Adds one log of the range [batch.from(), batch.to()].
     *
     * @param expected headers the logs must agree with (the unfinalized tail), or an empty map
     * @return false when the log names a block whose expected header has another hash (the node answered from
     *     another fork)
     */
    boolean add(WriteBatch batch, RawLog l, Map<Long, BlockHeader> expected) {
        long block = l.blockNumber();
        if (block < batch.from() || block > batch.to() || l.removed()) {
            return true;
        }
        if (!expected.isEmpty()) {
            BlockHeader h = expected.get(block);
            if (h == null || !h.hash().equals(Hex.encode(l.blockHash()))) {
                return false;
            }
        }
        if (!batch.hasBlock(block)) {
            batch.blockFromLog(block, Hex.encode(l.blockHash()), l.blockTimestamp() >= 0 ? l.blockTimestamp()
                    : WriteBatch.NO_TIMESTAMP);
        }
        if (l.topicCount() == 0) {
            metrics.unknownLog();
            return true;
        }
        int c = contracts.indexOf(l.address());
        EventDefinition def = c < 0 ? null : find(c, l.topic(0));
        if (def == null) {
            metrics.unknownLog();
            return true;
        }
        TableRows rows = batch.rows(def);
        rows.begin(block, (int) l.logIndex(), (int) l.transactionIndex(), l.blockHash(), l.transactionHash(), l.address());
        try {
            LogDecoder.decode(def, l.topics(), l.topicCount(), l.data(), l.dataLength(), rows);
        } catch (UndecodableLogException e) {
            rows.abort();
            metrics.undecodableLog();
            LOG.errorf("skipping undecodable log %s#%d in block %d: %s", Hex.encode(l.transactionHash()), l.logIndex(), block,
                    e.getMessage());
            return true;
        }
        rows.end();
        batch.countEvent();
        return true;
    }

    private EventDefinition find(int contract, byte[] t0) {
        byte[][] candidates = topic0[contract];
        for (int i = 0; i < candidates.length; i++) {
            if (Arrays.equals(candidates[i], t0)) {
                return events[contract][i];
            }
        }
        return null;
    }
}
