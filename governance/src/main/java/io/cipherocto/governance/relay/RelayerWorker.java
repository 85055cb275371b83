package io.cipherocto.governance.relay;

import io.cipherocto.governance.GovernanceConfig;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.RoleLifecycle;
import io.cipherocto.platform.db.LockScope;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;

/**
 * Runs the {@link Relayer} in the background (the shared {@link RoleLifecycle}) where the governance role runs, the
 * relayer is enabled and a relayer key is set; across instances only the holder of the key's PostgreSQL advisory lock
 * ({@link LockScope#GOVERNANCE_RELAYER}) relays. The key comes only from {@code octo.governance.relayer-key} and is
 * never logged.
 */
@ApplicationScoped
public class RelayerWorker {
    private static final Logger LOG = Logger.getLogger(RelayerWorker.class);

    @Inject
    GovernanceRuntime runtime;

    @Inject
    GovernanceConfig config;

    @Inject
    NodeRoles roles;

    private final RoleLifecycle lifecycle = new RoleLifecycle(NodeRole.GOVERNANCE, "governance relayer",
            "governance-relayer", LOG);
    private volatile Relayer relayer;
    private volatile String lastError = "";
    private io.vertx.mutiny.sqlclient.SqlConnection lockConnection; // only touched by the relay thread
    private boolean lockHeld;
    private volatile boolean stopping;

    void start(@Observes StartupEvent e) {
        if (!lifecycle.runsOn(roles)) {
            return;
        }
        if (!config.relayer().enabled()) {
            lifecycle.off("octo.governance.relayer.enabled is false");
            return;
        }
        if (config.relayerKey().isEmpty()) {
            lifecycle.notStarted("octo.governance.relayer-key (env OCTO_GOVERNANCE_RELAYER_KEY) is not set; accepted "
                    + "ballots stay queued");
            return;
        }
        long every = Math.max(50, config.relayer().pollInterval().toMillis());
        lifecycle.start(() -> relayEvery(every), () -> stopping = true);
        LOG.infof("governance relayer started (every %d ms)", every);
    }

    void stop(@Observes ShutdownEvent e) {
        lifecycle.stop();
    }

    /** Why the background relayer is not running on this node, when it is not. */
    public Optional<String> offReason() {
        return lifecycle.offReason();
    }

    /** A round every {@code every} ms (after a pause of as long) until stopped; then gives up the relayer lock. */
    private void relayEvery(long every) {
        try {
            while (!stopping) {
                Thread.sleep(every);
                round();
            }
        } catch (InterruptedException ie) {
            // stopping
        } finally {
            if (lockConnection != null) {
                Thread.interrupted(); // the stop's interrupt must not cut the close short
                try {
                    lockConnection.closeAndAwait(); // releases the advisory lock
                } catch (RuntimeException ignored) {
                    // shutting down anyway
                }
                lockConnection = null;
                lockHeld = false;
            }
        }
    }

    private void round() {
        try {
            Relayer r = relayer().orElseThrow(() -> new IllegalStateException("no relayer key"));
            if (!holdsRelayerLock(r.address())) {
                return; // another instance relays for this key
            }
            r.relayOnce();
            lastError = "";
        } catch (RuntimeException ex) {
            String msg = String.valueOf(ex.getMessage());
            if (!stopping && !msg.equals(lastError)) { // log each new problem once, not every round
                LOG.warnf("governance relay round failed: %s", msg);
                lastError = msg;
            }
        }
    }

    /**
     * One relayer per key across instances: a PostgreSQL session advisory lock, keyed by the relayer address, held on
     * a dedicated connection for as long as this instance relays. A second instance with the same key waits (its
     * rounds do nothing) and takes over when the first one's connection goes away.
     */
    private boolean holdsRelayerLock(String relayerAddress) {
        try {
            if (lockConnection == null) {
                lockConnection = runtime.pool().getConnection().await().atMost(java.time.Duration.ofSeconds(10));
                lockHeld = false;
            }
            if (lockHeld) {
                // Still the same live session? (a dropped connection has released the lock)
                lockConnection.query("SELECT 1").execute().await().atMost(java.time.Duration.ofSeconds(10));
                return true;
            }
            long key = LockScope.GOVERNANCE_RELAYER.key(relayerAddress);
            lockHeld = lockConnection.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(io.vertx.mutiny.sqlclient.Tuple.of(key))
                    .await().atMost(java.time.Duration.ofSeconds(10)).iterator().next().getBoolean(0);
            if (lockHeld) {
                LOG.infof("governance relayer %s: this instance relays", relayerAddress);
            }
            return lockHeld;
        } catch (RuntimeException e) {
            if (lockConnection != null) {
                try {
                    lockConnection.closeAndAwait();
                } catch (RuntimeException ignored) {
                    // already broken
                }
            }
            lockConnection = null;
            lockHeld = false;
            throw e;
        }
    }

    /** The relayer for the configured key (built on first use); empty without a key. */
    public Optional<Relayer> relayer() {
        Relayer r = relayer;
        if (r == null && config.relayerKey().isPresent()) {
            synchronized (this) {
                if (relayer == null) {
                    relayer = create();
                }
                r = relayer;
            }
        }
        return Optional.ofNullable(r);
    }

    /** A new relayer instance on the same key, store and chain (a "restart" in tests). */
    public Relayer create() {
        GovernorGateway g = runtime.gateway();
        long chainId;
        try {
            chainId = g.web3j().ethChainId().send().getChainId().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Relayer(g, runtime.store(), credentials(), chainId, RelaySettings.of(config.relayer()),
                b -> {
                    runtime.pending().release(b);
                    runtime.chain().forgetNonce(b.voter());
                });
    }

    /** The relayer's address, when a key is configured. */
    public Optional<String> address() {
        return config.relayerKey().map(k -> credentials().getAddress());
    }

    private Credentials credentials() {
        String k = Objects.requireNonNull(config.relayerKey().orElse(null), "relayer key").trim();
        try {
            return Credentials.create(k);
        } catch (RuntimeException e) { // never echo the key
            throw new IllegalStateException("octo.governance.relayer-key is not a valid private key");
        }
    }
}
