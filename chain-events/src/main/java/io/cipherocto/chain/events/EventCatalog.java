package io.cipherocto.chain.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every event of every contract kind in the suite, read from the compiled ABIs that octo-contracts ships
 * ({@code io/cipherocto/contracts/abi/<Contract>.abi}, the same ABIs the web3j wrappers are generated from).
 * Lookup is by contract kind and topic0.
 */
public final class EventCatalog {
    /** The suite's contract kinds, in deployment order; RoleToken stands for the eight role tokens. */
    public static final List<String> CONTRACT_KINDS = List.of(
            "OctoToken", "RoleToken", "StakingManager", "AttestationRegistry", "PaymentEscrow", "Treasury",
            "RewardDistributor", "TimelockController", "OctoGovernor");

    private static final String ABI_PATH = "/io/cipherocto/contracts/abi/";

    private final Map<String, Map<String, EventDefinition>> byKindAndTopic;
    private final List<EventDefinition> all;

    private EventCatalog(Map<String, Map<String, EventDefinition>> byKindAndTopic) {
        this.byKindAndTopic = byKindAndTopic;
        List<EventDefinition> a = new ArrayList<>();
        byKindAndTopic.values().forEach(m -> a.addAll(m.values()));
        this.all = List.copyOf(a);
    }

    /** The catalog of the suite's ABIs on the classpath. */
    public static EventCatalog suite() {
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, EventDefinition>> m = new LinkedHashMap<>();
        for (String kind : CONTRACT_KINDS) {
            try (InputStream in = EventCatalog.class.getResourceAsStream(ABI_PATH + kind + ".abi")) {
                if (in == null) {
                    throw new IllegalStateException("ABI of " + kind + " is not on the classpath (" + ABI_PATH + ")");
                }
                m.put(kind, events(kind, json.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the ABI of " + kind, e);
            }
        }
        return new EventCatalog(m);
    }

    static Map<String, EventDefinition> events(String kind, JsonNode abi) {
        Map<String, EventDefinition> events = new LinkedHashMap<>();
        for (JsonNode item : abi) {
            if (!"event".equals(item.path("type").asText()) || item.path("anonymous").asBoolean(false)) {
                continue;
            }
            List<EventParam> params = new ArrayList<>();
            for (JsonNode in : item.path("inputs")) {
                String name = in.path("name").asText();
                params.add(new EventParam(name, AbiType.parse(in.path("type").asText()), in.path("indexed").asBoolean(),
                        Names.snake(name)));
            }
            EventDefinition def = EventDefinition.of(kind, item.path("name").asText(), params);
            events.put(def.topic0(), def);
        }
        return events;
    }

    public Optional<EventDefinition> find(String kind, String topic0) {
        Objects.requireNonNull(kind, "kind");
        Map<String, EventDefinition> m = byKindAndTopic.get(kind);
        return m == null || topic0 == null ? Optional.empty() : Optional.ofNullable(m.get(topic0));
    }

    public Collection<EventDefinition> all() {
        return all;
    }

    /** Events of one kind by name. */
    public Map<String, EventDefinition> of(String kind) {
        Map<String, EventDefinition> byName = new HashMap<>();
        byKindAndTopic.getOrDefault(kind, Map.of()).values().forEach(d -> byName.put(d.name(), d));
        return byName;
    }
}
