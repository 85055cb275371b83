package io.cipherocto.indexer.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.platform.kernel.Hex;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogStreamTest {
    private static final String H1 = "0x" + "ab".repeat(32);
    private static final String H2 = "0x" + "CD".repeat(32);
    private static final String ADDR = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    private static String log(String extra) {
        return "{\"address\":\"" + ADDR + "\",\"topics\":[\"" + H1 + "\",\"" + H2 + "\"],\"data\":\"0x0102ff\","
                + "\"blockHash\":\"" + H1 + "\",\"blockNumber\":\"0x1f\",\"blockTimestamp\":\"0x6553f100\","
                + "\"transactionHash\":\"" + H2 + "\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x2\",\"removed\":false"
                + extra + "}";
    }

    /** What the consumer saw, copied out of the reused RawLog. */
    private record Seen(String address, List<String> topics, String data, long block, String blockHash, long timestamp,
            String txHash, long txIndex, long logIndex, boolean removed) {}

    private static List<Seen> read(String json, int buffer) throws Exception {
        List<Seen> out = new ArrayList<>();
        JsonBytes in = new JsonBytes(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), buffer);
        int n = LogStream.read(in, l -> {
            List<String> topics = new ArrayList<>();
            for (int i = 0; i < l.topicCount(); i++) {
                topics.add(Hex.encode(l.topic(i)));
            }
            out.add(new Seen(Hex.encode(l.address()), topics, Hex.encode(l.data(), 0, l.dataLength()), l.blockNumber(),
                    Hex.encode(l.blockHash()), l.blockTimestamp(), Hex.encode(l.transactionHash()), l.transactionIndex(),
                    l.logIndex(), l.removed()));
        }, m -> m.contains("too many"));
        assertThat(n).isEqualTo(out.size());
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 65536})
    void logs_areDecoded_whateverTheBufferSize(int buffer) throws Exception {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":[" + log("") + ", " + log(",\"extra\":{\"a\":[1,2.5e3,{\"b\":null}],"
                + "\"s\":\"q\\\"\\\\\\u00e9\"}") + "]}";
        List<Seen> logs = read(json, buffer);
        assertThat(logs).hasSize(2);
        Seen s = logs.get(0);
        assertThat(s.address()).isEqualTo(ADDR.toLowerCase());
        assertThat(s.topics()).containsExactly(H1, H2.toLowerCase());
        assertThat(s.data()).isEqualTo("0x0102ff");
        assertThat(s.block()).isEqualTo(31);
        assertThat(s.blockHash()).isEqualTo(H1);
        assertThat(s.timestamp()).isEqualTo(0x6553f100L);
        assertThat(s.txHash()).isEqualTo(H2.toLowerCase());
        assertThat(s.txIndex()).isZero();
        assertThat(s.logIndex()).isEqualTo(2);
        assertThat(s.removed()).isFalse();
        assertThat(logs.get(1)).isEqualTo(s);
    }

    @Test
    void fieldOrder_whitespace_andMissingTimestamp_areAccepted() throws Exception {
        String json = " {\n \"result\" : [ { \"logIndex\" : \"0x0\" , \"removed\" : true, \"data\" : \"0x\", "
                + "\"transactionIndex\":\"0x5\", \"transactionHash\":\"" + H1 + "\", \"blockNumber\":\"0x0\", "
                + "\"blockHash\":\"" + H2 + "\", \"topics\" : [ ], \"address\":\"" + ADDR + "\" } ] , \"id\": 1, \"jsonrpc\":\"2.0\" }\n";
        Seen s = read(json, 16).get(0);
        assertThat(s.topics()).isEmpty();
        assertThat(s.data()).isEqualTo("0x");
        assertThat(s.timestamp()).isEqualTo(-1);
        assertThat(s.removed()).isTrue();
        assertThat(s.txIndex()).isEqualTo(5);
    }

    @Test
    void emptyAndNullResults_areNoLogs() throws Exception {
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[]}", 64)).isEmpty();
        assertThat(read("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}", 64)).isEmpty();
    }

    @Test
    void largeData_growsTheBuffer() throws Exception {
        String data = "0x" + "0123456789abcdef".repeat(10_000);
        String json = "{\"result\":[" + log("").replace("\"0x0102ff\"", "\"" + data + "\"") + "]}";
        assertThat(read(json, 64).get(0).data()).isEqualTo(data);
    }

    @Test
    void errorObject_isAnRpcException_thatSaysWhetherTheRangeWasTooLarge() {
        assertThatThrownBy(() -> read("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32005,\"message\":\"query returned too many results\"}}", 64))
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.rangeTooLarge()).isTrue();
                    assertThat(e.getMessage()).contains("too many results").contains("-32005");
                });
        assertThatThrownBy(() -> read("{\"error\":{\"message\":\"boom\",\"code\":-1,\"data\":[1]},\"id\":1}", 64))
                .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.rangeTooLarge()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                   // empty body
        "{\"result\":[",                      // truncated
        "{\"result\":[{\"address\":\"0x12",   // truncated inside a string
        "<html>502 Bad Gateway</html>",       // not JSON
        "{\"id\":1}",                         // neither result nor error
        "{\"result\":[{}]}",                  // a log without fields
        "{\"result\":[{\"address\":\"0x1234\"}]}", // wrong length
        "{\"result\":{}}",                    // result of the wrong type
        "{\"result\":[] \"x\":1}",            // missing comma
    })
    void malformedAnswers_areRpcExceptions(String json) {
        assertThatThrownBy(() -> read(json, 8)).isInstanceOf(RpcException.class);
    }

    @Test
    void nonHexDigits_areRefused() {
        String json = "{\"result\":[" + log("").replace("\"0x1f\"", "\"0x1g\"") + "]}";
        assertThatThrownBy(() -> read(json, 64)).isInstanceOf(RpcException.class).hasMessageContaining("blockNumber");
    }

    @Test
    void aFailingBody_isAnIOException() {
        java.io.InputStream broken = new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> LogStream.read(broken, l -> {}, m -> false)).isInstanceOf(IOException.class);
    }
}
