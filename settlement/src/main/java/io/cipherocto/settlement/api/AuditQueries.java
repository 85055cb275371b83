package io.cipherocto.settlement.api;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventCursor;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventPage;
import io.cipherocto.chain.events.EventQuery;
import io.cipherocto.chain.events.IndexedEvent;
import io.cipherocto.chain.events.IndexedEvents;
import io.cipherocto.chain.events.IndexerUnavailableException;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.platform.kernel.Address;
import io.cipherocto.platform.kernel.Hex;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.store.Sql;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Reads for auditors: indexed chain events (through {@link IndexedEvents}, never the indexer's tables) and
 * settlement's own records.
 */
@ApplicationScoped
public class AuditQueries {
    private static final EventCatalog CATALOG = EventCatalog.suite();
    private static final int ATTESTATIONS = 1000;

    @Inject
    SettlementRuntime runtime;

    @Inject
    IndexedEvents indexed;

    /**
     * One page of indexed events of one contract kind and event name, in chain order: the first page, or the one after
     * the cursor {@code after} (the {@code next} of the previous page). {@code page} is the former offset paging: only
     * 0 (the first page) is accepted.
     */
    public Map<String, Object> events(String contract, String event, long fromBlock, long toBlock, Optional<String> after,
            int limit, int page) {
        if (contract == null || !EventCatalog.CONTRACT_KINDS.contains(contract)) {
            throw ApiException.badRequest("unknown_contract", "contract must be one of " + EventCatalog.CONTRACT_KINDS);
        }
        Map<String, EventDefinition> events = CATALOG.of(contract);
        EventDefinition def = Optional.ofNullable(event).map(events::get).orElseThrow(() -> ApiException.badRequest(
                "unknown_event", contract + " events: " + new TreeSet<>(events.keySet())));
        if (fromBlock < 0 || toBlock < fromBlock) {
            throw ApiException.badRequest("invalid_range", "need 0 <= fromBlock <= toBlock");
        }
        if (page != 0) {
            throw ApiException.badRequest("invalid_page", "page is replaced by cursors: pass after=<next of the previous page>"
                    + " (page=0 is the first page)");
        }
        if (limit < 1 || limit > IndexedEvents.MAX_PAGE_SIZE) {
            throw ApiException.badRequest("invalid_limit", "limit must be 1.." + IndexedEvents.MAX_PAGE_SIZE);
        }
        Optional<EventCursor> cursor = after.map(a -> EventCursor.parse(a).orElseThrow(() -> ApiException.badRequest(
                "invalid_cursor", "after must be the next of a previous page: <blockNumber>-<logIndex>")));
        EventPage p = indexed.events(new EventQuery(def, fromBlock, toBlock, cursor, limit));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contract", contract);
        out.put("event", def.signature());
        out.put("limit", limit);
        out.put("hasMore", p.hasMore());
        out.put("next", p.next().map(EventCursor::text).orElse(null));
        out.put("events", columns(p.events()));
        return out;
    }

    /**
     * On-chain fail attestations and executed and cancelled slashes (indexed events; left out when the indexer's
     * tables are not there) and the verdicts settlement used.
     */
    public Map<String, Object> attestations(Long epoch, String provider) {
        Optional<String> p = Optional.ofNullable(provider).map(a -> Address.tryParse(a).map(Address::toString).orElseThrow(() ->
                ApiException.badRequest("invalid_address", "provider must be 0x + 40 hex digits")));
        Optional<Long> e = Optional.ofNullable(epoch);
        Map<String, Object> out = new LinkedHashMap<>();
        ifIndexed(() -> indexed.failAttestationsAccepted(e, p, ATTESTATIONS))
                .ifPresent(f -> out.put("failAttestationsOnChain", columns(f)));
        // Protocol v2: an accepted fail attestation queues a slash; these are the ones executed after the veto window
        // (and those a guardian cancelled).
        ifIndexed(() -> indexed.slashesExecuted(p, ATTESTATIONS)).ifPresent(x -> out.put("slashesExecuted", columns(x)));
        ifIndexed(() -> indexed.slashesCancelled(p, ATTESTATIONS)).ifPresent(x -> out.put("slashesCancelled", columns(x)));
        List<Map<String, Object>> s = new ArrayList<>();
        for (Row r : runtime.pool().preparedQuery("SELECT epoch, job_id, provider, verdict FROM settlement.samples "
                + "WHERE ($1::bigint IS NULL OR epoch = $1) AND ($2::text IS NULL OR provider = $2) ORDER BY epoch, job_id LIMIT "
                + ATTESTATIONS).executeAndAwait(Tuple.of(epoch, p.orElse(null)))) {
            s.add(row(r));
        }
        out.put("settlementVerdicts", s);
        return out;
    }

    private static <T> Optional<T> ifIndexed(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (IndexerUnavailableException e) {
            return Optional.empty();
        }
    }

    private static List<Map<String, Object>> columns(List<IndexedEvent> events) {
        return events.stream().map(IndexedEvent::columns).toList();
    }

    private static Map<String, Object> row(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            Object v = r.getValue(i);
            if (v instanceof Numeric || v instanceof java.math.BigDecimal) {
                v = Sql.big(v).toString();
            } else if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                v = v.toString();
            }
            m.put(r.getColumnName(i), v);
        }
        return m;
    }
}
