package io.cipherocto.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

class SampleRuleTest {
    private static byte[] word(int last) {
        byte[] b = new byte[32];
        b[31] = (byte) last;
        return b;
    }

    private static byte[] fill(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    // Computed independently with node + js-sha3:
    // keccak256(0x00..01 || 0x00..02) = 0xe90b7bceb6e7df5418fb78d8ee546e97c83a08bbccc01a0644d599ccd2a7c2e0,
    // as uint256 mod 1e18 = 412709691342439136.
    private static final BigInteger DRAW_1_2 = new BigInteger("412709691342439136");

    @Test
    void draw_isKeccakOfTheAbiEncodedPair_mod1e18() {
        assertThat(SampleRule.draw(word(1), word(2))).isEqualTo(DRAW_1_2);
        assertThat(SampleRule.draw(fill(0xAB), fill(0xCD))).isEqualTo(new BigInteger("708170767832331735"));
        assertThat(new BigInteger(1, Numeric.hexStringToByteArray(
                "0xe90b7bceb6e7df5418fb78d8ee546e97c83a08bbccc01a0644d599ccd2a7c2e0")).mod(SampleRule.WAD))
                .isEqualTo(DRAW_1_2);
    }

    @Test
    void sampled_isStrictlyLessThanTheRate() {
        assertThat(SampleRule.sampled(word(1), word(2), DRAW_1_2)).isFalse();
        assertThat(SampleRule.sampled(word(1), word(2), DRAW_1_2.add(BigInteger.ONE))).isTrue();
        assertThat(SampleRule.sampled(word(1), word(2), BigInteger.ZERO)).isFalse();
        assertThat(SampleRule.sampled(word(1), word(2), SampleRule.WAD)).isTrue();
    }

    @Test
    void sampled_dependsOnTheOrderOfSeedAndJobId() {
        assertThat(SampleRule.draw(word(2), word(1))).isNotEqualTo(DRAW_1_2);
    }

    @Test
    void sampled_atFivePercent_samplesAboutFivePercent() {
        BigInteger rate = new BigInteger("50000000000000000");
        int hits = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] job = Numeric.toBytesPadded(BigInteger.valueOf(i), 32);
            if (SampleRule.sampled(fill(7), job, rate)) {
                hits++;
            }
        }
        assertThat(hits).isBetween(140, 260); // 200 expected, > 4 sigma either way
    }

    @Test
    void preconditions_rejectBadRatesAndLengths() {
        assertThatThrownBy(() -> SampleRule.sampled(word(1), word(2), SampleRule.WAD.add(BigInteger.ONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1e18]");
        assertThatThrownBy(() -> SampleRule.sampled(word(1), word(2), BigInteger.valueOf(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SampleRule.draw(new byte[31], word(2))).hasMessageContaining("seed must be 32 bytes");
    }
}
