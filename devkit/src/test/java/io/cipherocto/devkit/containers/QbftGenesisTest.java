package io.cipherocto.devkit.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cipherocto.contracts.devnet.DevAccounts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The test genesis of {@link BesuContainerIT} (runs without Docker). */
class QbftGenesisTest {

    @Test
    void extraData_matchesTheBesuDocumentationExample() {
        // The 4-validator QBFT genesis of the Besu documentation ("Configure QBFT consensus", genesis file).
        String documented = "0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b"
                + "7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6"
                + "370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0";
        List<String> validators = List.of(
                "0x64a702e6263b7297a96638cac6ae65e6541f4169",
                "0x3923390ad55e90c237593b3b0e401f3b08a03185",
                "0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692",
                "0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78");
        assertThat(QbftGenesis.extraData(validators)).isEqualTo(documented);
    }

    @Test
    void json_isAQbftCancunGenesisFundingTheDevAccounts() throws Exception {
        String validator = "0x" + "11".repeat(20);
        JsonNode g = new ObjectMapper().readTree(QbftGenesis.json(1337, 1, List.of(validator),
                List.of(DevAccounts.get(0).getAddress())));
        assertThat(g.at("/config/chainId").asLong()).isEqualTo(1337);
        assertThat(g.at("/config/cancunTime").asLong()).isZero();
        assertThat(g.at("/config/zeroBaseFee").asBoolean()).isTrue();
        assertThat(g.at("/config/qbft/blockperiodseconds").asInt()).isEqualTo(1);
        assertThat(g.at("/config/qbft/requesttimeoutseconds").asInt()).isGreaterThan(1);
        assertThat(g.at("/extraData").asText()).contains("11".repeat(20));
        assertThat(g.at("/alloc/f39fd6e51aad88f6f4ce6ab8827279cfffb92266/balance").asText()).isEqualTo(QbftGenesis.BALANCE);
        assertThat(Long.decode(g.at("/gasLimit").asText())).isGreaterThanOrEqualTo(
                io.cipherocto.contracts.deploy.Chain.GAS_LIMIT.longValueExact());
    }
}
