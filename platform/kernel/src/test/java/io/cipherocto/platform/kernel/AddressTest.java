package io.cipherocto.platform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {
    private static final String MIXED = "0xAbCdEf0123456789aBcDeF0123456789ABCDEF01";

    @Test
    void parsesAnyCaseAndPrintsCanonicalLowerCase() {
        Address a = Address.parse(MIXED);
        assertThat(a.toString()).isEqualTo(MIXED.toLowerCase());
        assertThat(Address.parse(a.toString())).isEqualTo(a).hasSameHashCodeAs(a);
        assertThat(Address.of(a.bytes())).isEqualTo(a);
        assertThat(a.bytes()).hasSize(20);
    }

    @Test
    void refusesWrongLengthsMissingPrefixAndNonAsciiDigits() {
        for (String bad : new String[] {null, "", "0x", MIXED.substring(0, 41), MIXED + "0", MIXED.substring(2),
                "0x\u0663" + MIXED.substring(3), "0x" + "g".repeat(40), " " + MIXED.substring(1)}) {
            assertThatThrownBy(() -> Address.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(Address.isValid(bad)).isFalse();
        }
        assertThatThrownBy(() -> Address.of(new byte[19])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theZeroAddressParsesButIsRefusedWhereNonZeroIsRequired() {
        String zero = "0x" + "0".repeat(40);
        assertThat(Address.parse(zero)).isEqualTo(Address.ZERO);
        assertThat(Address.ZERO.isZero()).isTrue();
        assertThatThrownBy(() -> Address.parseNonZero(zero)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(Address.ZERO::requireNonZero).isInstanceOf(IllegalArgumentException.class);
        assertThat(Address.parseNonZero(MIXED)).isEqualTo(Address.parse(MIXED));
    }

    @Test
    void bytesAreACopy() {
        Address a = Address.parse(MIXED);
        a.bytes()[0] = 0;
        assertThat(a.toString()).isEqualTo(MIXED.toLowerCase());
    }

    @Test
    void tryParseIsEmptyWhereParseThrows() {
        assertThat(Address.tryParse(MIXED)).contains(Address.parse(MIXED));
        assertThat(Address.tryParse("0x\u0663" + MIXED.substring(3))).isEmpty();
        assertThat(Address.tryParse(null)).isEmpty();
    }
}
