package io.cipherocto.indexer.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.chain.events.AbiType;
import io.cipherocto.chain.events.EventDefinition;
import io.cipherocto.chain.events.EventParam;
import io.cipherocto.chain.events.LogDecoder;
import io.cipherocto.devkit.TestDatabase;
import io.cipherocto.indexer.abi.EventTables;
import io.cipherocto.indexer.abi.SchemaDdl;
import io.cipherocto.platform.kernel.Hex;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PGobject;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Int64;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;

/**
 * The binary COPY rows {@link TableRows} writes, loaded by PostgreSQL into a table made by {@link SchemaDdl}, read
 * back equal to the text forms of {@link LogDecoder}: numeric digit groups at every boundary, signs, booleans,
 * bigint, text and jsonb.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TableRowsIT {
    private static final BigInteger TWO = BigInteger.TWO;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventDefinition EVENT = EventDefinition.of("TableRowsIt", "Values", List.of(
            param("signedTopic", "int256", true),
            param("amount", "uint256", false),
            param("delta", "int256", false),
            param("flag", "bool", false),
            param("small", "uint32", false),
            param("wide", "int64", false),
            param("blob", "bytes", false),
            param("note", "string", false),
            param("list", "uint256[]", false),
            param("who", "address", false),
            param("tag", "bytes32", false)));

    private TestDatabase db;

    private static EventParam param(String name, String type, boolean indexed) {
        return new EventParam(name, AbiType.parse(type), indexed, name.toLowerCase());
    }

    @BeforeAll
    void start() throws Exception {
        db = TestDatabase.start("indexer");
        try (Connection c = db.jdbc(); Statement st = c.createStatement()) {
            st.execute(SchemaDdl.table(EVENT));
        }
    }

    @AfterAll
    void stop() {
        db.close();
    }

    @Test
    void copiedRows_readBackAsTheDecodersTextForms() throws Exception {
        List<BigInteger> unsigned = List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(9_999), BigInteger.valueOf(10_000),
                BigInteger.TEN.pow(18), BigInteger.valueOf(Long.MAX_VALUE), TWO.pow(63), TWO.pow(256).subtract(BigInteger.ONE));
        List<BigInteger> signed = List.of(BigInteger.ZERO, BigInteger.ONE.negate(), BigInteger.valueOf(-10_000),
                BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE),
                TWO.pow(255).negate(), TWO.pow(255).subtract(BigInteger.ONE), BigInteger.valueOf(123_456_789));
        TableRows rows = new TableRows(EVENT);
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < unsigned.size(); i++) {
            List<Type> data = List.of(new Uint256(unsigned.get(i)), new Int256(signed.get(i)), new Bool(i % 2 == 0),
                    new Uint32(BigInteger.valueOf(4_000_000_000L + i)), new Int64(BigInteger.valueOf(-i * 1_000_000_000_000L)),
                    new DynamicBytes(new byte[] {(byte) i, (byte) 0xff}), new Utf8String("note " + i + " \u00e9\u2713"),
                    new DynamicArray<>(Uint256.class, new Uint256(unsigned.get(i)), new Uint256(BigInteger.valueOf(i))),
                    new Address("0x" + String.format("%040x", i + 1)), new Bytes32(new byte[32]));
            String dataHex = "0x" + FunctionEncoder.encodeConstructor(data);
            String topic = "0x" + TypeEncoder.encode(new Int256(signed.get(signed.size() - 1 - i)));
            expected.add(LogDecoder.decode(EVENT, List.of(EVENT.topic0(), topic), dataHex));
            byte[] d = Hex.decode(dataHex);
            rows.begin(100 + i, i, 0, new byte[32], new byte[32], new byte[20]);
            LogDecoder.decode(EVENT, new byte[][] {Hex.decode(EVENT.topic0()), Hex.decode(topic)}, 2, d, d.length, rows);
            rows.end();
        }
        // a row whose decoding failed half-way is dropped without a trace
        rows.begin(999, 0, 0, new byte[32], new byte[32], new byte[20]);
        rows.int64(1);
        rows.abort();

        try (Connection c = db.jdbc()) {
            CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(TableRows.copySql(EVENT));
            in.writeToCopy(CopyBuffer.HEADER, 0, CopyBuffer.HEADER.length);
            in.writeToCopy(rows.bytes(), 0, rows.byteSize());
            in.writeToCopy(CopyBuffer.TRAILER, 0, CopyBuffer.TRAILER.length);
            assertThat(in.endCopy()).isEqualTo(unsigned.size());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + EventTables.qualified(EVENT)
                    + " ORDER BY block_number")) {
                int row = 0;
                while (rs.next()) {
                    assertThat(rs.getString("block_hash")).isEqualTo("0x" + "00".repeat(32));
                    Object[] want = expected.get(row++);
                    for (int p = 0; p < EVENT.params().size(); p++) {
                        assertThat(text(rs.getObject(EVENT.params().get(p).column())))
                                .as("row %d, %s", row, EVENT.params().get(p).name()).isEqualTo(text(want[p]));
                    }
                }
                assertThat(row).isEqualTo(unsigned.size());
            }
        }
    }

    private static String text(Object o) throws Exception {
        if (o instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (o instanceof PGobject p) {
            return JSON.readTree(p.getValue()).toString();
        }
        if (o instanceof String s && s.startsWith("[")) {
            return JSON.readTree(s).toString();
        }
        return String.valueOf(o);
    }
}
