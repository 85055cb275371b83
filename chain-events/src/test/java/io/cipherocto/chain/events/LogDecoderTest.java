package io.cipherocto.chain.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

class LogDecoderTest {
    private static final EventCatalog CATALOG = EventCatalog.suite();

    private static String word(String hexNoPrefix) {
        return "0x" + "0".repeat(64 - hexNoPrefix.length()) + hexNoPrefix;
    }

    @Test
    void transfer_decodesTopicsAndData_intoColumnText() {
        EventDefinition d = CATALOG.of("OctoToken").get("Transfer");
        assertThat(d.topic0()).isEqualTo(Hash.sha3String("Transfer(address,address,uint256)"));
        Object[] v = LogDecoder.decode(d, List.of(d.topic0(), word("f39fd6e51aad88f6f4ce6ab8827279cfffb92266"),
                word("70997970c51812dc3a010c7d01b50e0d17dc79c8")), word("de0b6b3a7640000"));
        assertThat(v).containsExactly("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                "1000000000000000000");
    }

    @Test
    void uint256_max_andSmallWidths_keepTheirExactValue() {
        EventDefinition d = CATALOG.of("StakingManager").get("Staked"); // (indexed address, indexed uint8, uint256, uint256)
        String max = "f".repeat(64);
        Object[] v = LogDecoder.decode(d, List.of(d.topic0(), word("01"), word("07")),
                "0x" + max + "0".repeat(63) + "5");
        assertThat(v[1]).isEqualTo(7L);
        assertThat(v[2]).isEqualTo(BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString());
        assertThat(v[3]).isEqualTo("5");
    }

    @Test
    void proposalCreated_withDynamicArraysAndStrings_matchesWeb3jEncoding() {
        EventDefinition d = CATALOG.of("OctoGovernor").get("ProposalCreated");
        List<Type> values = List.of(new Uint256(BigInteger.valueOf(42)), new Address("0x0000000000000000000000000000000000000abc"),
                new DynamicArray<>(Address.class, new Address("0x0000000000000000000000000000000000000001")),
                new DynamicArray<>(Uint256.class, new Uint256(BigInteger.TEN), new Uint256(BigInteger.ZERO)),
                new DynamicArray<>(Utf8String.class, new Utf8String("setX(uint256)"), new Utf8String("")),
                new DynamicArray<>(DynamicBytes.class, new DynamicBytes(new byte[] {1, 2, 3}), new DynamicBytes(new byte[0])),
                new Uint256(BigInteger.valueOf(100)), new Uint256(BigInteger.valueOf(200)), new Utf8String("Raise the cap ✓"));
        String data = "0x" + FunctionEncoder.encodeConstructor(values);
        Object[] v = LogDecoder.decode(d, List.of(d.topic0()), data);
        assertThat(v).containsExactly("42", "0x0000000000000000000000000000000000000abc",
                "[\"0x0000000000000000000000000000000000000001\"]", "[\"10\",\"0\"]", "[\"setX(uint256)\",\"\"]",
                "[\"0x010203\",\"0x\"]", "100", "200", "Raise the cap ✓");
    }

    @Test
    void truncatedData_isUndecodable() {
        EventDefinition d = CATALOG.of("OctoToken").get("Transfer");
        assertThatThrownBy(() -> LogDecoder.decode(d, List.of(d.topic0(), word("1"), word("2")), "0x1234"))
                .isInstanceOf(UndecodableLogException.class);
    }

    @Test
    void wrongTopicCount_isUndecodable() {
        EventDefinition d = CATALOG.of("OctoToken").get("Transfer");
        assertThatThrownBy(() -> LogDecoder.decode(d, List.of(d.topic0()), word("1")))
                .isInstanceOf(UndecodableLogException.class).hasMessageContaining("expected 3 topics");
    }

    @Test
    void offsetPointingPastTheData_isUndecodable() {
        EventDefinition d = CATALOG.of("OctoGovernor").get("ProposalCanceled");
        EventDefinition withString = CATALOG.of("OctoGovernor").get("VoteCast"); // (indexed address, uint256, uint8, uint256, string)
        assertThat(d.params()).hasSize(1);
        String data = "0x" + "0".repeat(64) + "0".repeat(63) + "1" + "0".repeat(64) + "0".repeat(60) + "ffff";
        assertThatThrownBy(() -> LogDecoder.decode(withString, List.of(withString.topic0(), word("1")), data))
                .isInstanceOf(UndecodableLogException.class);
    }

    @Test
    void catalog_coversEverySuiteContract_withUniqueEventNamesPerContract() {
        assertThat(CATALOG.all()).extracting(d -> d.contractKind() + "." + d.name()).doesNotHaveDuplicates();
        assertThat(CATALOG.all()).extracting(EventDefinition::contractKind).containsAll(EventCatalog.CONTRACT_KINDS);
        assertThat(Names.snake("EIP712DomainChanged")).isEqualTo("eip712_domain_changed");
        assertThat(Names.snake("OctoToken")).isEqualTo("octo_token");
        assertThat(Names.snake("proposalId")).isEqualTo("proposal_id");
    }
}
