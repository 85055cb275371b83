package io.cipherocto.indexer.abi;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * One event of one contract kind and the table it is stored in: {@code indexer.<contract>_<event>} in snake case,
 * e.g. {@code indexer.octo_token_transfer}. Every table carries the log's position (block number, log index,
 * transaction index, block hash, transaction hash, emitting contract) and one column per parameter.
 */
public record EventDefinition(String contractKind, String name, List<EventParam> params, String topic0, String table) {
    public EventDefinition {
        Objects.requireNonNull(contractKind, "contractKind");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        Objects.requireNonNull(topic0, "topic0");
        Objects.requireNonNull(table, "table");
    }

    public static EventDefinition of(String contractKind, String name, List<EventParam> params) {
        String signature = name + "(" + params.stream().map(p -> p.type().canonical()).collect(Collectors.joining(",")) + ")";
        String topic0 = Hash.sha3String(signature).toLowerCase(java.util.Locale.ROOT);
        return new EventDefinition(contractKind, name, params, topic0, Names.snake(contractKind) + "_" + Names.snake(name));
    }

    public String signature() {
        return name + "(" + params.stream().map(p -> p.type().canonical()).collect(Collectors.joining(",")) + ")";
    }

    /** Schema-qualified table name. */
    public String qualifiedTable() {
        return "indexer." + table;
    }

    public int indexedCount() {
        int n = 0;
        for (EventParam p : params) {
            if (p.indexed()) {
                n++;
            }
        }
        return n;
    }
}
