package io.cipherocto.platform.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpochIdTest {
    @Test
    void isANonNegativeNumberWithASuccessor() {
        assertThat(EpochId.of(0).next()).isEqualTo(EpochId.of(1));
        assertThat(EpochId.of(7).value()).isEqualTo(7);
        assertThat(EpochId.of(42).toString()).isEqualTo("42");
        assertThatThrownBy(() -> EpochId.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpochId.of(Long.MAX_VALUE).next()).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void requireAnswersTheEpochOrNamesTheNegativeOne() {
        assertThat(EpochId.require(3)).isEqualTo(3);
        assertThatThrownBy(() -> EpochId.require(-2)).hasMessage("epoch must be >= 0, got -2");
    }
}
