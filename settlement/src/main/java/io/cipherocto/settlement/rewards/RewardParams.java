package io.cipherocto.settlement.rewards;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Parameters in force for one epoch: the protocol fee (RewardDistributor.protocolFeeWad), the OCTO and treasury
 * addresses, the token of each role and the emission budget per role token (min(emissionCap(token), configured
 * budget)), and the unattested-sample policy. Addresses lower-case 0x-hex.
 */
public record RewardParams(BigInteger protocolFeeWad, String octo, String treasury, SortedMap<Integer, String> roleTokens,
        SortedMap<String, BigInteger> emissionBudgets, UnattestedPolicy policy) {
    public static final BigInteger WAD = BigInteger.TEN.pow(18);

    public RewardParams {
        Objects.requireNonNull(protocolFeeWad, "protocolFeeWad");
        if (protocolFeeWad.signum() < 0 || protocolFeeWad.compareTo(WAD) > 0) {
            throw new IllegalArgumentException("protocolFeeWad must be in [0, 1e18]");
        }
        Objects.requireNonNull(octo, "octo");
        Objects.requireNonNull(treasury, "treasury");
        roleTokens = new TreeMap<>(Objects.requireNonNull(roleTokens, "roleTokens"));
        emissionBudgets = new TreeMap<>(Objects.requireNonNull(emissionBudgets, "emissionBudgets"));
        for (Map.Entry<String, BigInteger> e : emissionBudgets.entrySet()) {
            if (e.getValue().signum() < 0) {
                throw new IllegalArgumentException("negative emission budget for " + e.getKey());
            }
        }
        Objects.requireNonNull(policy, "policy");
    }

    public BigInteger budget(String token) {
        return emissionBudgets.getOrDefault(token, BigInteger.ZERO);
    }
}
