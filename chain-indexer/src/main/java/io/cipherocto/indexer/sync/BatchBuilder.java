package io.cipherocto.indexer.sync;

import io.cipherocto.indexer.abi.EventCatalog;
import io.cipherocto.indexer.abi.EventDefinition;
import io.cipherocto.indexer.abi.Hex;
import io.cipherocto.indexer.abi.LogDecoder;
import io.cipherocto.indexer.abi.UndecodableLogException;
import io.cipherocto.indexer.rpc.BlockHeader;
import io.cipherocto.indexer.rpc.RpcLog;
import io.cipherocto.indexer.store.WriteBatch;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/** Turns the logs and headers of a block range into a {@link WriteBatch}: decoded rows per event table, block rows. */
final class BatchBuilder {
    private static final Logger LOG = Logger.getLogger(BatchBuilder.class);

    private final EventCatalog catalog;
    private final ContractSet contracts;
    private final IndexerMetrics metrics;

    BatchBuilder(EventCatalog catalog, ContractSet contracts, IndexerMetrics metrics) {
        this.catalog = catalog;
        this.contracts = contracts;
        this.metrics = metrics;
    }

    /** Blocks that have logs but no timestamp in them (the node does not send blockTimestamp): headers needed. */
    static SortedSet<Long> blocksNeedingHeaders(List<RpcLog> logs) {
        SortedSet<Long> s = new TreeSet<>();
        for (RpcLog l : logs) {
            if (l.blockTimestamp == null) {
                s.add(Hex.quantity(l.blockNumber));
            }
        }
        return s;
    }

    WriteBatch build(long from, long to, List<RpcLog> logs, Map<Long, BlockHeader> headers) {
        WriteBatch batch = new WriteBatch(from, to);
        headers.values().forEach(batch::header);
        for (RpcLog l : logs) {
            long block = Hex.quantity(l.blockNumber);
            if (block < from || block > to || l.removed) {
                continue;
            }
            String blockHash = l.blockHash.toLowerCase(Locale.ROOT);
            if (!batch.hasBlock(block)) {
                long ts = l.blockTimestamp != null ? Hex.quantity(l.blockTimestamp)
                        : Optional.ofNullable(headers.get(block)).map(BlockHeader::timestamp)
                                .orElseThrow(() -> new IllegalStateException("no timestamp for block " + block));
                batch.blockFromLog(block, blockHash, ts);
            }
            if (l.topics == null || l.topics.isEmpty()) {
                metrics.unknownLog();
                continue;
            }
            String address = l.address.toLowerCase(Locale.ROOT);
            Optional<String> kind = contracts.kindOf(address);
            Optional<EventDefinition> def = kind.flatMap(k -> catalog.find(k, l.topics.get(0).toLowerCase(Locale.ROOT)));
            if (def.isEmpty()) {
                metrics.unknownLog();
                continue;
            }
            Object[] values;
            try {
                values = LogDecoder.decode(def.get(), l.topics, l.data);
            } catch (UndecodableLogException e) {
                metrics.undecodableLog();
                LOG.errorf("skipping undecodable log %s#%s in block %d: %s", l.transactionHash, l.logIndex, block, e.getMessage());
                continue;
            }
            batch.rows(def.get()).add(block, (int) Hex.quantity(l.logIndex), (int) Hex.quantity(l.transactionIndex), blockHash,
                    l.transactionHash.toLowerCase(Locale.ROOT), address, values);
            batch.countEvent();
        }
        return batch;
    }
}
