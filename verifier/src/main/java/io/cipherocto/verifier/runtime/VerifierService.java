package io.cipherocto.verifier.runtime;

import io.cipherocto.contracts.deploy.Chain;
import io.cipherocto.contracts.deploy.DeploymentManifest;
import io.cipherocto.contracts.generated.AttestationRegistry;
import io.cipherocto.gpuverifier.kernel.JobExecutor;
import io.cipherocto.platform.NodeRole;
import io.cipherocto.platform.NodeRoles;
import io.cipherocto.platform.RoleLifecycle;
import io.cipherocto.platform.chain.ChainAccess;
import io.cipherocto.contracts.protocol.Attestation;
import io.cipherocto.verifier.attestation.AttestationSigner;
import io.cipherocto.verifier.cosign.CosignService;
import io.cipherocto.verifier.cosign.FailAttestationStore;
import io.cipherocto.verifier.cosign.FailAttestationSubmitter;
import io.cipherocto.verifier.cosign.PeerClient;
import io.cipherocto.verifier.reexec.ReExecutor;
import io.cipherocto.verifier.work.VerifierWorker;
import io.cipherocto.verifier.work.WorkQueue;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.web3j.crypto.Credentials;

/**
 * The verifier role: follows closed epochs and runs {@link EpochProcessor} on each, in order, with the operator's
 * key ({@code octo.verifier.key}, env OCTO_VERIFIER_KEY; never logged). Several instances with the same key share
 * the work through {@code verifier.work}. Fail attestations collect the registry's quorum of signatures from the
 * operators listed in {@code octo.verifier.peers}; this operator co-signs theirs through {@link #cosigner()}. Started
 * and stopped through the shared {@link RoleLifecycle}.
 */
@ApplicationScoped
public class VerifierService {
    private static final Logger LOG = Logger.getLogger(VerifierService.class);
    /** The least time between two attempts at one open fail attestation. */
    private static final Duration FAIL_RETRY_INTERVAL = Duration.ofSeconds(30);

    @Inject
    NodeRoles roles;

    @Inject
    ChainAccess chain;

    @Inject
    Pool pool;

    @Inject
    JobSource jobs;

    @ConfigProperty(name = "octo.verifier.key")
    Optional<String> key;

    @ConfigProperty(name = "octo.verifier.poll-interval", defaultValue = "2s")
    Duration poll;

    @ConfigProperty(name = "octo.verifier.instance")
    Optional<String> instance;

    /** Base URLs of the other verifier operators asked to co-sign fail attestations (comma-separated). */
    @ConfigProperty(name = "octo.verifier.peers")
    Optional<List<String>> peers;

    /** An open fail attestation (short of its quorum) is retried until this many epochs have passed. */
    @ConfigProperty(name = "octo.verifier.fail-retry-epochs", defaultValue = "16")
    long failRetryEpochs;

    /** Per co-sign request to a peer (the peer re-executes the job before it answers). */
    @ConfigProperty(name = "octo.verifier.peer-timeout", defaultValue = "60s")
    Duration peerTimeout;

    /** Co-sign requests accepted per finder and minute (POST /api/v1/verifier/cosign; more: 429). */
    @ConfigProperty(name = "octo.verifier.cosign-requests-per-minute", defaultValue = "120")
    int cosignRequestsPerMinute;

    private final RoleLifecycle lifecycle = new RoleLifecycle(NodeRole.VERIFIER, "verifier", "octo-verifier", LOG);
    private volatile boolean running = true;
    private volatile long nextEpoch;
    private volatile Optional<CosignService> cosigner = Optional.empty();
    private volatile Optional<String> address = Optional.empty();

    void onStart(@Observes StartupEvent event) {
        if (!lifecycle.runsOn(roles)) {
            return;
        }
        if (key.isEmpty() || chain.rpcUrl().isEmpty() || chain.findManifest().isEmpty()) {
            lifecycle.notStarted(key.isEmpty() ? "octo.verifier.key (env OCTO_VERIFIER_KEY) is not set"
                    : "octo.rpc-url or octo.manifest is not set");
            return;
        }
        DeploymentManifest m = chain.manifest();
        Credentials credentials = Credentials.create(key.get());
        Chain c = Chain.connect(chain.web3j(), credentials);
        AttestationRegistry registry = AttestationRegistry.load(m.address(DeploymentManifest.ATTESTATIONS), c.web3j(),
                c.txManager(), c.gas());
        var domain = Attestation.domain(m.chainId(), m.address(DeploymentManifest.ATTESTATIONS));
        WorkQueue queue = new WorkQueue(pool);
        String me = instance.orElse(ManagementFactory.getRuntimeMXBean().getName());
        ReExecutor reExecutor = new ReExecutor(new JobExecutor(io.cipherocto.gpuverifier.kernel.BackendSelector.fromSystemProperty()));
        VerifierWorker worker = new VerifierWorker(me, queue, reExecutor, 16, Duration.ofSeconds(60));
        AttestationSigner signer = new AttestationSigner(credentials, domain);
        address = Optional.of(signer.address());
        List<String> peerUrls = peers.orElse(List.of()).stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
        FailAttestationSubmitter fails = new FailAttestationSubmitter(registry, new FailAttestationStore(pool), signer, domain,
                peerUrls, new PeerClient(peerTimeout), failRetryEpochs, FAIL_RETRY_INTERVAL, jobs, c.web3j());
        EpochProcessor processor = new EpochProcessor(registry, pool, queue, worker, jobs, signer, domain, fails);
        cosigner = Optional.of(new CosignService(CosignService.EpochSamples.of(registry), jobs, queue::attestation,
                reExecutor, signer, cosignRequestsPerMinute));
        lifecycle.start(() -> loop(processor, m), () -> running = false);
        LOG.infof("verifier started as %s (instance %s, %d co-signing peers)", credentials.getAddress(), me, peerUrls.size());
    }

    private void loop(EpochProcessor processor, DeploymentManifest m) {
        nextEpoch = pool.query("SELECT coalesce(max(epoch) + 1, 0) FROM verifier.epochs WHERE status <> 'sampling'")
                .executeAndAwait().iterator().next().getLong(0);
        while (running) {
            try {
                long head = chain.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
                while (running) {
                    EpochProcessor.Outcome o = processor.process(nextEpoch, head);
                    if (o == EpochProcessor.Outcome.DONE || o == EpochProcessor.Outcome.SKIPPED) {
                        nextEpoch++;
                    } else {
                        break;
                    }
                }
                processor.retryOpenFails(nextEpoch);
            } catch (Exception e) {
                LOG.warnf("verifier: epoch %d: %s; retrying", nextEpoch, e.toString());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        lifecycle.stop();
    }

    /** Why the verifier is not running, when it is not. */
    public Optional<String> offReason() {
        return lifecycle.offReason();
    }

    /** This operator's side of co-signing (POST /api/v1/verifier/cosign), once the role runs. */
    public Optional<CosignService> cosigner() {
        return cosigner;
    }

    /** This operator's address, once the role runs. */
    public Optional<String> address() {
        return address;
    }

    /** The next epoch this verifier will work on. */
    public long nextEpoch() {
        return nextEpoch;
    }
}
