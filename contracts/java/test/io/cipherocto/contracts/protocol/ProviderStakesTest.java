package io.cipherocto.contracts.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stake views' return data, decoded as words; no or short data is a typed failure. */
class ProviderStakesTest {
    private static String word(long v) {
        return String.format("%064x", v);
    }

    @Test
    void providerStakeAndUnbondingWords_decodeToTheStake() {
        List<BigInteger> s = ProviderStakes.words("providerStake", "0x" + word(2_000) + word(200) + word(1_700_000_000) + word(1), 4);
        List<BigInteger> u = ProviderStakes.words("unbonding", "0x" + word(30) + word(3), 2);
        assertThat(ProviderStakes.decode(s, u)).isEqualTo(new ProviderStakes.Stake(true, BigInteger.valueOf(2_000),
                BigInteger.valueOf(200), BigInteger.valueOf(30), BigInteger.valueOf(3), 1_700_000_000L));
    }

    @Test
    void unregisteredProvider_decodesAsNotRegistered_withZeroes() {
        List<BigInteger> s = ProviderStakes.words("providerStake", "0x" + word(0).repeat(4), 4);
        List<BigInteger> u = ProviderStakes.words("unbonding", "0x" + word(0).repeat(2), 2);
        ProviderStakes.Stake stake = ProviderStakes.decode(s, u);
        assertThat(stake.registered()).isFalse();
        assertThat(stake.octo()).isZero();
        assertThat(stake.unbondReadyAt()).isZero();
    }

    @Test
    void noReturnData_isNoCode() {
        assertThatThrownBy(() -> ProviderStakes.words("providerStake", "0x", 4))
                .isInstanceOfSatisfying(ProviderStakes.StakeReadException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ProviderStakes.Failure.NO_CODE);
                    assertThat(e.function()).isEqualTo("providerStake");
                });
    }

    @Test
    void shortReturnData_isMalformed_namingTheView() {
        assertThatThrownBy(() -> ProviderStakes.words("unbonding", "0x" + word(1), 2))
                .isInstanceOfSatisfying(ProviderStakes.StakeReadException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ProviderStakes.Failure.MALFORMED);
                    assertThat(e.getMessage()).startsWith("unbonding() returned 0x");
                });
    }
}
