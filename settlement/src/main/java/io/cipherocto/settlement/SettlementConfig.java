package io.cipherocto.settlement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
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

    /** Most receipts over all envelopes of one POST /receipts/envelopes (413 batch_too_large above). */
    @WithDefault("32768")
    int maxEnvelopeReceipts();

    /** Largest POST /receipts body in bytes (413 body_too_large above); quarkus.http.limits.max-body-size must allow it. */
    @WithDefault("10485760")
    long maxBodyBytes();

    /**
     * How long after an epoch closes (chain time) settlement waits for on-chain verdicts on its sample set, unless every
     * registered verifier has committed its pass attestations for the epoch before.
     */
    @WithDefault("PT10M")
    Duration attestationDeadline();

    /**
     * Base URLs of verifier operators serving {@code GET /api/v1/verifier/epochs/{n}/passes} (comma-separated): where
     * the pass attestations behind their on-chain pass commitments are fetched (each set is checked against the
     * committed root). Absent: this node's own HTTP port (a node that runs the verifier role too).
     */
    Optional<List<String>> verifierUrls();

    /**
     * Directory each computed epoch's public bundle is written to ({@code epoch-<n>-<hash>.json}); absent: the bundles
     * are only served by {@code GET /api/v1/epochs/{n}/bundle}.
     */
    Optional<String> bundleDir();

    /**
     * The largest bundle also stored in the database with the epoch's result (bytes); a larger one is kept only as its
     * file in {@link #bundleDir()}, which must then be set. Default 256 MiB (PostgreSQL's bytea stops at 1 GB).
     */
    @WithDefault("268435456")
    long bundleDbMaxBytes();

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

    /** Per-sender receipt activity ({@code octo.settlement.sender-metrics.*}): see {@code SenderActivity}. */
    SenderMetrics senderMetrics();

    /** Bounds and window of the per-sender receipt activity kept in memory and exposed as metrics. */
    interface SenderMetrics {
        /**
         * Most (address, side) pairs tracked by name. Each costs four Prometheus series (three outcomes and last seen),
         * so the default keeps a scrape in the tens of thousands of series; beyond it new senders are counted under
         * {@code sender="other"}.
         */
        @WithDefault("10000")
        int maxSenders();

        /** A tracked sender not seen for longer than this counts in {@code octo_receipts_senders_silent}. */
        @WithDefault("PT10M")
        Duration silentAfter();
    }
}
