package io.cipherocto.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;

/** Command-line amounts (exact wei, no floating point) and the wording of decoded custom errors. */
class AmountsTest {
    @Test
    void plainIntegers_areWei_andDecimalsWithAUnit_areExact18DecimalAmounts() {
        assertThat(Amounts.parse("--octo", "123")).isEqualTo(BigInteger.valueOf(123));
        assertThat(Amounts.parse("--octo", "2.5octo")).isEqualTo(new BigInteger("2500000000000000000"));
        assertThat(Amounts.parse("--octo", "1ETHER")).isEqualTo(BigInteger.TEN.pow(18));
        assertThat(Amounts.parse("--octo", "0.000000000000000001octo")).isEqualTo(BigInteger.ONE);
        assertThat(Amounts.parse("--octo", "1_000octo")).isEqualTo(BigInteger.valueOf(1000).multiply(BigInteger.TEN.pow(18)));
    }

    @Test
    void fractionsOfAWei_negatives_andDecimalsWithoutAUnit_areRefused() {
        assertThatThrownBy(() -> Amounts.parse("--octo", "1.0000000000000000001octo")).hasMessageContaining("more than 18 decimals");
        assertThatThrownBy(() -> Amounts.parse("--octo", "-1")).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Amounts.parse("--octo", "1.5")).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> Amounts.parse("--octo", "-1octo")).hasMessageContaining("is not an amount");
    }

    @Test
    void customErrors_areDecodedFromTheSuiteAbis_andWorded() {
        String notReady = "0x" + org.web3j.crypto.Hash.sha3String("StakingUnbondingNotReady(uint256)").substring(2, 10)
                + FunctionEncoder.encodeConstructor(java.util.List.of(new Uint256(1_800_000_000L)));
        assertThat(ContractErrors.describe(notReady, "?")).isEqualTo(
                "unbonding not withdrawable yet: ready at 2027-01-15T08:00:00Z (unix 1800000000) [StakingUnbondingNotReady]");
        assertThat(ContractErrors.describe("0xdeadbeef", "the fallback")).isEqualTo("the fallback");
    }
}
