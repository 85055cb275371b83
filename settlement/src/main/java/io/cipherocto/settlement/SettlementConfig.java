package io.cipherocto.settlement;

import io.cipherocto.settlement.rewards.UnattestedPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the settlement role, prefix {@code octo.settlement.} (env {@code OCTO_SETTLEMENT_...}). Every key has a
 * default or is optional: a node boots without any of them (the worker then does not start; the read API works).
 */
@ConfigMapping(prefix = "octo.settlement")
public interface SettlementConfig {

    /** Private key (hex) holding SETTLEMENT_ROLE on the RewardDistributor; without it no epoch is settled. Never logged. */
    Optional<String> operatorKey();

    /** Run the background epoch worker (where the settlement role runs and an operator key is set). */
    @WithDefault("true")
    boolean workerEnabled();

    /** Most receipts per POST /receipts (413 batch_too_large above). */
    @WithDefault("10000")
    int maxBatch();

    /** Largest POST /receipts body in bytes (413 body_too_large above); quarkus.http.limits.max-body-size must allow it. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /** How long after an epoch closes settlement waits for the verifier's attestations of the sample set. */
    @WithDefault("PT10M")
    Duration attestationDeadline();

    /** What a sampled receipt still unattested at the deadline earns (FEES_ONLY, FULL, NONE). */
    @WithDefault("FEES_ONLY")
    UnattestedPolicy unattestedPolicy();

    /** Emission per role token per epoch, capped by the on-chain emissionCap; absent = the cap. */
    Optional<BigInteger> emissionPerEpoch();

    /** Blocks after the closing block before an epoch is settled (reorg safety). */
    @WithDefault("0")
    long finalityBlocks();

    /** Pause between two worker rounds. */
    @WithDefault("PT2S")
    Duration pollInterval();

    /** How long one publication waits for its receipt before the next round looks again. */
    @WithDefault("PT60S")
    Duration receiptTimeout();

    /** Rows per page of GET /epochs and GET /epochs/{n}/rewards. */
    @WithDefault("100")
    int pageSize();
}
