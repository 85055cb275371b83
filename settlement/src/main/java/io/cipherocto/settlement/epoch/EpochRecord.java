package io.cipherocto.settlement.epoch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;

/**
 * A settled epoch as stored: seed and sampling rate, parameters in force ({@code params}: protocolFeeWad,
 * emission budgets, policy, treasury, octo), counts, forfeited providers, totals (debited, protocolFee, feeDust,
 * emissions per token, requesters and fees as submitted), the cumulative root and the standard-v1 tree dump.
 */
public record EpochRecord(long epoch, String status, long closingBlock, String seed, BigInteger samplingRateWad,
        JsonNode params, long receiptCount, long sampleCount, long attestedPass, long attestedFail, long unattested,
        List<String> forfeited, JsonNode totals, String root, String tree, String computedAt, String publishedAt) {
}
