package io.cipherocto.platform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class WeiTest {
    private static final BigInteger MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    @Test
    void roundTripsDecimal() {
        assertThat(Wei.parse("1000000000000000000").value()).isEqualTo(new BigInteger("1000000000000000000"));
        assertThat(Wei.parse("0")).isEqualTo(Wei.ZERO);
        assertThat(Wei.parse(MAX.toString())).isEqualTo(Wei.MAX);
        assertThat(Wei.of(BigInteger.TEN).toString()).isEqualTo("10");
    }

    @Test
    void holdsTheUint256BoundsExactly() {
        assertThat(Wei.of(MAX).value()).isEqualTo(MAX);
        assertThatThrownBy(() -> Wei.of(MAX.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wei.parse(MAX.add(BigInteger.ONE).toString()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wei.of(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wei.MAX.add(Wei.of(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Wei.of(2).add(Wei.of(3))).isEqualTo(Wei.of(5));
    }

    @Test
    void refusesSignsBlanksFractionsAndNonAsciiDigits() {
        for (String bad : new String[] {null, "", "-1", "+1", " 1", "1.0", "1e3", "\u0663", "0x10"}) {
            assertThatThrownBy(() -> Wei.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
