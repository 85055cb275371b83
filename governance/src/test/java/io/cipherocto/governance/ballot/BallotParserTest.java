package io.cipherocto.governance.ballot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cipherocto.platform.api.ApiException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BallotParserTest {
    private static final String SIG = "0x" + "11".repeat(64) + "1b";
    private static final String OK = "{\"proposalId\":\"115792089237316195423570985008687907853269984665640564039457584007913129639935\","
            + "\"support\":2,\"voter\":\"0xABCDEF0123456789abcdef0123456789ABCDEF01\",\"nonce\":3,\"signature\":\"" + SIG + "\","
            + "\"domain\":{\"chainId\":\"31337\",\"verifyingContract\":\"0x0B306BF915C4d645ff596e518fAf3F9669b97016\"}}";

    private static BallotSubmission parse(String s) {
        return BallotParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(String body, String code) {
        assertThatThrownBy(() -> parse(body)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(code));
    }

    @Test
    void parse_readsUint256Max_lowercasesAddresses_andTheOptionalDomain() {
        BallotSubmission b = parse(OK);
        assertThat(b.proposalId()).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
        assertThat(b.support()).isEqualTo(2);
        assertThat(b.voter()).isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
        assertThat(b.nonce()).isEqualTo(3);
        assertThat(b.signature()).hasSize(65);
        assertThat(b.domain().orElseThrow().chainId()).contains(31337L);
        assertThat(b.domain().orElseThrow().verifyingContract()).contains("0x0b306bf915c4d645ff596e518faf3f9669b97016");
        assertThat(b.reason()).isEmpty();
    }

    @Test
    void parse_refusesWhatIsNotABallot() {
        refused("nope", "malformed_json");
        refused("\"str\"", "malformed_json");
        refused(OK.replace("115792089237316195423570985008687907853269984665640564039457584007913129639935",
                "115792089237316195423570985008687907853269984665640564039457584007913129639936"), "invalid_field");
        refused(OK.replace("\"support\":2", "\"support\":3"), "invalid_field");
        refused(OK.replace("\"support\":2", "\"support\":\"1\""), "invalid_field");
        refused(OK.replace("\"nonce\":3", "\"nonce\":3.5"), "invalid_field");
        refused(OK.replace(SIG, SIG.substring(0, 130)), "invalid_field");
        refused(OK.replace("\"chainId\":\"31337\"", "\"chainId\":\"x\""), "invalid_field");
        refused(OK.replace("\"domain\":{", "\"domain\":{\"salt\":\"0x00\","), "invalid_field");
        refused(OK.replace(",\"nonce\":3", ""), "invalid_field");
    }
}
