package io.cipherocto.indexer.query;

import io.cipherocto.chain.events.IndexedEvent;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rows of an event table as {@link IndexedEvent}s, with the value forms that type promises. */
final class EventRows {
    private EventRows() {}

    static List<IndexedEvent> events(RowSet<Row> rows) {
        List<IndexedEvent> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(event(r));
        }
        return out;
    }

    static IndexedEvent event(Row r) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < r.size(); i++) {
            columns.put(r.getColumnName(i), value(r.getValue(i)));
        }
        return new IndexedEvent(r.getLong("block_number"), r.getInteger("log_index"), columns);
    }

    /** numeric(78,0) in decimal, jsonb as JSON text; text, integers and booleans as they are. */
    private static Object value(Object v) {
        if (v instanceof Numeric n) {
            return n.bigDecimalValue().toPlainString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof String || v instanceof Long || v instanceof Integer || v instanceof Boolean) {
            return v;
        }
        return String.valueOf(v); // jsonb (a Vert.x JsonArray) as its JSON text
    }
}
