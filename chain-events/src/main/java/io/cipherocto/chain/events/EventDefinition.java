package io.cipherocto.chain.events;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * One event of one contract kind as its ABI declares it: name, parameters in order and topic0 (the keccak-256 of
 * {@link #signature()}). Where the event is stored is up to whoever stores it (the chain-indexer names its tables
 * after {@link Names#snake} of contract kind and event name).
 */
public record EventDefinition(String contractKind, String name, List<EventParam> params, String topic0) {
    public EventDefinition {
        Objects.requireNonNull(contractKind, "contractKind");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        Objects.requireNonNull(topic0, "topic0");
    }

    public static EventDefinition of(String contractKind, String name, List<EventParam> params) {
        String signature = name + "(" + params.stream().map(p -> p.type().canonical()).collect(Collectors.joining(",")) + ")";
        String topic0 = Hash.sha3String(signature).toLowerCase(java.util.Locale.ROOT);
        return new EventDefinition(contractKind, name, params, topic0);
    }

    public String signature() {
        return name + "(" + params.stream().map(p -> p.type().canonical()).collect(Collectors.joining(",")) + ")";
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
