package io.cipherocto.platform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HashTest {
    private static final String H = "0x" + "Ab".repeat(32);

    @Test
    void roundTripsThroughStringAndBytes() {
        Hash h = Hash.parse(H);
        assertThat(h.toString()).isEqualTo(H.toLowerCase());
        assertThat(Hash.of(h.bytes())).isEqualTo(h).hasSameHashCodeAs(h);
        assertThat(Hash.parse("0x" + "0".repeat(64))).isEqualTo(Hash.ZERO);
        assertThat(Hash.ZERO.isZero()).isTrue();
    }

    @Test
    void refusesWrongLengthsAndNonAsciiDigits() {
        for (String bad : new String[] {null, "0x" + "a".repeat(62), "0x" + "a".repeat(66), "a".repeat(64),
                "0x\u0663" + "a".repeat(63)}) {
            assertThatThrownBy(() -> Hash.parse(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(Hash.isValid(bad)).isFalse();
        }
        assertThatThrownBy(() -> Hash.of(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requireBytes32CopiesExactly32BytesAndNamesTheFieldOtherwise() {
        byte[] b = new byte[32];
        assertThat(Hash.requireBytes32("jobId", b)).isEqualTo(b).isNotSameAs(b);
        assertThatThrownBy(() -> Hash.requireBytes32("jobId", new byte[31])).hasMessage("jobId must be 32 bytes, got 31");
        assertThatThrownBy(() -> Hash.requireBytes32("jobId", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("jobId");
        assertThat(Hash.tryParse(H)).contains(Hash.parse(H));
        assertThat(Hash.tryParse("0x12")).isEmpty();
    }
}
