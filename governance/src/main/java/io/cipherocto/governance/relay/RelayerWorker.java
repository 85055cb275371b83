package io.cipherocto.governance.relay;

import io.cipherocto.governance.GovernanceConfig;
import io.cipherocto.governance.GovernanceRuntime;
import io.cipherocto.governance.chain.GovernorGateway;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.RoleLifecycle;
import io.cipherocto.platform.db.LockScope;
import io.cipherocto.platform.db.LockedLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
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
        LockedLoop loop;
        try {
            loop = relayLoop(every);
        } catch (IllegalStateException invalidKey) { // the message never echoes the key
            lifecycle.notStarted(invalidKey.getMessage());
            return;
        }
        lifecycle.start(loop, () -> {
            stopping = true;
            loop.stop();
        });
        LOG.infof("governance relayer started (every %d ms)", every);
    }

    void stop(@Observes ShutdownEvent e) {
        lifecycle.stop();
    }

    /** Why the background relayer is not running on this node, when it is not. */
    public Optional<String> offReason() {
        return lifecycle.offReason();
    }

    /**
     * Rounds every {@code every} ms while this instance holds the advisory lock of the relayer's key (the shared
     * {@link LockedLoop}): one relayer per key across instances; a second instance with the same key waits and takes
     * over when the first one's connection goes away.
     */
    private LockedLoop relayLoop(long every) {
        String relayerAddress = address().orElseThrow().toLowerCase(Locale.ROOT);
        return new LockedLoop(runtime.pool(), LockScope.GOVERNANCE_RELAYER, relayerAddress, Duration.ofMillis(every),
                this::round)
                .onAcquired(() -> LOG.infof("governance relayer %s: this instance relays", relayerAddress))
                .onFailure(this::log);
    }

    private void round() {
        try {
            relayer().orElseThrow(() -> new IllegalStateException("no relayer key")).relayOnce();
            lastError = "";
        } catch (RuntimeException ex) {
            log(ex);
        }
    }

    private void log(RuntimeException ex) {
        String msg = String.valueOf(ex.getMessage());
        if (!stopping && !msg.equals(lastError)) { // log each new problem once, not every round
            LOG.warnf("governance relay round failed: %s", msg);
            lastError = msg;
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
