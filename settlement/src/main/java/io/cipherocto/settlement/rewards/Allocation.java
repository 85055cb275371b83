package io.cipherocto.settlement.rewards;

import java.math.BigInteger;

/** What one earner receives in one token for one epoch ({@code kind}: provider or treasury). */
public record Allocation(String earner, String token, BigInteger amount, String kind) {
}
