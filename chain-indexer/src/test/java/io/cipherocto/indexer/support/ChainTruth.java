package io.cipherocto.indexer.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.chain.events.EventCatalog;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.abi.EventTables;
import io.cipherocto.indexer.sync.ContractSet;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Array;
import org.web3j.abi.datatypes.Type;
import org.web3j.utils.Numeric;

/**
 * The reference the indexer is checked against: every log {@code eth_getLogs} returns, decoded independently with
 * web3j's ABI decoder, compared field by field with the database row (read over JDBC).
 */
public final class ChainTruth {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventCatalog catalog;
    private final ContractSet contracts;

    public ChainTruth(EventCatalog catalog, DeploymentManifest manifest) {
        this.catalog = catalog;
        this.contracts = ContractSet.of(manifest);
    }

    public record Report(int logsOnChain, int rowsInDatabase, List<String> mismatches, Map<String, Integer> perTable) {}

    public Report compare(List<RpcLog> logs, TestDatabase db) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        Map<String, Integer> perTable = new HashMap<>();
        int total = 0;
        try (Connection c = db.jdbc(); Statement st = c.createStatement()) {
            for (EventDefinition d : catalog.all()) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM " + EventTables.qualified(d))) {
                    int n = 0;
                    while (rs.next()) {
                        Map<String, Object> row = new HashMap<>();
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            row.put(rs.getMetaData().getColumnName(i), normalize(rs.getObject(i)));
                        }
                        row.put("$table", EventTables.name(d));
                        Object prev = rows.put(rs.getLong("block_number") + ":" + rs.getInt("log_index"), row);
                        if (prev != null) {
                            throw new AssertionError("two rows at " + rs.getLong("block_number") + ":" + rs.getInt("log_index"));
                        }
                        n++;
                    }
                    total += n;
                    if (n > 0) {
                        perTable.put(EventTables.name(d), n);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<String> mismatches = new ArrayList<>();
        for (RpcLog l : logs) {
            String key = Hex.quantity(l.blockNumber) + ":" + Hex.quantity(l.logIndex);
            Map<String, Object> row = rows.get(key);
            EventDefinition d = contracts.kindOf(l.address).flatMap(k -> catalog.find(k, l.topics.get(0))).orElseThrow(
                    () -> new AssertionError("log with an unknown event: " + l.address + " " + l.topics));
            if (row == null) {
                mismatches.add(key + " " + EventTables.name(d) + ": missing");
                continue;
            }
            expect(mismatches, key, "$table", EventTables.name(d), row);
            expect(mismatches, key, "block_hash", l.blockHash.toLowerCase(Locale.ROOT), row);
            expect(mismatches, key, "tx_hash", l.transactionHash.toLowerCase(Locale.ROOT), row);
            expect(mismatches, key, "tx_index", Long.toString(Hex.quantity(l.transactionIndex)), row);
            expect(mismatches, key, "contract", l.address.toLowerCase(Locale.ROOT), row);
            List<String> expected = web3jDecode(d, l);
            for (int i = 0; i < d.params().size(); i++) {
                expect(mismatches, key, d.params().get(i).column(), expected.get(i), row);
            }
        }
        return new Report(logs.size(), total, mismatches, perTable);
    }

    private static void expect(List<String> out, String key, String column, String expected, Map<String, Object> row) {
        Object actual = row.get(column);
        if (!expected.equals(actual)) {
            out.add(key + " " + row.get("$table") + "." + column + ": expected " + expected + ", stored " + actual);
        }
    }

    /** web3j's own decoding of the log, each value in the text form the indexer stores. */
    static List<String> web3jDecode(EventDefinition d, RpcLog l) {
        List<TypeReference<Type>> nonIndexed = new ArrayList<>();
        for (EventParam p : d.params()) {
            if (!p.indexed()) {
                nonIndexed.add(ref(p));
            }
        }
        List<Type> data = FunctionReturnDecoder.decode(l.data, nonIndexed);
        List<String> out = new ArrayList<>();
        int topic = 1;
        int next = 0;
        for (EventParam p : d.params()) {
            Type v = p.indexed() ? FunctionReturnDecoder.decodeIndexedValue(l.topics.get(topic++), ref(p)) : data.get(next++);
            out.add(text(v, p.type().kind() == io.cipherocto.chain.events.AbiType.Kind.ARRAY));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static TypeReference<Type> ref(EventParam p) {
        try {
            return (TypeReference<Type>) TypeReference.makeTypeReference(p.type().canonical(), p.indexed(), false);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Type v, boolean array) {
        if (array) {
            List<String> items = new ArrayList<>();
            for (Object o : ((Array<?>) v).getValue()) {
                items.add(scalar((Type) o));
            }
            try {
                return JSON.readTree(JSON.writeValueAsString(items)).toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return scalar(v);
    }

    private static String scalar(Type v) {
        Object value = v.getValue();
        if (value instanceof byte[] b) {
            return Numeric.toHexString(b);
        }
        if (v instanceof org.web3j.abi.datatypes.Address a) {
            return a.getValue().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(value);
    }

    private static Object normalize(Object o) {
        if (o instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (o instanceof org.postgresql.util.PGobject p) {
            try {
                JsonNode n = JSON.readTree(p.getValue());
                return n.toString();
            } catch (Exception e) {
                return p.getValue();
            }
        }
        return o == null ? null : o.toString();
    }
}
