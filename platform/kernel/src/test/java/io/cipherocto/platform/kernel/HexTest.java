package io.cipherocto.platform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HexTest {
    @Test
    void encodesLowerCaseWith0xAndDecodesBack() {
        byte[] b = {0, 1, (byte) 0xab, (byte) 0xff, 0x7f};
        assertThat(Hex.encode(b)).isEqualTo("0x0001abff7f");
        assertThat(Hex.decode("0x0001abff7f")).isEqualTo(b);
        assertThat(Hex.decode("0001ABFF7F")).isEqualTo(b);
        assertThat(Hex.decode("0X0001aBfF7f")).isEqualTo(b);
        assertThat(Hex.encode(new byte[0])).isEqualTo("0x");
        assertThat(Hex.decode("0x")).isEmpty();
    }

    @Test
    void encodesARangeOfAnArray() {
        byte[] b = {1, 2, 3, 4};
        assertThat(Hex.encode(b, 1, 2)).isEqualTo("0x0203");
        assertThatThrownBy(() -> Hex.encode(b, 3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesNonAsciiDigitsThatCharacterDigitAccepts() {
        assertThat(Character.digit('\u0663', 16)).isEqualTo(3);
        assertThat(Hex.isAsciiHexDigit('\u0663')).isFalse();
        assertThat(Hex.isAsciiHexDigit('\uff21')).isFalse();
        assertThatThrownBy(() -> Hex.decode("0x\u0663\u0663")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Hex.normalize("0x\u0663\u0663", 1)).isEmpty();
        assertThatThrownBy(() -> Hex.quantity("0x\u0663")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOddLengthsNonHexAndNull() {
        assertThatThrownBy(() -> Hex.decode("0xabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0xzz")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0x 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesAnExpectedLengthOnly() {
        assertThat(Hex.decode("0x0102", 2)).containsExactly(1, 2);
        assertThat(Hex.decode("0102", 2)).containsExactly(1, 2);
        assertThatThrownBy(() -> Hex.decode("0x010203", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.decode("0x01", 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalizesToLowerCaseWithMandatoryPrefixAndExactLength() {
        assertThat(Hex.normalize("0XABcd", 2)).contains("0xabcd");
        assertThat(Hex.normalize("abcd", 2)).isEmpty();
        assertThat(Hex.normalize("0xabcd", 3)).isEmpty();
        assertThat(Hex.normalize(null, 2)).isEmpty();
    }

    @Test
    void parsesJsonRpcQuantities() {
        assertThat(Hex.quantity("0x1a")).isEqualTo(26);
        assertThat(Hex.quantity("ff")).isEqualTo(255);
        assertThat(Hex.quantity("0xffffffffffffffff")).isEqualTo(-1L);
        assertThatThrownBy(() -> Hex.quantity(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hex.quantity("0x+1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodesAFieldWithErrorsNamingIt() {
        assertThat(Hex.decodeField("jobId", "0x0102", 2)).containsExactly(1, 2);
        assertThatThrownBy(() -> Hex.decodeField("jobId", null, 2)).hasMessage("jobId is missing");
        assertThatThrownBy(() -> Hex.decodeField("jobId", "0x01", 2)).hasMessage("jobId must be 2 bytes of 0x-hex");
        assertThatThrownBy(() -> Hex.decodeField("jobId", "0x01\u0663\u0663", 2)).hasMessage("jobId is not hex");
    }

    @Test
    void decodesIntoAndEncodesIntoCallerBuffers() {
        byte[] out = new byte[4];
        assertThat(Hex.decodeInto("0xAbCd", out, 1, 2)).isTrue();
        assertThat(out).containsExactly(0, 0xab, 0xcd, 0);
        assertThat(Hex.decodeInto("abcd", out, 0, 2)).isFalse();
        assertThat(Hex.decodeInto("0xabc", out, 0, 2)).isFalse();
        assertThat(Hex.decodeInto("0x\u0663\u0663", out, 0, 1)).isFalse();
        char[] c = new char[6];
        Hex.encodeInto(new byte[] {9, (byte) 0xab, (byte) 0xcd}, 1, 2, c);
        assertThat(new String(c)).isEqualTo("0xabcd");
    }
}
