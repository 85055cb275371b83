package io.cipherocto.governance;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the governance role, prefix {@code octo.governance.} (env {@code OCTO_GOVERNANCE_...}). Every key has a
 * default or is optional, so a node boots without any of them. Reference: docs/governance-api.md.
 */
@ConfigMapping(prefix = "octo.governance")
public interface GovernanceConfig {

    /** Private key (hex) of the account that pays for relayed ballots; env OCTO_GOVERNANCE_RELAYER_KEY. Never logged. */
    Optional<String> relayerKey();

    /** Largest accepted POST body in bytes (413 body_too_large above). */
    @WithDefault("16384")
    int maxBodyBytes();

    Relayer relayer();

    RateLimit rateLimit();

    Cache cache();

    /** The background relayer (runs only where the governance role runs). */
    interface Relayer {
        /** Start the background relay loop (tests drive it by hand). */
        @WithDefault("true")
        boolean enabled();

        /** Pause between two relay rounds. */
        @WithDefault("PT0.5S")
        Duration pollInterval();

        @WithDefault("400000")
        long gasLimit();

        /** A relay transaction not mined after this long is re-sent with the same nonce and a higher gas price. */
        @WithDefault("PT45S")
        Duration stuckAfter();

        /** Gas price increase of a fee bump, in percent (nodes need >= 10). */
        @WithDefault("25")
        int bumpPercent();

        /** Upper bound of a bumped gas price in wei (none by default). */
        Optional<BigInteger> maxGasPriceWei();

        /** Relay transactions in flight at once (consecutive relayer nonces). */
        @WithDefault("16")
        int maxInFlight();

        /** Blocks on top of the relay transaction's block before a ballot is confirmed (1 = mined). */
        @WithDefault("1")
        int confirmations();

        /** Readiness check "relayer" is DOWN below this relayer balance (wei; default 0.1 ETH). */
        @WithDefault("100000000000000000")
        BigInteger minBalanceWei();
    }

    /** In-memory token buckets on POST /votes, per client address and per voter; 429 with Retry-After. */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained ballots per second per client address. */
        @WithDefault("2000")
        long clientPerSecond();

        @WithDefault("4000")
        long clientBurst();

        /** Sustained ballots per second per voter. */
        @WithDefault("2")
        long voterPerSecond();

        @WithDefault("20")
        long voterBurst();
    }

    /** Chain read caching. */
    interface Cache {
        /** How long the latest block (and with it proposal states) is reused before asking the node again. */
        @WithDefault("PT0.25S")
        Duration headTtl();
    }
}
