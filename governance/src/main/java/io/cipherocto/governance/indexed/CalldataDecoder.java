package io.cipherocto.governance.indexed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.chain.events.AbiType;
import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.chain.events.LogDecoder;
import io.cipherocto.chain.events.Names;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;

/**
 * Decodes a proposal action's calldata when the target function belongs to the suite: the 4-byte selector is looked
 * up in the suite's ABIs (the ones octo-contracts ships) and the arguments decoded with the event catalog's ABI
 * decoder ({@link LogDecoder}). Functions with tuple arguments are not decoded (the action keeps its raw calldata).
 */
public final class CalldataDecoder {
    private static final CalldataDecoder SUITE = load();

    /** A decoded call: contract kind, function signature, named arguments as text. */
    public record DecodedCall(String contract, String signature, Map<String, Object> arguments) {}

    private final Map<String, List<EventDefinition>> bySelector;

    private CalldataDecoder(Map<String, List<EventDefinition>> bySelector) {
        this.bySelector = bySelector;
    }

    public static CalldataDecoder suite() {
        return SUITE;
    }

    private static CalldataDecoder load() {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<EventDefinition>> m = new HashMap<>();
        for (String kind : EventCatalog.CONTRACT_KINDS) {
            try (InputStream in = CalldataDecoder.class.getResourceAsStream("/io/cipherocto/contracts/abi/" + kind + ".abi")) {
                if (in == null) {
                    continue;
                }
                for (JsonNode item : json.readTree(in)) {
                    if (!"function".equals(item.path("type").asText())) {
                        continue;
                    }
                    try {
                        List<EventParam> params = new ArrayList<>();
                        for (JsonNode p : item.path("inputs")) {
                            params.add(new EventParam(p.path("name").asText(), AbiType.parse(p.path("type").asText()), false,
                                    Names.snake(p.path("name").asText())));
                        }
                        EventDefinition f = EventDefinition.of(kind, item.path("name").asText(), params);
                        String selector = Hash.sha3String(f.signature()).substring(0, 10);
                        m.computeIfAbsent(selector, k -> new ArrayList<>()).add(f);
                    } catch (IllegalArgumentException unsupported) {
                        // tuple arguments: left undecoded
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the ABI of " + kind, e);
            }
        }
        return new CalldataDecoder(m);
    }

    /** The decoded call, when the selector is one of the suite's functions and the arguments decode. */
    public Optional<DecodedCall> decode(String calldata) {
        if (calldata == null || calldata.length() < 10) {
            return Optional.empty();
        }
        List<EventDefinition> candidates = bySelector.get(calldata.substring(0, 10).toLowerCase(Locale.ROOT));
        if (candidates == null) {
            return Optional.empty();
        }
        EventDefinition f = candidates.get(0);
        try {
            Object[] values = LogDecoder.decode(f, List.of(f.topic0()), "0x" + calldata.substring(10));
            Map<String, Object> args = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) {
                args.put(f.params().get(i).name(), values[i]);
            }
            String contracts = candidates.stream().map(EventDefinition::contractKind).distinct().collect(Collectors.joining("|"));
            return Optional.of(new DecodedCall(contracts, f.signature(), args));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
