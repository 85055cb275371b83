package io.cipherocto.settlement.api;

import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.indexer.abi.EventTables;
import io.cipherocto.platform.api.ApiException;
import io.cipherocto.settlement.SettlementRuntime;
import io.cipherocto.settlement.receipt.Hex;
import io.cipherocto.settlement.store.Sql;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of indexed chain events and settlement's own records for auditors. */
@ApplicationScoped
public class AuditQueries {
    private static final EventCatalog CATALOG = EventCatalog.suite();
    private static final int PAGE = 100;

    @Inject
    SettlementRuntime runtime;

    /** One page of indexed events of one contract kind and event name, in chain order. */
    public Map<String, Object> events(String contract, String event, long fromBlock, long toBlock, int page) {
        if (contract == null || !EventCatalog.CONTRACT_KINDS.contains(contract)) {
            throw ApiException.badRequest("unknown_contract", "contract must be one of " + EventCatalog.CONTRACT_KINDS);
        }
        Map<String, EventDefinition> events = CATALOG.of(contract);
        EventDefinition def = event == null ? null : events.get(event);
        if (def == null) {
            throw ApiException.badRequest("unknown_event", contract + " events: " + new java.util.TreeSet<>(events.keySet()));
        }
        if (fromBlock < 0 || toBlock < fromBlock || page < 0) {
            throw ApiException.badRequest("invalid_range", "need 0 <= fromBlock <= toBlock and page >= 0");
        }
        Pool pool = runtime.pool();
        requireTable(pool, EventTables.qualified(def));
        // The table name comes from the catalog, never from the request.
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT * FROM " + EventTables.qualified(def) + " WHERE block_number BETWEEN $1 AND $2 "
                + "ORDER BY block_number, log_index LIMIT $3 OFFSET $4").executeAndAwait(Tuple.of(fromBlock, toBlock, PAGE + 1,
                io.cipherocto.platform.api.Paging.offset(page, PAGE)))) {
            rows.add(row(r));
        }
        boolean more = rows.size() > PAGE;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("contract", contract);
        out.put("event", def.signature());
        out.put("page", page);
        out.put("hasMore", more);
        out.put("events", more ? rows.subList(0, PAGE) : rows);
        return out;
    }

    /** On-chain fail attestations and slashes (indexed events) and the verdicts settlement used (from the chain). */
    public Map<String, Object> attestations(Long epoch, String provider) {
        String p = provider == null ? null : Hex.normalize(provider, 20).orElseThrow(() -> ApiException.badRequest(
                "invalid_address", "provider must be 0x + 40 hex digits"));
        Pool pool = runtime.pool();
        Map<String, Object> out = new LinkedHashMap<>();
        if (exists(pool, "indexer.attestation_registry_fail_attestation_accepted")) {
            List<Map<String, Object>> f = new ArrayList<>();
            for (Row r : pool.preparedQuery("SELECT * FROM indexer.attestation_registry_fail_attestation_accepted "
                    + "WHERE ($1::numeric IS NULL OR epoch = $1) AND ($2::text IS NULL OR provider = $2) "
                    + "ORDER BY block_number, log_index LIMIT 1000")
                    .executeAndAwait(Tuple.of(epoch == null ? null : Numeric.create(epoch), p))) {
                f.add(row(r));
            }
            out.put("failAttestationsOnChain", f);
        }
        // Protocol v2: an accepted fail attestation queues a slash; these are the ones executed after the veto window
        // (and those a guardian cancelled).
        for (String[] kind : new String[][] {{"slashesExecuted", "slash_executed"}, {"slashesCancelled", "slash_cancelled"}}) {
            String table = "indexer.attestation_registry_" + kind[1];
            if (exists(pool, table)) {
                List<Map<String, Object>> x = new ArrayList<>();
                for (Row r : pool.preparedQuery("SELECT * FROM " + table + " WHERE ($1::text IS NULL OR provider = $1) "
                        + "ORDER BY block_number, log_index LIMIT 1000").executeAndAwait(Tuple.of(p))) {
                    x.add(row(r));
                }
                out.put(kind[0], x);
            }
        }
        List<Map<String, Object>> s = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT epoch, job_id, provider, verdict FROM settlement.samples "
                + "WHERE ($1::bigint IS NULL OR epoch = $1) AND ($2::text IS NULL OR provider = $2) ORDER BY epoch, job_id LIMIT 1000")
                .executeAndAwait(Tuple.of(epoch, p))) {
            s.add(row(r));
        }
        out.put("settlementVerdicts", s);
        return out;
    }

    private static void requireTable(Pool pool, String table) {
        if (!exists(pool, table)) {
            throw ApiException.unavailable("indexer_unavailable", table + " does not exist (is the chain-indexer installed?)");
        }
    }

    private static boolean exists(Pool pool, String table) {
        return pool.preparedQuery("SELECT to_regclass($1) IS NOT NULL AS present").executeAndAwait(Tuple.of(table))
                .iterator().next().getBoolean("present");
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
